#include "web/login_limiter.h"

#include <sodium.h>

#include <algorithm>

namespace agp::web {

namespace {

constexpr size_t kMaxKeys = 100000;  // per map, before expired counts are dropped

std::string Base64Url(const unsigned char* bytes, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An IPv4 or IPv6 address as text (what a proxy writes), possibly in brackets.
bool LooksLikeAddress(std::string_view s) {
  if (s.empty() || s.size() > 47) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
           c == ':' || c == '[' || c == ']';
  });
}

// The entries of a device cookie, in order.
std::vector<std::string_view> Entries(std::string_view cookie) {
  std::vector<std::string_view> out;
  while (!cookie.empty() && out.size() < 2 * DeviceCookies::kMaxEntries) {
    size_t bar = cookie.find('~');
    out.push_back(cookie.substr(0, bar));
    if (bar == std::string_view::npos) break;
    cookie.remove_prefix(bar + 1);
  }
  return out;
}

constexpr size_t kNonceChars = 22;  // 16 random bytes
constexpr size_t kMacChars = 22;    // the first 16 bytes of the HMAC

bool WellFormed(std::string_view entry) {
  if (entry.size() != kNonceChars + 1 + kMacChars || entry[kNonceChars] != '.') return false;
  return std::all_of(entry.begin(), entry.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

}  // namespace

LoginLimiter::LoginLimiter(int max_failures, std::chrono::seconds window, Clock clock)
    : max_failures_(max_failures), window_(window), clock_(std::move(clock)) {}

int LoginLimiter::Wait(Counts& counts, const std::string& key,
                       std::chrono::steady_clock::time_point now, int limit) {
  auto it = counts.find(key);
  if (it == counts.end()) return 0;
  Times& times = it->second;
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(times.front() + window_ - now);
  return static_cast<int>(left.count()) + 1;
}

void LoginLimiter::Add(Counts& counts, const std::string& key,
                       std::chrono::steady_clock::time_point now) {
  if (counts.size() >= kMaxKeys && counts.find(key) == counts.end()) {
    // A flood of made-up names or addresses: drop what has expired, and only if that is not
    // enough, everything (which can only make the limiter more lenient for a moment).
    std::erase_if(counts, [&](const auto& kv) {
      return kv.second.empty() || now - kv.second.back() >= window_;
    });
    if (counts.size() >= kMaxKeys) counts.clear();
  }
  counts[key].push_back(now);
}

int LoginLimiter::SecondsToWait(const LoginAttempt& attempt) {
  auto now = clock_();
  std::lock_guard lock(mutex_);
  if (!attempt.device.empty()) {
    return Wait(by_device_, attempt.user + '\n' + attempt.device, now, max_failures_ * 2);
  }
  int c = Wait(by_client_, attempt.client, now, max_failures_ * 4);
  int u = Wait(by_user_, attempt.user, now, max_failures_);
  return std::max(c, u);
}

void LoginLimiter::Failed(const LoginAttempt& attempt) {
  auto now = clock_();
  std::lock_guard lock(mutex_);
  if (!attempt.device.empty()) {
    Add(by_device_, attempt.user + '\n' + attempt.device, now);
    return;
  }
  Add(by_user_, attempt.user, now);
  Add(by_client_, attempt.client, now);
}

void LoginLimiter::Succeeded(const LoginAttempt& attempt) {
  if (attempt.device.empty()) return;
  std::lock_guard lock(mutex_);
  by_device_.erase(attempt.user + '\n' + attempt.device);
}

DeviceCookies::DeviceCookies() {
  if (sodium_init() < 0) std::abort();
  crypto_auth_hmacsha256_keygen(key_.data());
}

std::string DeviceCookies::Mac(std::string_view user, std::string_view nonce) const {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  const std::string domain = "agp device cookie";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(domain.c_str()),
                                domain.size() + 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(user.data()),
                                user.size());
  const unsigned char zero = 0;
  crypto_auth_hmacsha256_update(&state, &zero, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(nonce.data()),
                                nonce.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return Base64Url(mac, 16);
}

std::string DeviceCookies::DeviceFor(std::string_view cookie, std::string_view user) const {
  for (std::string_view entry : Entries(cookie)) {
    if (!WellFormed(entry)) continue;
    std::string_view nonce = entry.substr(0, kNonceChars);
    std::string expected = Mac(user, nonce);
    if (sodium_memcmp(expected.data(), entry.data() + kNonceChars + 1, kMacChars) == 0) {
      return std::string(nonce);
    }
  }
  return "";
}

std::string DeviceCookies::AfterLogin(std::string_view cookie, std::string_view user) const {
  if (!DeviceFor(cookie, user).empty()) return std::string(cookie);
  std::vector<std::string_view> kept;
  for (std::string_view entry : Entries(cookie)) {
    if (WellFormed(entry)) kept.push_back(entry);
  }
  if (kept.size() >= kMaxEntries) kept.erase(kept.begin(), kept.end() - (kMaxEntries - 1));
  unsigned char nonce_bytes[16];
  randombytes_buf(nonce_bytes, sizeof nonce_bytes);
  std::string nonce = Base64Url(nonce_bytes, sizeof nonce_bytes);
  std::string out;
  for (std::string_view entry : kept) out.append(entry).push_back('~');
  out += nonce + "." + Mac(user, nonce);
  return out;
}

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted) {
  auto is_trusted = [&](std::string_view a) {
    return std::find(trusted.begin(), trusted.end(), a) != trusted.end();
  };
  if (!is_trusted(peer)) return peer;
  std::string_view rest = forwarded_for;
  std::string_view leftmost;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (!LooksLikeAddress(entry)) return peer;
    if (!is_trusted(entry)) return std::string(entry);
    leftmost = entry;
  }
  return leftmost.empty() ? peer : std::string(leftmost);
}

}  // namespace agp::web
