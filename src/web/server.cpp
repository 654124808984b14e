#include "web/server.h"

#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "web/import_jobs.h"
#include "web/routes.h"

namespace agp::web {

struct WebServer::State {
  ServeOptions options;
  const core::Clock& clock;
  ConnectionPool pool;
  SnapshotCache snapshots;
  SessionStore sessions;
  LoginLimiter limiter;
  ImportJobs imports;
  Services services;
  Router router;
  httplib::Server http;
  int listen_socket = -1;

  State(ServeOptions o, const core::Clock& c)
      : options(std::move(o)),
        clock(c),
        pool(options.db_path),
        snapshots(
            &pool,
            (std::filesystem::path(options.data_dir) / "reference" / "national.csv").string()),
        imports(options, clock, &snapshots),
        services{options, &clock, &pool, &snapshots, &sessions, &limiter, &imports},
        router(services) {}
};

namespace {

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

  httplib::Server& http = s.http;
  int threads = s.options.threads > 0 ? s.options.threads : 96;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
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
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(5);
  http.set_payload_max_length(size_t{2} << 30);  // 2 GiB: a national workforce package
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
  http.Get(".*", handle);
  http.Post(".*", handle);
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      res.set_content("<!doctype html><html lang=\"nb\"><title>Feil</title><p>Feil " +
                          std::to_string(res.status) + "</p></html>",
                      "text/html; charset=utf-8");
    }
  });
  if (access_log_) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
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
  return port;
}

void WebServer::Listen() { state_->http.listen_after_bind(); }

void WebServer::Stop() {
  if (state_ && state_->http.is_running()) state_->http.stop();
}

}  // namespace agp::web
