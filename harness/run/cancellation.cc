#include "cancellation.h"

namespace bootstorm {

void Cancellation::Cancel(const std::string& reason) {
  std::lock_guard lock(mu_);
  if (cancelled_) return;
  cancelled_ = true;
  reason_ = reason;
  for (auto& [id, wake] : wakers_) wake();
}

bool Cancellation::cancelled() const {
  std::lock_guard lock(mu_);
  return cancelled_;
}

std::string Cancellation::reason() const {
  std::lock_guard lock(mu_);
  return reason_;
}

int Cancellation::Subscribe(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  if (cancelled_) wake();
  wakers_[next_id_] = std::move(wake);
  return next_id_++;
}

void Cancellation::Unsubscribe(int id) {
  std::lock_guard lock(mu_);
  wakers_.erase(id);
}

CancelAfter::CancelAfter(Cancellation& cancellation, std::chrono::seconds limit, std::string what)
    : thread_([this, &cancellation, limit, what = std::move(what)] {
        std::unique_lock lock(mu_);
        if (!cv_.wait_for(lock, limit, [this] { return done_; }))
          cancellation.Cancel(what + " of " + std::to_string(limit.count()) + " s");
      }) {}

CancelAfter::~CancelAfter() {
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

}  // namespace bootstorm
