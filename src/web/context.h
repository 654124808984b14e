// What a handler gets: the request, the signed-in session, the current snapshot and the
// server's services; and how it answers: a page in the common layout, a redirect or a download.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "metrics/individuals.h"
#include "metrics/suppression.h"
#include "web/login_limiter.h"
#include "web/session.h"
#include "web/snapshot.h"

namespace agp::web {

class ImportJobs;
class PrintQueue;
class ResultsRefresher;

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string db_path;
  std::string web_dir;     // web/: static/ and node_modules/
  std::string data_dir;    // data/: reference/ and policies/
  std::string upload_dir;  // where uploaded packages wait for confirmation
  int min_group = 5;
  int threads = 0;    // worker threads; 0: 16 (waiting connections hold none, see http_server.h)
  int pdf_queue = 2;  // PDF reports that may wait while one prints (print_queue.h)
  double rota_seconds = 20;     // the solver's time for a rota made in the app (Heltid)
  bool secure_cookies = false;  // every cookie gets `Secure` (TLS at a reverse proxy, docs/web.md)
  // Reverse proxies whose X-Forwarded-For names the real client (login_limiter.h), by address.
  std::vector<std::string> trusted_proxies;
};

// A file of an upload that the server streamed to disk before the route ran (POST /import).
struct SpooledFile {
  std::string field;  // the form field ("pakke")
  std::string name;   // the file name the browser sent
  std::string path;   // where it is saved, in the upload folder
};

// Shared by every request; each member is thread-safe.
struct Services {
  ServeOptions options;
  const core::Clock* clock = nullptr;
  ConnectionPool* pool = nullptr;
  SnapshotCache* snapshots = nullptr;
  SessionStore* sessions = nullptr;
  LoginLimiter* limiter = nullptr;
  const DeviceCookies* devices = nullptr;
  ImportJobs* imports = nullptr;
  PrintQueue* printer = nullptr;          // PDF reports (print_queue.h)
  ResultsRefresher* refresher = nullptr;  // stale results recomputed (results_refresher.h)
};

// A page in the common layout.
struct Page {
  std::string title;  // the <title> and, unless `heading` is set, the <h1>
  std::string nav;    // the main-menu item it belongs to: "oversikt", "policy", …
  std::string body;   // HTML after the <h1>
  std::shared_ptr<const std::string> cached_body;                // used instead of `body` when set
  std::vector<std::pair<std::string, std::string>> breadcrumbs;  // (label, href)
  int status = 200;
};

class Context {
 public:
  Context(const httplib::Request& req, Services& services) : req_(req), services_(services) {}

  const httplib::Request& request() const { return req_; }
  Services& services() { return services_; }
  const core::Clock& clock() const { return *services_.clock; }

  const std::optional<Session>& session() const { return session_; }
  void set_session(std::optional<Session> s) { session_ = std::move(s); }
  bool signed_in() const { return session_.has_value(); }
  // The signed-in viewer (the router guarantees a session for every route that needs one).
  metrics::Viewer viewer() const;
  // The suppression audience of the viewer for the snapshot's results.
  metrics::Audience audience() const;
  // A key that identifies what the viewer may see, for caching rendered pages.
  std::string audience_key() const;
  bool is_admin() const;

  const Snapshot& snapshot() const { return *snapshot_; }
  bool has_snapshot() const { return snapshot_ != nullptr; }
  void set_snapshot(std::shared_ptr<const Snapshot> s) { snapshot_ = std::move(s); }

  // The i-th group of the route's pattern (1-based), URL-decoded once (the route matched the
  // undecoded path, RawPath).
  std::string match(int i) const;
  // A query parameter or a form field ("" when absent).
  std::string param(const std::string& name) const;
  bool has_param(const std::string& name) const;
  // A field of the POSTed form only, never of the query string ("" when absent).
  std::string form_param(const std::string& name) const;
  // The files of a streamed upload (empty for every other request).
  const std::vector<SpooledFile>& spooled() const { return *spooled_; }

  // For the audit entry the router writes after a successful change.
  void AuditObject(std::string object, std::string detail = "") {
    audit_object_ = std::move(object);
    audit_detail_ = std::move(detail);
  }
  const std::string& audit_object() const { return audit_object_; }
  const std::string& audit_detail() const { return audit_detail_; }
  // For a route whose audit entry is written after it (AuditWrite::kAfter): what takes the
  // change back when the entry cannot be written.
  void UndoIfNotAudited(std::function<void()> undo) { undo_ = std::move(undo); }

  // For a route of AuditWrite::kByHandler: runs `write` and appends the route's audit entry in
  // one transaction on the request's connection; either both are kept or neither is.
  core::Status CommitAudited(const std::function<core::Status()>& write);

  // The request's database connection, opened on first use. Route handlers that change
  // something use this one: the router runs them and their audit entry in one transaction on it.
  // nullptr when the database cannot be opened.
  store::Database* db();

  // The period asked for with ?periode=, else the default year; nullopt when no results.
  std::optional<core::Period> period() const;

 private:
  const httplib::Request& req_;
  Services& services_;
  std::optional<Session> session_;
  std::shared_ptr<const Snapshot> snapshot_;
  // The audit entry of the route's change (action, the object or the path, the detail).
  core::Status AppendAudit();

  std::string audit_object_, audit_detail_;
  const char* audit_action_ = "";
  bool committed_ = false;
  std::function<void()> undo_;
  std::optional<ConnectionPool::Lease> db_;
  const std::vector<SpooledFile>* spooled_ = &kNoFiles;
  static inline const std::vector<SpooledFile> kNoFiles;
  friend class Router;
  std::map<std::string, std::string> form_;
};

// Writers of responses.
void SendPage(Context& ctx, httplib::Response& res, const Page& page);
void SendRedirect(httplib::Response& res, const std::string& to);
// An error page with a plain Norwegian message (never internal details).
// `title` replaces the status's usual heading.
void SendError(Context& ctx, httplib::Response& res, int status, const std::string& message,
               const std::string& title = "");
// A hidden CSRF field for the session's forms.
std::string CsrfField(const Context& ctx);

}  // namespace agp::web
