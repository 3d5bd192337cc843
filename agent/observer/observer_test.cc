// Runs the real bootstorm-observer on a temporary resolv.conf and checks the
// history it writes (--output), as the guest's boot would make it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "files.h"
#include "history.h"
#include "sha256.h"

namespace bootstorm {
namespace {

namespace fs = std::filesystem;
constexpr auto kWait = std::chrono::seconds(20);

/// The observer's output file, read as it grows (inotify; no sleeps).
class History {
 public:
  explicit History(const std::string& path) : path_(path) {
    std::ofstream{path};
    inotify_ = inotify_init1(IN_CLOEXEC);
    inotify_add_watch(inotify_, path.c_str(), IN_MODIFY);
  }
  ~History() { close(inotify_); }

  /// The first event after those already returned that `match` accepts;
  /// fails the test after kWait.
  HistoryEvent WaitFor(const std::string& what,
                       const std::function<bool(const HistoryEvent&)>& match) {
    auto deadline = std::chrono::steady_clock::now() + kWait;
    for (;;) {
      Read();
      for (; next_ < events_.size(); ++next_) {
        if (match(events_[next_])) return events_[next_++];
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        ADD_FAILURE() << "no " << what << " in " << Text();
        return {};
      }
      pollfd p{.fd = inotify_, .events = POLLIN, .revents = 0};
      if (poll(&p, 1, static_cast<int>(left.count())) > 0) {
        char buffer[4096];
        [[maybe_unused]] ssize_t n = read(inotify_, buffer, sizeof buffer);
      }
    }
  }
  const std::vector<HistoryEvent>& events() {
    Read();
    return events_;
  }
  std::string Text() const { return ReadFileBounded(path_, 1 << 20).value_or("(none)"); }

 private:
  /// Parses the complete lines (the last may still be being written).
  void Read() {
    std::string text = Text();
    events_.clear();
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
      events_.push_back(ParseHistoryEvent(std::string_view(text).substr(start, end - start)));
  }
  std::string path_;
  int inotify_ = -1;
  std::vector<HistoryEvent> events_;
  std::size_t next_ = 0;
};

/// A child process that does `action`, then stays until Release(), so the
/// observer can still read its /proc entry.
class Writer {
 public:
  explicit Writer(const std::function<void()>& action) {
    int fds[2];
    EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
    pid_ = fork();
    if (pid_ == 0) {
      close(fds[1]);
      action();
      char c;
      [[maybe_unused]] ssize_t n = read(fds[0], &c, 1);
      _exit(0);
    }
    close(fds[0]);
    release_ = fds[1];
  }
  ~Writer() { Release(); }
  void Release() {
    if (release_ < 0) return;
    close(release_);
    release_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int release_ = -1;
};

void WriteFile(const std::string& path, const std::string& content, int flags) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC | flags, 0644);
  if (fd < 0 || write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size()))
    _exit(1);
  close(fd);
}

std::string Self(const std::string& what) {
  if (what == "exe") return fs::read_symlink("/proc/self/exe").string();
  std::string comm = ReadFileBounded("/proc/self/comm", 64).value_or("");
  if (!comm.empty()) comm.pop_back();
  return comm;
}

class ObserverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "fanotify needs root (CAP_SYS_ADMIN); CI runs as root";
    char dir[] = "/tmp/bootstorm-observer-test.XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    resolv_conf_ = dir_ + "/resolv.conf";
    WriteFile(resolv_conf_, "nameserver 192.0.2.1\n", O_CREAT);
    history_ = std::make_unique<History>(dir_ + "/history.jsonl");
    observer_ = fork();
    if (observer_ == 0) {
      std::string output = dir_ + "/history.jsonl";
      execl(BOOTSTORM_OBSERVER, BOOTSTORM_OBSERVER, "--resolv-conf", resolv_conf_.c_str(),
            "--output", output.c_str(), "--no-systemd", "--no-nm", "--no-netlink", nullptr);
      _exit(127);
    }
  }
  void TearDown() override {
    if (observer_ > 0) {
      kill(observer_, SIGKILL);
      waitpid(observer_, nullptr, 0);
    }
    history_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  /// SIGTERM; the observer's exit status.
  int Stop() {
    kill(observer_, SIGTERM);
    int status = 0;
    waitpid(observer_, &status, 0);
    observer_ = -1;
    return status;
  }

  std::string dir_, resolv_conf_;
  std::unique_ptr<History> history_;
  pid_t observer_ = -1;
};

