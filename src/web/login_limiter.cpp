#include "web/login_limiter.h"

namespace agp::web {

LoginLimiter::LoginLimiter(int max_failures, std::chrono::seconds window, Clock clock)
    : max_failures_(max_failures), window_(window), clock_(std::move(clock)) {}

int LoginLimiter::Wait(Times& times, std::chrono::steady_clock::time_point now, int limit) {
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(times.front() + window_ - now);
  return static_cast<int>(left.count()) + 1;
}

int LoginLimiter::SecondsToWait(const std::string& user, const std::string& address) {
  auto now = clock_();
  std::lock_guard lock(mutex_);
  // An address may try a few names (a shared office address), but not endlessly.
  int a = Wait(by_address_[address], now, max_failures_ * 4);
  int u = Wait(by_user_[user], now, max_failures_);
  return std::max(a, u);
}

void LoginLimiter::Failed(const std::string& user, const std::string& address) {
  auto now = clock_();
  std::lock_guard lock(mutex_);
  if (by_user_.size() > 100000) by_user_.clear();  // a flood of made-up names
  if (by_address_.size() > 100000) by_address_.clear();
  by_user_[user].push_back(now);
  by_address_[address].push_back(now);
}

void LoginLimiter::Succeeded(const std::string& user) {
  std::lock_guard lock(mutex_);
  by_user_.erase(user);
}

}  // namespace agp::web
