// `agp serve`: the web app on cpp-httplib (Debian's libcpp-httplib). Static assets from web/static
// and the charting library from web/node_modules; every other path goes through the route table.
#pragma once

#include <memory>

#include "core/clock.h"
#include "core/error.h"
#include "web/context.h"

namespace agp::web {

class WebServer {
 public:
  WebServer(ServeOptions options, const core::Clock& clock);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Checks the database and the asset folders and binds the port (options.port; 0 picks a free
  // one). Returns the port. Errors: the database cannot be opened, assets are missing, the port is
  // taken.
  core::Result<int> Bind();
  // Serves until Stop() (blocking).
  void Listen();
  void Stop();
  // Writes one line per request (method, path without query, status, milliseconds) to stderr;
  // never query strings, form fields, cookies, user names or addresses.
  void set_access_log(bool on) { access_log_ = on; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  bool access_log_ = true;
};

}  // namespace agp::web
