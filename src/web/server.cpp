#include "web/server.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>

#include "core/text.h"
#include "followup/measures.h"
#include "web/forms.h"
#include "web/http_server.h"
#include "web/import_jobs.h"
#include "web/print_queue.h"
#include "web/results_refresher.h"
#include "web/routes.h"

namespace agp::web {

struct WebServer::State {
  ServeOptions options;
  const core::Clock& clock;
  ConnectionPool pool;
  SnapshotCache snapshots;
  SessionStore sessions;
  LoginLimiter limiter;
  DeviceCookies devices;
  ResultsRefresher refresher;
  ImportJobs imports;
  PrintQueue printer;
  Services services;
  Router router;
  HttpServer http;
  int listen_socket = -1;
  int upload_lock = -1;  // the lock on the upload folder (TakeUploadFolder), held while serving

  State(ServeOptions o, const core::Clock& c)
      : options(std::move(o)),
        clock(c),
        pool(options.db_path),
        snapshots(
            &pool,
            (std::filesystem::path(options.data_dir) / "reference" / "national.csv").string()),
        refresher(options, clock, &snapshots),
        imports(options, clock, &snapshots, &refresher),
        printer(options.pdf_queue),
        services{options,  &clock,   &pool,    &snapshots, &sessions,
                 &limiter, &devices, &imports, &printer,   &refresher},
        router(services),
        http(Limits(options)) {
    // Stale results, found at the start or at any reload, are recomputed in the background.
    snapshots.set_on_stale([this](int64_t data_version) { refresher.Request(data_version); });
  }
  ~State() {
    if (upload_lock >= 0) ::close(upload_lock);
  }