bool IsResolvConf(const HistoryEvent& e, const std::string& op) {
  return e.kind == kHistoryResolvConf && e.op == op;
}

TEST_F(ObserverTest, RecordsRenamesAndInPlaceWritesWithTheirWriter) {
  HistoryEvent initial =
      history_->WaitFor("initial", [](auto& e) { return IsResolvConf(e, "initial"); });
  EXPECT_EQ(initial.path, resolv_conf_);
  EXPECT_EQ(initial.content, "nameserver 192.0.2.1\n");
  EXPECT_EQ(initial.sha256, Sha256Hex("nameserver 192.0.2.1\n"));
  EXPECT_FALSE(initial.writer.has_value());
  history_->WaitFor("started",
                    [](auto& e) { return e.kind == kHistoryObserver && e.op == "started"; });

  const std::string renamed = "nameserver 198.51.100.1\n";
  Writer by_rename([&] {
    WriteFile(resolv_conf_ + ".tmp", renamed, O_CREAT | O_TRUNC);
    if (rename((resolv_conf_ + ".tmp").c_str(), resolv_conf_.c_str()) != 0) _exit(1);
  });
  HistoryEvent moved =
      history_->WaitFor("moved-to", [](auto& e) { return IsResolvConf(e, "moved-to"); });
  EXPECT_EQ(moved.path, resolv_conf_);
  EXPECT_EQ(moved.content, renamed);
  EXPECT_EQ(moved.sha256, Sha256Hex(renamed));
  EXPECT_EQ(moved.symlink_target, "");
  ASSERT_TRUE(moved.writer.has_value());
  EXPECT_EQ(moved.writer->pid, by_rename.pid());
  EXPECT_EQ(moved.writer->comm, Self("comm"));
  EXPECT_EQ(moved.writer->exe, Self("exe"));
  by_rename.Release();

  const std::string in_place = "nameserver 203.0.113.9\n";
  Writer by_write([&] { WriteFile(resolv_conf_, in_place, O_TRUNC); });
  HistoryEvent modified = history_->WaitFor("modify with the new content", [&](auto& e) {
    return IsResolvConf(e, "modify") && e.content == in_place;
  });
  EXPECT_EQ(modified.path, resolv_conf_);
  EXPECT_EQ(modified.sha256, Sha256Hex(in_place));
  ASSERT_TRUE(modified.writer.has_value());
  EXPECT_EQ(modified.writer->pid, by_write.pid());
  by_write.Release();

  EXPECT_EQ(Stop(), 0);  // exit status 0 after SIGTERM
  // Every event arrived: seq counts 1, 2, ... without a gap, and only the
  // watched name counted (resolv.conf.tmp made none).
  const std::vector<HistoryEvent>& events = history_->events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].seq, i + 1);
    if (events[i].kind == kHistoryResolvConf) {
      EXPECT_EQ(events[i].path, resolv_conf_);
    }
  }
}

TEST_F(ObserverTest, FollowsTheLinkIntoAFolderThatAppearsLater) {
  history_->WaitFor("started",
                    [](auto& e) { return e.kind == kHistoryObserver && e.op == "started"; });
  // As NetworkManager: /etc/resolv.conf -> /run/NetworkManager/resolv.conf.
  Writer link([&] {
    if (symlink("run/nm/resolv.conf", (resolv_conf_ + ".new").c_str()) != 0 ||
        rename((resolv_conf_ + ".new").c_str(), resolv_conf_.c_str()) != 0)
      _exit(1);
  });
  HistoryEvent linked =
      history_->WaitFor("moved-to", [](auto& e) { return IsResolvConf(e, "moved-to"); });
  EXPECT_EQ(linked.symlink_target, "run/nm/resolv.conf");
  EXPECT_EQ(linked.content, std::nullopt);  // dangling: the folder is not there yet
  EXPECT_EQ(linked.sha256, "");
  link.Release();

  const std::string target = dir_ + "/run/nm/resolv.conf";
  const std::string first = "nameserver 198.51.100.53\n";
  Writer create([&] {
    if (mkdir((dir_ + "/run").c_str(), 0755) != 0 || mkdir((dir_ + "/run/nm").c_str(), 0755) != 0)
      _exit(1);
    WriteFile(target, first, O_CREAT);
  });
  history_->WaitFor("the target's content",
                    [&](auto& e) { return e.kind == kHistoryResolvConf && e.content == first; });
  create.Release();

  // The new folder is marked now: a write there names its writer.
  const std::string second = "nameserver 198.51.100.54\n";
  Writer rewrite([&] { WriteFile(target, second, O_TRUNC); });
  HistoryEvent modified = history_->WaitFor("modify of the target", [&](auto& e) {
    return IsResolvConf(e, "modify") && e.content == second;
  });
  EXPECT_EQ(modified.path, target);
  EXPECT_EQ(modified.symlink_target, "run/nm/resolv.conf");
  ASSERT_TRUE(modified.writer.has_value());
  EXPECT_EQ(modified.writer->pid, rewrite.pid());
  rewrite.Release();
  EXPECT_EQ(Stop(), 0);
}

