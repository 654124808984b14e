// agp serve [--bind 127.0.0.1] [--port 8080]: the web app (DESIGN §2, src/web/).
#include <arpa/inet.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "command.h"
#include "core/clock.h"
#include "data_dir.h"
#include "web/server.h"

namespace agp::app {
namespace {

web::WebServer* g_server = nullptr;

void StopOnSignal(int) {
  if (g_server != nullptr) g_server->Stop();
}

struct ServeFlags {
  web::ServeOptions options;
  bool quiet = false;
};

int Serve(const GlobalOptions* g, ServeFlags f) {
  f.options.db_path = g->db_path;
  f.options.data_dir = DataDir().string();
  if (f.options.web_dir.empty()) {
    const char* env = std::getenv("AGP_WEB_DIR");
    f.options.web_dir = env != nullptr && *env != '\0' ? env : AGP_DEFAULT_WEB_DIR;
  }
  static core::SystemClock clock;
  web::WebServer server(f.options, clock);
  server.set_access_log(!f.quiet);
  auto port = server.Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "agp: %s\n", port.error().message().c_str());
    return kExitFailure;
  }
  g_server = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  std::printf("agp serverer på http://%s:%d/ (Ctrl+C stopper)\n", f.options.bind.c_str(), *port);
  std::fflush(stdout);
  server.Listen();
  g_server = nullptr;
  return kExitOk;
}

}  // namespace

Command ServeCommand() {
  return {
      "serve", "Serve the web app", [](CLI::App* cmd, const GlobalOptions* g) {
        auto f = std::make_shared<ServeFlags>();
        cmd->add_option("--bind", f->options.bind, "Address to listen on")->capture_default_str();
        cmd->add_option("--port", f->options.port, "Port (0: any free port)")
            ->capture_default_str()
            ->check(CLI::Range(0, 65535));
        cmd->add_option("--min-group", f->options.min_group,
                        "Smallest group shown to roles without access to individuals")
            ->capture_default_str()
            ->check(CLI::Range(1, 1000));
        cmd->add_option("--threads", f->options.threads,
                        "Worker threads (0: 16; waiting connections hold none)")
            ->check(CLI::Range(0, 1024));
        cmd->add_flag("--secure-cookies", f->options.secure_cookies,
                      "Mark every cookie Secure (for TLS at a reverse proxy)");
        cmd->add_option("--trusted-proxy", f->options.trusted_proxies,
                        "Address of a reverse proxy whose X-Forwarded-For names the client "
                        "(repeatable; for login limits)")
            ->check(CLI::Validator(
                [](std::string& a) -> std::string {
                  unsigned char buf[sizeof(in6_addr)];
                  if (inet_pton(AF_INET, a.c_str(), buf) == 1 ||
                      inet_pton(AF_INET6, a.c_str(), buf) == 1) {
                    return "";
                  }
                  return "not an IPv4 or IPv6 address: " + a;
                },
                "ADDRESS"));
        cmd->add_option("--web-dir", f->options.web_dir,
                        "Folder with static/ and node_modules/ (default: $AGP_WEB_DIR or the "
                        "source tree's web/)");
        cmd->add_option("--upload-dir", f->options.upload_dir,
                        "Where uploaded packages wait for confirmation");
        cmd->add_flag("--quiet", f->quiet, "No access log on standard error");
        return std::function<int()>([g, f] { return Serve(g, *f); });
      }};
}

}  // namespace agp::app
