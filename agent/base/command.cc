#include "command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "exit_status.h"

extern char** environ;

namespace bootstorm {
namespace {

using Clock = std::chrono::steady_clock;

// Reads what is available into `output`, dropping bytes beyond `max_output`.
// Returns false at end of file.
bool Drain(int fd, std::string& output, std::size_t max_output) {
  char buffer[4096];
  ssize_t n = read(fd, buffer, sizeof buffer);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  std::size_t room = max_output - std::min(max_output, output.size());
  output.append(buffer, std::min(room, static_cast<std::size_t>(n)));
  return true;
}

}  // namespace

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) line += (line.empty() ? "" : " ") + arg;
  return line;
}

CommandResult RunCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                         std::size_t max_output) {
  CommandResult result;
  const Clock::time_point start = Clock::now();
  int pipe_fds[2];
  if (argv.empty() || pipe2(pipe_fds, O_CLOEXEC) != 0) return result;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  int spawn_error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawn_error != 0) {
    close(pipe_fds[0]);
    result.output = std::string("cannot start ") + argv[0] + ": " + strerror(spawn_error);
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return result;
  }

  // Read until the pipe closes or time runs out. A grandchild that keeps the
  // pipe open past the child's exit is cut off by the same deadline.
  const Clock::time_point deadline = start + timeout;
  bool open = true;
  while (open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd pfd{pipe_fds[0], POLLIN, 0};
    int ready = poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready > 0)
      open = Drain(pipe_fds[0], result.output, max_output);
    else if (ready < 0 && errno != EINTR)
      break;
  }
  close(pipe_fds[0]);

  // The child may also close its output and keep running: reap it under the
  // same deadline.
  int status = 0;
  while (!result.timed_out) {
    pid_t reaped = waitpid(pid, &status, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno != EINTR)) break;
    if (Clock::now() >= deadline)
      result.timed_out = true;
    else
      usleep(10'000);
  }
  if (result.timed_out) {
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  result.exit_code = ExitStatusOf(status);
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return result;
}

}  // namespace bootstorm