// systemd holds back everything ordered after the observer until READY=1:
// it must not wait for the output (nor any other watch than resolv.conf's),
// and a write right after it must still be recorded with its writer.
TEST(ObserverReadiness, ReadyComesBeforeTheOutputOpensAndTheWatchIsArmedByThen) {
  if (geteuid() != 0) GTEST_SKIP() << "fanotify needs root (CAP_SYS_ADMIN); CI runs as root";
  char dir_template[] = "/tmp/bootstorm-observer-test.XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template, resolv_conf = dir + "/resolv.conf",
                    fifo = dir + "/history.fifo", notify = dir + "/notify";
  WriteFile(resolv_conf, "nameserver 192.0.2.1\n", O_CREAT);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  int notify_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{.sun_family = AF_UNIX, .sun_path = {}};
  notify.copy(address.sun_path, sizeof address.sun_path - 1);
  ASSERT_EQ(bind(notify_fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  pid_t observer = fork();
  if (observer == 0) {
    setenv("NOTIFY_SOCKET", notify.c_str(), 1);
    // Opening the FIFO for writing blocks until the test reads it.
    execl(BOOTSTORM_OBSERVER, BOOTSTORM_OBSERVER, "--resolv-conf", resolv_conf.c_str(), "--output",
          fifo.c_str(), "--no-systemd", "--no-nm", "--no-netlink", nullptr);
    _exit(127);
  }
  // On every way out, a failed assertion too: the observer may be blocked in open().
  struct Cleanup {
    pid_t observer;
    int notify_fd;
    std::string dir;
    ~Cleanup() {
      kill(observer, SIGKILL);
      waitpid(observer, nullptr, 0);
      close(notify_fd);
      fs::remove_all(dir);
    }
  } cleanup{observer, notify_fd, dir};
  pollfd p{.fd = notify_fd, .events = POLLIN, .revents = 0};
  char message[256] = {};
  ASSERT_EQ(poll(&p, 1, std::chrono::milliseconds(kWait).count()), 1)
      << "no READY=1 while nobody reads the output";
  ASSERT_GT(recv(notify_fd, message, sizeof message - 1, 0), 0);
  EXPECT_STREQ(message, "READY=1");

  const std::string rewritten = "nameserver 203.0.113.9\n";
  Writer writer([&] { WriteFile(resolv_conf, rewritten, O_TRUNC); });
  int history = open(fifo.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  ASSERT_GE(history, 0);
  std::string text;
  std::optional<HistoryEvent> modified;
  for (auto deadline = std::chrono::steady_clock::now() + kWait;
       !modified && std::chrono::steady_clock::now() < deadline;) {
    pollfd h{.fd = history, .events = POLLIN, .revents = 0};
    poll(&h, 1, 1000);
    char buffer[4096];
    ssize_t n = read(history, buffer, sizeof buffer);
    if (n > 0) text.append(buffer, static_cast<std::size_t>(n));
    for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos;
         start = end + 1) {
      HistoryEvent e = ParseHistoryEvent(std::string_view(text).substr(start, end - start));
      if (e.kind == kHistoryResolvConf && e.op == "modify" && e.content == rewritten) modified = e;
    }
  }
  ASSERT_TRUE(modified.has_value()) << text;
  ASSERT_TRUE(modified->writer.has_value());
  EXPECT_EQ(modified->writer->pid, writer.pid());
  writer.Release();
  close(history);
}

}  // namespace
}  // namespace bootstorm
