// Chromium prints one PDF at a time (each print is a browser of a few hundred megabytes and takes
// seconds), so PDF reports queue. The queue is bounded (issue 13, item 6): a request that finds
// it full is answered at once with "try again" (503 and Retry-After) instead of holding a worker
// thread while it waits. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace agp::web {

class PrintQueue {
 public:
  // At most `waiting` requests wait while one prints.
  explicit PrintQueue(int waiting = 2) : waiting_(waiting) {}

  // Holds the printer for as long as it lives.
  class Turn {
   public:
    explicit Turn(PrintQueue* q) : queue_(q) {}
    Turn(Turn&& o) noexcept : queue_(o.queue_) { o.queue_ = nullptr; }
    Turn& operator=(Turn&& o) noexcept {
      if (this != &o) {
        if (queue_ != nullptr) queue_->Leave();
        queue_ = o.queue_;
        o.queue_ = nullptr;
      }
      return *this;
    }
    ~Turn();

   private:
    PrintQueue* queue_;
  };

  // Waits for the printer when there is room in the queue; nullopt when it is full.
  std::optional<Turn> Enter();
  // Seconds a refused request should wait before it tries again (from the last prints' times).
  int RetryAfterSeconds();

 private:
  void Leave();

  const int waiting_;
  std::mutex mutex_;
  std::condition_variable free_;
  bool printing_ = false;
  int queued_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::milliseconds last_{7000};  // how long the last print took
};

}  // namespace agp::web
