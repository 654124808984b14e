// Sessions (DESIGN §6): a random token in an HttpOnly, SameSite=Strict cookie names a session held
// in memory; the store keeps only a hash of the token, so a memory dump does not hand out logins.
// Each session has its own CSRF token that every form carries. Restarting the server logs
// everybody out. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/role.h"

namespace agp::web {

struct Session {
  std::string user;
  core::Role role = core::Role::kViewer;
  std::vector<std::string> units;  // a leader's own units (unit keys)
  std::string csrf;                // the token every form of this session must send back
};

class SessionStore {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // Sessions end after `idle` without a request and after `lifetime` in any case.
  explicit SessionStore(std::chrono::seconds idle = std::chrono::hours(2),
                        std::chrono::seconds lifetime = std::chrono::hours(12),
                        Clock clock = std::chrono::steady_clock::now);

  // Starts a session and returns its token (43 characters, 256 random bits, URL-safe).
  std::string Create(Session session);
  // The session of a token, when it exists and has not expired; touches it.
  std::optional<Session> Find(const std::string& token);
  void Remove(const std::string& token);
  // Ends every session of a user (when the account changes).
  void RemoveUser(const std::string& user);
  size_t size();

 private:
  struct Entry {
    Session session;
    std::chrono::steady_clock::time_point created, seen;
  };
  static std::string HashToken(const std::string& token);

  std::chrono::seconds idle_, lifetime_;
  Clock clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> sessions_;  // by HashToken(token)
};

// A random URL-safe token of 256 bits (libsodium's CSPRNG).
std::string RandomToken();

// Whether two tokens are equal, in time that does not depend on where they differ.
bool TokensEqual(const std::string& a, const std::string& b);

}  // namespace agp::web
