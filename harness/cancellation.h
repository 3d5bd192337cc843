// Cancellation of a run (Ctrl-C, SIGTERM): wakes every waiting boot at once,
// so teardown starts without polling.
#pragma once

#include <functional>
#include <map>
#include <mutex>

namespace bootstorm {

class Cancellation {
 public:
  /// Marks the run cancelled and calls every subscribed wake-up once.
  void Cancel();
  bool cancelled() const;

  /// Subscribes `wake` until Unsubscribe(id); it is called at once if the run
  /// is already cancelled.
  int Subscribe(std::function<void()> wake);
  void Unsubscribe(int id);

 private:
  mutable std::mutex mu_;
  bool cancelled_ = false;
  int next_id_ = 0;
  std::map<int, std::function<void()>> wakers_;
};

}  // namespace bootstorm
