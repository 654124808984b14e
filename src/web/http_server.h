// The connections under the web app (issue 13, items 2 and 6): cpp-httplib 0.11 gives every
// connection a worker thread from accept to close and waits for headers and bodies with a
// per-read timeout only, so a hundred slow clients (slowloris) hold every thread, and it reads a
// whole body before any handler has seen the request. HttpServer keeps httplib's request parsing
// and routing but owns the connections:
//
// - A *waiting room* (one thread, epoll) holds every connection that has no complete request yet:
//   new ones, and kept-alive ones between requests. A connection leaves it for a worker only when
//   its request line and headers have arrived, and, for a body of at most `small_body` bytes, the
//   whole body too. Headers must be complete within `header_timeout` of the connection's first
//   byte (or of its acceptance), a kept-alive connection may idle `idle_timeout`, and the room
//   holds at most `max_connections` (past that, the connection that waited longest is closed).
//   A slow client therefore costs a file descriptor, never a thread.
// - Workers (`workers` threads) run one request each through httplib. What they read and write
//   must keep up an average of `min_rate` bytes a second after a grace of `rate_grace` (and no
//   single wait lasts longer than `io_timeout`), or the connection is dropped.
// - Before a body is read, the pre-routing handler (set by the web layer) decides whether the
//   request may send one and how big (BodyLimit); a refused request is answered with its status
//   and the connection is closed after the answer (CloseAfterResponse), without reading the body.
//
// Thread-safe as httplib::Server: Bind, then Listen on one thread, Stop from any.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace agp::web {

struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds idle_timeout{5000};
  std::chrono::milliseconds io_timeout{10000};
  std::chrono::milliseconds rate_grace{10000};
  size_t min_rate = 16 * 1024;  // bytes per second, on average, after rate_grace
  size_t max_header_bytes = 16 * 1024;
  size_t small_body = 64 * 1024;  // bodies up to this size are waited for in the waiting room
  size_t max_connections = 800;   // below FD_SETSIZE, which httplib still checks
  int workers = 16;
  int keep_alive_requests = 1000;  // requests per connection
};

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(ConnectionLimits limits = {});
  ~HttpServer() override;
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Stops listening, closes every waiting connection and waits for the workers' requests.
  void Shutdown();

  // From a handler: the connection is closed after this response (its unread body is not read).
  static void CloseAfterResponse();
  // From a handler: when the current request began (the access log's milliseconds).
  static std::chrono::steady_clock::time_point RequestStart();

  // Counts for tests and the load test.
  size_t waiting() const;

 private:
  struct Waiting {
    int fd = -1;
    int requests = 0;                               // served on this connection so far
    std::chrono::steady_clock::time_point since;    // accepted, or the last response written
    std::chrono::steady_clock::time_point first{};  // the first byte of the next request
    size_t seen = 0;                                // bytes available at the last look
    bool continued = false;                         // "100 Continue" was sent for this request
    bool draining = false;  // refused: what the client still sends is read and dropped
  };

  bool process_and_close_socket(socket_t sock) override;  // called on the accepting thread

  void Admit(Waiting w);
  void WaitLoop();
  // Whether the connection's next request is complete; -1 when it must be closed.
  int Ready(Waiting& w, std::vector<char>& peek);
  void Work();
  void Serve(Waiting w);
  static void CloseSocket(int fd);

  ConnectionLimits limits_;
  int epoll_ = -1;
  int wake_ = -1;  // an eventfd that interrupts epoll_wait
  std::atomic<bool> stopping_{false};

  mutable std::mutex room_mutex_;
  std::vector<Waiting> incoming_;          // admitted, not yet in epoll (under room_mutex_)
  std::unordered_map<int, Waiting> room_;  // by fd; only the waiting-room thread touches it
  std::atomic<size_t> room_size_{0};

  std::mutex work_mutex_;
  std::condition_variable work_ready_;
  std::deque<Waiting> ready_;

  std::thread room_thread_;
  std::vector<std::thread> workers_;
};

}  // namespace agp::web
