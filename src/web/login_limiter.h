// Login rate limiting (DESIGN §6): failed attempts are counted per account name and per client
// address over a sliding window; past the limit, further attempts are refused without checking
// the password until the window has moved on. Successful logins clear the account's count.
// Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace agp::web {

class LoginLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit LoginLimiter(int max_failures = 5,
                        std::chrono::seconds window = std::chrono::minutes(15),
                        Clock clock = std::chrono::steady_clock::now);

  // 0 when an attempt for `user` from `address` may go ahead, else the seconds to wait.
  int SecondsToWait(const std::string& user, const std::string& address);
  void Failed(const std::string& user, const std::string& address);
  void Succeeded(const std::string& user);

 private:
  using Times = std::deque<std::chrono::steady_clock::time_point>;
  int Wait(Times& times, std::chrono::steady_clock::time_point now, int limit);

  int max_failures_;
  std::chrono::seconds window_;
  Clock clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Times> by_user_, by_address_;
};

}  // namespace agp::web
