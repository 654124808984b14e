#include "web/print_queue.h"

#include <algorithm>

namespace agp::web {

PrintQueue::Turn::~Turn() {
  if (queue_ != nullptr) queue_->Leave();
}

std::optional<PrintQueue::Turn> PrintQueue::Enter() {
  std::unique_lock lock(mutex_);
  if (printing_ && queued_ >= waiting_) return std::nullopt;
  ++queued_;
  free_.wait(lock, [this] { return !printing_; });
  --queued_;
  printing_ = true;
  started_ = std::chrono::steady_clock::now();
  return Turn(this);
}

void PrintQueue::Leave() {
  {
    std::lock_guard lock(mutex_);
    printing_ = false;
    last_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started_);
  }
  free_.notify_one();
}

int PrintQueue::RetryAfterSeconds() {
  std::lock_guard lock(mutex_);
  const auto each = std::max<long>(1, static_cast<long>((last_.count() + 999) / 1000));
  return static_cast<int>(each * (queued_ + (printing_ ? 1 : 0)));
}

}  // namespace agp::web
