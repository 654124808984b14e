// `agp serve`: the web app on cpp-httplib (Debian's libcpp-httplib). Static assets from web/static
// and the charting library from web/node_modules; every other path goes through the route table.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "web/context.h"

namespace agp::web {

class ImportJobs;
class PrintQueue;
class ResultsRefresher;

class WebServer {
 public:
  WebServer(ServeOptions options, const core::Clock& clock);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Checks the database and the asset folders, binds the port (options.port; 0 picks a free one)
  // and takes the upload folder (removing what imports of an earlier run left there). Returns the
  // port. Errors: the database cannot be opened, assets are missing, the port is taken, another
  // server uses the upload folder.
  core::Result<int> Bind();
  // Serves until Stop() (blocking).
  void Listen();
  // Stops listening and ends the connections (safe in a signal handler: it only sets a flag and
  // makes system calls); Listen returns, and the destructor waits for requests in progress.
  void Stop();
  // Writes one line per request (method, path as sent without query, status, milliseconds) to
  // stderr, or to `sink` (tests); never query strings, form fields, cookies, user names or
  // addresses, and with every control character escaped. Before Bind.
  void set_access_log(bool on) { access_log_ = on; }
  void set_access_log_sink(std::function<void(const std::string&)> sink) {
    log_sink_ = std::move(sink);
  }
  // Connections held without a thread while their request arrives or they idle (tests).
  size_t waiting_connections() const;
  // The queue of PDF reports (tests hold the printer with it).
  PrintQueue& print_queue();
  // The imports started from the web (tests hold a check with it).
  ImportJobs& imports();
  // The background recompute of stale results (tests hold it with Hold).
  ResultsRefresher& refresher();

  struct State;

 private:
  std::unique_ptr<State> state_;
  bool access_log_ = true;
  std::function<void(const std::string&)> log_sink_;
};

}  // namespace agp::web
