#include "process.h"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <csignal>
#include <future>
#include <stdexcept>

#include "exit_status.h"

namespace bootstorm {
namespace {

constexpr std::size_t kMaxCapturedBytes = 1 << 20;

std::string Truncated(std::string s) {
  if (s.size() > kMaxCapturedBytes) {
    s.resize(kMaxCapturedBytes);
    s += "\n[truncated]";
  }
  return s;
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  namespace bp = boost::process;
  if (argv.empty()) throw std::invalid_argument("RunProcess: empty argv");
  // Like execvp: a name with a slash is a path, anything else is looked up.
  boost::filesystem::path exe = argv[0].find('/') != std::string::npos
                                    ? boost::filesystem::path(argv[0])
                                    : bp::search_path(argv[0]);
  if (exe.empty()) throw std::runtime_error(fmt::format("{}: not found in PATH", argv[0]));
  boost::asio::io_context io;
  std::future<std::string> out, err;
  std::error_code start_error;
  bp::child child(exe, std::vector<std::string>(argv.begin() + 1, argv.end()), bp::std_in.close(),
                  bp::std_out > out, bp::std_err > err, io, start_error);
  if (start_error) throw std::runtime_error(fmt::format("{}: {}", argv[0], start_error.message()));
  ProcessResult result;
  io.run_for(timeout);
  if (!io.stopped()) {
    result.timed_out = true;
    // Not child.terminate(): it reaps with WNOHANG right after SIGKILL, and
    // the child, not dead yet, stays a zombie for the life of the harness.
    ::kill(child.id(), SIGKILL);
    io.run();  // drain the pipes, now closed
  }
  child.wait();
  result.exit_code = ExitStatusOf(child.native_exit_code());
  result.out = Truncated(out.get());
  result.err = Truncated(err.get());
  return result;
}

ProcessResult RunProcessOrThrow(const std::vector<std::string>& argv,
                                std::chrono::milliseconds timeout) {
  ProcessResult r = RunProcess(argv, timeout);
  if (r.timed_out)
    throw std::runtime_error(
        fmt::format("{}: timed out after {} ms", fmt::join(argv, " "), timeout.count()));
  if (r.exit_code != 0)
    throw std::runtime_error(
        fmt::format("{}: exit code {}: {}", fmt::join(argv, " "), r.exit_code, r.err));
  return r;
}

}  // namespace bootstorm