  static ConnectionLimits Limits(const ServeOptions& o) {
    ConnectionLimits limits;
    if (o.threads > 0) limits.workers = o.threads;
    return limits;
  }
};

namespace {

// What a request may send (issue 13, item 2): a form is small; only a signed-in admin may send a
// package to the import route. Decided from the headers, before any of the body is read.
constexpr uint64_t kFormLimit = 64 * 1024;
constexpr uint64_t kUploadLimit = uint64_t{2} << 30;  // 2 GiB: a national workforce package
constexpr size_t kFieldLimit = 64 * 1024;             // a text field of the upload form
constexpr uint64_t kEvidenceLimit =
    static_cast<uint64_t>(followup::kMaxEvidenceBytes) + kFormLimit;  // a file and its form

// The role of the request's session as the account is now (an admin demoted a moment ago sends
// no package either); nullopt without a session.
std::optional<core::Role> SessionRole(WebServer::State& s, const httplib::Request& req) {
  auto session = FindCurrentSession(
      s.sessions, CookieValue(req, kSessionCookie),
      [&s](const std::string& user) -> core::Result<std::optional<store::UserRecord>> {
        auto db = s.pool.Acquire();
        if (!db.ok()) return db.error();
        return (*db)->FindUser(user);
      });
  if (!session.ok() || !session->has_value()) return std::nullopt;
  return (*session)->role;
}

bool AdminSession(WebServer::State& s, const httplib::Request& req) {
  return SessionRole(s, req) == core::Role::kAdmin;
}

bool LeaderSession(WebServer::State& s, const httplib::Request& req) {
  const std::optional<core::Role> role = SessionRole(s, req);
  return role == core::Role::kAdmin || role == core::Role::kLeader;
}

// POST /tiltak/<policy>/<measure>/dokumentasjon (routes.cpp).
bool EvidencePath(const std::string& path) {
  static const std::regex kEvidence("/tiltak/[^/]+/[^/]+/dokumentasjon");
  return std::regex_match(path, kEvidence);
}

void Refuse(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content("<!doctype html><html lang=\"nb\"><meta charset=\"utf-8\"><title>Feil " +
                      std::to_string(status) + "</title><p>" + message + "</p></html>",
                  "text/html; charset=utf-8");
  res.set_header("Connection", "close");
  HttpServer::CloseAfterResponse();
}

httplib::Server::HandlerResponse LimitBody(WebServer::State& s, const httplib::Request& req,
                                           httplib::Response& res) {
  using R = httplib::Server::HandlerResponse;
  const bool chunked = req.has_header("Transfer-Encoding");
  const bool has_length = req.has_header("Content-Length");
  uint64_t length = 0;
  if (has_length) {
    const std::string text = req.get_header_value("Content-Length");
    if (text.empty() || text.size() > 19 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
      Refuse(res, 400, "Forespørselen har en ugyldig lengde.");
      return R::Handled;
    }
    length = std::stoull(text);
  }
  if (req.method != "POST") {
    if (chunked || length > 0) {
      Refuse(res, 400, "Bare skjemaer som sendes inn, kan ha innhold.");
      return R::Handled;
    }
    return R::Unhandled;
  }
  if (chunked || !has_length) {
    Refuse(res, 411, "Forespørselen må oppgi lengden sin (Content-Length).");
    return R::Handled;
  }
  const bool upload = req.path == "/import" && AdminSession(s, req);
  // Evidence of a measure (DESIGN §10.3) from a leader or an admin: a file of at most
  // followup::kMaxEvidenceBytes and the form's small fields.
  const bool evidence = !upload && EvidencePath(req.path) && LeaderSession(s, req);
  const uint64_t limit = upload ? kUploadLimit : evidence ? kEvidenceLimit : kFormLimit;
  if (length > limit) {
    Refuse(res, 413,
           upload     ? "Pakken er større enn 2 GiB, som er det tjeneren tar imot."
           : evidence ? "Filen er større enn 10 MiB, som er det tjeneren tar imot. Legg den "
                        "heller et sted og gi en lenke."
                      : "Forespørselen er for stor.");
    return R::Handled;
  }
  return R::Unhandled;
}

// A folder in the upload folder for one streamed upload, removed with what is left in it (the
// import job moves the package it keeps). Named like a job's folder, so that what a crash leaves
// is removed when the server starts again (TakeUploadFolder).
class Spool {
 public:
  explicit Spool(const std::string& upload_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root(upload_dir);
    if (fs::create_directories(root, ec)) {
      fs::permissions(root, fs::perms::owner_all, fs::perm_options::replace, ec);
    }
    const fs::path dir = root / RandomToken();
    if (fs::create_directory(dir, ec) && !ec) {
      fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
      dir_ = dir.string();
    }
  }
  ~Spool() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// POST /import: the files of the form are streamed to disk as they arrive, then the router runs
// the route with them (its role and CSRF checks come first, as for every form).
void ReceiveUpload(WebServer::State& s, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& read) {
  httplib::Request copy = req;
  if (!AdminSession(s, req) || !req.is_multipart_form_data()) {
    // At most kFormLimit bytes (LimitBody): read as httplib reads every other form.
    const bool ok = read([&copy](const char* data, size_t n) {
      copy.body.append(data, n);
      return copy.body.size() <= kFormLimit;
    });
    if (!ok) return Refuse(res, 400, "Skjemaet kom ikke fram helt.");
    if (req.is_multipart_form_data()) copy.body.clear();  // no session: the router says so
    return s.router.Handle(copy, res);
  }
  Spool spool(s.options.upload_dir);
  if (spool.dir().empty()) {
    return Refuse(res, 500,
                  "Pakken kunne ikke lagres på tjeneren. Be driftsansvarlig sjekke plassen på "
                  "disken.");
  }
  std::vector<SpooledFile> files;
  std::ofstream out;
  std::string* field = nullptr;
  bool cannot_save = false;
  const bool ok = read(
      [&](const httplib::MultipartFormData& part) {
        out.close();
        field = nullptr;
        if (part.filename.empty()) {
          auto it =
              copy.files.emplace(part.name, httplib::MultipartFormData{part.name, "", "", ""});
          field = &it->second.content;
          return true;
        }
        if (files.size() >= 64) return false;
        std::string path = spool.dir() + "/" + std::to_string(files.size());
        out.open(path, std::ios::binary | std::ios::trunc);
        if (!out) {
          cannot_save = true;
          return false;
        }
        files.push_back({part.name, part.filename, std::move(path)});
        return true;
      },
      [&](const char* data, size_t n) {
        if (field != nullptr) {
          if (field->size() + n > kFieldLimit) return false;
          field->append(data, n);
          return true;
        }
        out.write(data, static_cast<std::streamsize>(n));
        if (!out) cannot_save = true;
        return !cannot_save;
      });
  out.close();
  if (cannot_save) {
    return Refuse(res, 500,
                  "Pakken kunne ikke lagres på tjeneren. Be driftsansvarlig sjekke plassen på "
                  "disken.");
  }
  if (!ok) return Refuse(res, 400, "Opplastingen ble avbrutt eller var ugyldig. Prøv igjen.");
  s.router.Handle(copy, res, &files);
}

// Makes the upload folder this server's alone (a lock file in it, held until the server ends)
// and removes what imports of an earlier run left in it (issue 13, item 16): after a crash
// nothing owns them. A folder that another running server holds is refused rather than swept.
core::Status TakeUploadFolder(WebServer::State& s) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root(s.options.upload_dir);
  if (fs::create_directories(root, ec)) {
    fs::permissions(root, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  const std::string lock_path = (root / ".agp-serve.lock").string();
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return core::Error(core::ErrorCode::kIo,
                       "kan ikke bruke mappen for opplastinger " + s.options.upload_dir);
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return core::Error(core::ErrorCode::kIo,
                       "mappen for opplastinger " + s.options.upload_dir +
                           " brukes av en annen agp serve; gi hver tjener sin egen mappe med "
                           "--upload-dir");
  }
  s.upload_lock = fd;
  s.imports.RemoveLeftovers();
  return core::Ok{};
}

// One line of the access log: method, path as sent (still percent-encoded), status,
// milliseconds. Never the query, a form field, a cookie, a user name or an address; every byte
// that could break the line out of its fields is escaped (core::LogSafe).
std::string AccessLogLine(const httplib::Request& req, const httplib::Response& res) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - HttpServer::RequestStart())
                      .count();
  return core::LogSafe(req.method) + " " + core::LogSafe(RawPath(req)) + " " +
         std::to_string(res.status) + " " + std::to_string(ms) + "\n";
}

ServeOptions WithDefaults(ServeOptions o) {
  if (o.upload_dir.empty()) {
    o.upload_dir = (std::filesystem::temp_directory_path() / "agp-uploads").string();
  }
  return o;
}

}  // namespace

