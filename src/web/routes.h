// The route table (DESIGN §6: every route states its required role in one table) and the router
// that enforces it: sessions, roles, CSRF on every form, the audit entry of every change.
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "web/context.h"

namespace agp::web {

enum class Access {
  kAnyone,    // the login page
  kSignedIn,  // every role: admin, leader, union, viewer
  kLeader,    // leaders and admins
  kParties,  // the parties of the heltid work (DESIGN §12): admins, leaders, union representatives
  kAdmin,    // admins (HR)
};

// Whether a session of `role` may use a route of `access`.
bool Allows(Access access, core::Role role);

// How a change and its audit entry reach the database.
enum class AuditWrite {
  // The handler's writes and the entry commit in one transaction, or neither does. The
  // transaction holds the database's write lock, so the handler must be quick.
  kTogether,
  // The handler writes nothing through the request's database and may take long (the check of
  // an uploaded package): it runs outside any transaction, and the entry is appended after it.
  // When the entry cannot be written, the handler's undo (Context::UndoIfNotAudited) runs and
  // the answer is an error.
  kAfter,
  // The handler may take long before it writes (a rota's solve): it runs outside any
  // transaction, and it writes its change and the entry together with Context::CommitAudited
  // when the long part is done. A handler that answers below 400 without committing is an error.
  kByHandler,
};

struct Route {
  const char* method;   // "GET" or "POST"
  const char* pattern;  // a regular expression over the path; groups are ctx.match(i)
  Access access;
  // For POST routes: the audit-log action written when it succeeds ("" for none: login and
  // logout are written by their handlers).
  const char* audit;
  std::function<void(Context&, httplib::Response&)> handler;
  AuditWrite audit_write = AuditWrite::kTogether;
};

// The table, in matching order.
const std::vector<Route>& Routes();

class Router {
 public:
  explicit Router(Services& services);
  // Answers one request: finds the route, checks session, role and CSRF, runs the handler,
  // writes the audit entry, and turns exceptions into a 500 page that leaks nothing.
  // `spooled`: the files of an upload streamed to disk (POST /import), else null.
  void Handle(const httplib::Request& req, httplib::Response& res,
              const std::vector<SpooledFile>* spooled = nullptr);

 private:
  struct Compiled {
    const Route* route;
    bool literal;  // the pattern has no regex syntax: compared as a string (much faster)
    std::regex regex;
  };
  Services& services_;
  std::vector<Compiled> routes_;
};

// The session cookie's name.
inline constexpr const char* kSessionCookie = "agp_session";
// The value of a cookie in the request ("" when absent).
std::string CookieValue(const httplib::Request& req, const std::string& name);

}  // namespace agp::web
