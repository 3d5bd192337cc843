#include "cancellation.h"

namespace bootstorm {

void Cancellation::Cancel() {
  std::lock_guard lock(mu_);
  if (cancelled_) return;
  cancelled_ = true;
  for (auto& [id, wake] : wakers_) wake();
}

bool Cancellation::cancelled() const {
  std::lock_guard lock(mu_);
  return cancelled_;
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

}  // namespace bootstorm