WebServer::WebServer(ServeOptions options, const core::Clock& clock)
    : state_(std::make_unique<State>(WithDefaults(std::move(options)), clock)) {}

WebServer::~WebServer() { Stop(); }

core::Result<int> WebServer::Bind() {
  State& s = *state_;
  namespace fs = std::filesystem;
  // The database must exist and be readable before the first visitor comes.
  if (!fs::exists(s.options.db_path)) {
    return core::Error(
        core::ErrorCode::kNotFound,
        "fant ikke databasen " + s.options.db_path + " (lag den med `agp init` eller `agp demo`)");
  }
  if (auto snap = s.snapshots.Current(); !snap.ok()) return snap.error();
  const fs::path static_dir = fs::path(s.options.web_dir) / "static";
  const fs::path d3 = fs::path(s.options.web_dir) / "node_modules" / "d3" / "dist";
  if (!fs::exists(static_dir / "agp.css") || !fs::exists(d3 / "d3.min.js")) {
    return core::Error(core::ErrorCode::kNotFound,
                       "fant ikke nettsidens filer i " + s.options.web_dir +
                           " (kjør `scripts/install-deps`, som henter dem med npm)");
  }

  HttpServer& http = s.http;
  // Without TCP_NODELAY the body (written after the headers) waits for the client's delayed ACK:
  // 40 ms per page on Linux (bench/web/run.sh).
  http.set_tcp_nodelay(true);
  // httplib 0.11 listens with a backlog of 5 (compiled into Debian's library): a burst of new
  // connections overflows it, the kernel drops their SYNs and clients resend them after 1 s, then
  // 3 s. Keep the listening socket to listen again with a long queue once it is bound.
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server on the same
  // port starts without an error and the kernel splits the connections between the two.
  http.set_socket_options([&s](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    s.listen_socket = sock;
  });
  // Keep-alive, timeouts and the number of workers are HttpServer's (http_server.h); the body
  // limits are decided per route before a byte of the body is read (LimitBody).
  http.set_payload_max_length(kUploadLimit);
  http.set_pre_routing_handler(
      [&s](const httplib::Request& req, httplib::Response& res) { return LimitBody(s, req, res); });
  http.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  });
  httplib::Headers asset_headers = {{"Cache-Control", "public, max-age=3600"}};
  http.set_mount_point("/static", static_dir.string(), asset_headers);
  http.set_mount_point("/static", d3.string(), asset_headers);
  http.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  http.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");

  auto handle = [&s](const httplib::Request& req, httplib::Response& res) {
    s.router.Handle(req, res);
  };
  // Every path goes to the router, with line breaks too ("." would not match them, and httplib
  // would answer with a bare 404 of its own).
  const std::string every_path = "[\\s\\S]*";
  http.Get(every_path, handle);
  http.Post("/import",
            [&s](const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& read) { ReceiveUpload(s, req, res, read); });
  http.Post(every_path, handle);
  if (s.options.secure_cookies) {
    // Every cookie, whichever page sets it: the browser sends them back over TLS only.
    http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      auto range = res.headers.equal_range("Set-Cookie");
      for (auto it = range.first; it != range.second; ++it) {
        if (it->second.find("; Secure") == std::string::npos) it->second += "; Secure";
      }
    });
  }
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      res.set_content("<!doctype html><html lang=\"nb\"><title>Feil</title><p>Feil " +
                          std::to_string(res.status) + "</p></html>",
                      "text/html; charset=utf-8");
    }
  });
  if (access_log_) {
    auto sink = log_sink_;
    if (!sink) sink = [](const std::string& line) { std::fputs(line.c_str(), stderr); };
    http.set_logger([sink](const httplib::Request& req, const httplib::Response& res) {
      sink(AccessLogLine(req, res));
    });
  }
  int port = s.options.port;
  if (port == 0) {
    port = http.bind_to_any_port(s.options.bind);
    if (port < 0) port = -1;
  } else if (!http.bind_to_port(s.options.bind, port)) {
    port = -1;
  }
  if (port >= 0 && s.listen_socket >= 0) ::listen(s.listen_socket, SOMAXCONN);
  if (port < 0) {
    return core::Error(core::ErrorCode::kIo, "kunne ikke lytte på " + s.options.bind + ":" +
                                                 std::to_string(s.options.port) +
                                                 " (er porten i bruk?)");
  }
  // Bound, not yet serving: nothing can use the upload folder before it is taken.
  if (s.upload_lock < 0) {
    if (core::Status taken = TakeUploadFolder(s); !taken.ok()) return taken.error();
  }
  return port;
}

void WebServer::Listen() { state_->http.listen_after_bind(); }

void WebServer::Stop() {
  if (state_) state_->http.Shutdown();
}

size_t WebServer::waiting_connections() const { return state_->http.waiting(); }

PrintQueue& WebServer::print_queue() { return state_->printer; }

ImportJobs& WebServer::imports() { return state_->imports; }

ResultsRefresher& WebServer::refresher() { return state_->refresher; }

}  // namespace agp::web
