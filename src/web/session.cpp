#include "web/session.h"

#include <sodium.h>

#include <array>

namespace agp::web {

std::string RandomToken() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 64> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text.data();
}

bool TokensEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SessionStore::SessionStore(std::chrono::seconds idle, std::chrono::seconds lifetime, Clock clock)
    : idle_(idle), lifetime_(lifetime), clock_(std::move(clock)) {}

std::string SessionStore::HashToken(const std::string& token) {
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

std::string SessionStore::Create(Session session) {
  std::string token = RandomToken();
  session.csrf = RandomToken();
  auto now = clock_();
  std::lock_guard lock(mutex_);
  // Forget expired sessions now and then, so that the map does not grow without bound.
  if (sessions_.size() % 64 == 63) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      bool expired = now - it->second.seen > idle_ || now - it->second.created > lifetime_;
      it = expired ? sessions_.erase(it) : std::next(it);
    }
  }
  sessions_[HashToken(token)] = Entry{std::move(session), now, now};
  return token;
}

std::optional<Session> SessionStore::Find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string key = HashToken(token);
  auto now = clock_();
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.seen > idle_ || now - it->second.created > lifetime_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.seen = now;
  return it->second.session;
}

void SessionStore::Remove(const std::string& token) {
  std::string key = HashToken(token);
  std::lock_guard lock(mutex_);
  sessions_.erase(key);
}

void SessionStore::RemoveUser(const std::string& user) {
  std::lock_guard lock(mutex_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.session.user == user ? sessions_.erase(it) : std::next(it);
  }
}

core::Result<std::optional<Session>> FindCurrentSession(SessionStore& sessions,
                                                        const std::string& token,
                                                        const AccountReader& read) {
  std::optional<Session> session = sessions.Find(token);
  if (!session) return session;
  auto account = read(session->user);
  if (!account.ok()) return account.error();
  const std::optional<core::Role> role =
      account->has_value() ? core::ParseRole((*account)->role) : std::nullopt;
  if (!role || (*account)->disabled || (*account)->session_epoch != session->epoch) {
    sessions.Remove(token);
    return std::optional<Session>();
  }
  session->role = *role;
  session->units = (*account)->units;
  return session;
}

size_t SessionStore::size() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace agp::web
