// Sessions (DESIGN §6): a random token in an HttpOnly, SameSite=Strict cookie names a session held
// in memory; the store keeps only a hash of the token, so a memory dump does not hand out logins.
// Each session has its own CSRF token that every form carries. Restarting the server logs
// everybody out. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/role.h"
#include "store/database.h"

namespace agp::web {

struct Session {
  std::string user;
  core::Role role = core::Role::kViewer;
  std::vector<std::string> units;  // a leader's own units (unit keys)
  std::string csrf;                // the token every form of this session must send back
  int64_t epoch = 0;               // the account's session epoch at login (store::UserRecord)
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

// Reads an account by name as the database has it now: nullopt when there is none.
using AccountReader =
    std::function<core::Result<std::optional<store::UserRecord>>(const std::string& user)>;

// The session of `token`, checked against its account as it is now (issue 13 item 9): the
// session carries the account's current role and units. When the account is gone or disabled,
// or its session epoch moved since the login (`agp user disable|enable|role|logout` from another
// process, or the same on *Brukere*), the session ends and nullopt is returned. `read` is called
// only when the token names a live session; its error is returned, and the session kept, when
// the database cannot be read. The router calls this for every request (routes.cpp), so that no
// route can forget it.
core::Result<std::optional<Session>> FindCurrentSession(SessionStore& sessions,
                                                        const std::string& token,
                                                        const AccountReader& read);

// A random URL-safe token of 256 bits (libsodium's CSPRNG).
std::string RandomToken();

// Whether two tokens are equal, in time that does not depend on where they differ.
bool TokensEqual(const std::string& a, const std::string& b);

}  // namespace agp::web
