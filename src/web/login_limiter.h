// Login rate limiting (DESIGN §6) that cannot be turned against the municipality: failed attempts
// are counted per account, per real client and per known device, over a sliding window.
//
// - The real client is the peer address, or, when the peer is a configured reverse proxy, the
//   address that proxy put in X-Forwarded-For (ClientAddress). Behind the proxy that docs/web.md
//   asks for, every request comes from one address; without `--trusted-proxy` all users would
//   share one count.
// - A browser that has logged in to an account before carries a device cookie for it
//   (DeviceCookies, the "device cookie" scheme of OWASP's authentication cheat sheet). Its
//   attempts are counted for that device alone: failures from elsewhere, on the account or from
//   the same address, never lock it out, and a stolen cookie gives only a few guesses.
// - Attempts without such a cookie are counted per account (a few) and per client (more, since an
//   office may share an address); past either limit they are refused, the right password too,
//   until the window has moved on.
// Thread-safe; memory is bounded (expired counts are dropped when the maps grow).
#pragma once

#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace agp::web {

// Who tries to log in: the account name, the real client and, when the browser sent a valid
// device cookie for this account, that device's id (else empty).
struct LoginAttempt {
  std::string user;
  std::string client;
  std::string device;
};

class LoginLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `max_failures` per account without a device cookie; twice that per device, four times that
  // per client.
  explicit LoginLimiter(int max_failures = 5,
                        std::chrono::seconds window = std::chrono::minutes(15),
                        Clock clock = std::chrono::steady_clock::now);

  // 0 when the attempt may go ahead, else the seconds to wait.
  int SecondsToWait(const LoginAttempt& attempt);
  void Failed(const LoginAttempt& attempt);
  // A successful login clears the device's count (not the account's: someone else may still be
  // guessing it).
  void Succeeded(const LoginAttempt& attempt);

 private:
  using Times = std::deque<std::chrono::steady_clock::time_point>;
  using Counts = std::unordered_map<std::string, Times>;
  int Wait(Counts& counts, const std::string& key, std::chrono::steady_clock::time_point now,
           int limit);
  void Add(Counts& counts, const std::string& key, std::chrono::steady_clock::time_point now);

  int max_failures_;
  std::chrono::seconds window_;
  Clock clock_;
  std::mutex mutex_;
  Counts by_user_, by_client_, by_device_;
};

// Device cookies: an entry per account the browser has logged in to, "NONCE.MAC" with a random
// nonce and an HMAC-SHA-256 (libsodium) of the account name and nonce under a key the server draws
// at start, so entries cannot be made up and die with a restart. One cookie holds the entries of
// the last few accounts (a shared computer in a care unit).
class DeviceCookies {
 public:
  static constexpr const char* kName = "agp_enhet";
  static constexpr size_t kMaxEntries = 5;

  DeviceCookies();
  // The id of the entry in `cookie` that is valid for `user` ("" when none).
  std::string DeviceFor(std::string_view cookie, std::string_view user) const;
  // The cookie value after a login of `user`: the old value when it has an entry for `user`,
  // else its well-formed entries (the newest kMaxEntries − 1) and a new one for `user`.
  std::string AfterLogin(std::string_view cookie, std::string_view user) const;

 private:
  std::string Mac(std::string_view user, std::string_view nonce) const;

  std::array<unsigned char, 32> key_{};
};

// The real client of a request from `peer`: the rightmost X-Forwarded-For address that is not one
// of `trusted` proxies when `peer` is one of them (a proxy appends the address it saw, so only the
// addresses right of the client's are the proxies' own), else `peer`. An empty or malformed
// header from a trusted proxy gives the proxy's own address.
std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted);

}  // namespace agp::web
