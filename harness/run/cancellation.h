// Cancellation of a run (Ctrl-C, SIGTERM): wakes every waiting boot at once,
// so teardown starts without polling.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace bootstorm {

class Cancellation {
 public:
  /// Marks the run cancelled for `reason` and calls every subscribed wake-up
  /// once. Later calls change nothing.
  void Cancel(const std::string& reason);
  bool cancelled() const;
  /// Why the run was cancelled ("" while it is not).
  std::string reason() const;

  /// Subscribes `wake` until Unsubscribe(id); it is called at once if the run
  /// is already cancelled.
  int Subscribe(std::function<void()> wake);
  void Unsubscribe(int id);

 private:
  mutable std::mutex mu_;
  bool cancelled_ = false;
  std::string reason_;
  int next_id_ = 0;
  std::map<int, std::function<void()>> wakers_;
};

/// Subscribes `wake` to a cancellation for the object's lifetime.
class CancelSubscription {
 public:
  CancelSubscription(Cancellation& c, std::function<void()> wake)
      : c_(c), id_(c.Subscribe(std::move(wake))) {}
  ~CancelSubscription() { c_.Unsubscribe(id_); }
  CancelSubscription(const CancelSubscription&) = delete;
  CancelSubscription& operator=(const CancelSubscription&) = delete;

 private:
  Cancellation& c_;
  int id_;
};

/// Cancels a run when its time limit passes, unless destroyed first; the
/// reason is "`what` of N s".
class CancelAfter {
 public:
  CancelAfter(Cancellation& cancellation, std::chrono::seconds limit,
              std::string what = "run timeout");
  ~CancelAfter();
  CancelAfter(const CancelAfter&) = delete;
  CancelAfter& operator=(const CancelAfter&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace bootstorm
