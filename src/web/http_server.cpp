#include "web/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace agp::web {

namespace {

using SteadyClock = std::chrono::steady_clock;

thread_local bool t_close_after_response = false;
thread_local SteadyClock::time_point t_request_start{};

// Runs what httplib's accept loop hands it at once, on the accepting thread: that is our
// process_and_close_socket, which only admits the connection to the waiting room.
class InlineQueue final : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

// A request's reads and writes on a connection that has left the waiting room. No read-ahead
// beyond what httplib asks for in a 16 KiB buffer; every wait is bounded by the rate rule.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int fd, const ConnectionLimits& limits, const std::atomic<bool>& stopping)
      : fd_(fd), limits_(limits), stopping_(stopping) {}

  bool is_readable() const override { return buffered() > 0 || WaitFor(POLLIN); }
  bool is_writable() const override { return WaitFor(POLLOUT); }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0) {
      for (;;) {
        if (!WaitFor(POLLIN)) return -1;
        ssize_t n = ::recv(fd_, buffer_, sizeof buffer_, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
        if (n <= 0) return n;
        offset_ = 0;
        length_ = static_cast<size_t>(n);
        transferred_ += length_;
        break;
      }
    }
    size_t n = std::min(size, buffered());
    std::memcpy(ptr, buffer_ + offset_, n);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!WaitFor(POLLOUT)) return -1;
        continue;
      }
      if (n > 0) transferred_ += static_cast<size_t>(n);
      return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    Address(::getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    Address(::getsockname, ip, port);
  }
  socket_t socket() const override { return fd_; }

  size_t buffered() const { return length_ - offset_; }
  // The next request starts over with its own allowance.
  void Restart() {
    waited_ = std::chrono::milliseconds(0);
    transferred_ = 0;
  }

 private:
  // Waits for `events` while the connection keeps up the minimum rate; false when it did not
  // come in time (or the server stops).
  // Only the time spent waiting for the client counts, not the handler's own work (a PDF or a
  // package check takes seconds before the first byte of the answer is written).
  bool WaitFor(short events) const {
    auto this_wait = std::chrono::milliseconds(0);
    for (;;) {
      if (stopping_) return false;
      const auto allowed =
          limits_.rate_grace + std::chrono::milliseconds(transferred_ * 1000 / limits_.min_rate);
      const auto left = allowed - waited_;
      if (left.count() <= 0 || this_wait >= limits_.io_timeout) return false;
      const auto wait =
          std::min({left, limits_.io_timeout - this_wait, std::chrono::milliseconds(250)});
      pollfd p{fd_, events, 0};
      const auto before = SteadyClock::now();
      int r = ::poll(&p, 1, static_cast<int>(wait.count()));
      const auto spent =
          std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - before);
      waited_ += spent;
      this_wait += spent;
      if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  template <typename Get>
  void Address(Get get, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ip.clear();
    port = 0;
    if (get(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
      port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
      port = ntohs(a->sin6_port);
    }
    ip = text;
  }

  int fd_;
  const ConnectionLimits& limits_;
  const std::atomic<bool>& stopping_;
  mutable std::chrono::milliseconds waited_{0};  // for the client, in this request
  size_t transferred_ = 0;
  char buffer_[16 * 1024];
  size_t offset_ = 0, length_ = 0;
};

// Case-insensitive search for a header name at the start of a line of `head`; its value or "".
std::string_view HeaderValue(std::string_view head, std::string_view name) {
  size_t at = 0;
  while ((at = head.find('\n', at)) != std::string_view::npos) {
    ++at;
    if (head.size() - at <= name.size()) break;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(head[at + i])) == name[i];
    }
    if (!same || head[at + name.size()] != ':') continue;
    size_t begin = at + name.size() + 1, end = head.find('\r', begin);
    if (end == std::string_view::npos) end = head.size();
    while (begin < end && (head[begin] == ' ' || head[begin] == '\t')) ++begin;
    return head.substr(begin, end - begin);
  }
  return {};
}

void WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0) return;  // a client that does not read its refusal gets none
    text.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

HttpServer::HttpServer(ConnectionLimits limits) : limits_(limits) {
  new_task_queue = [] { return new InlineQueue(); };
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
  room_thread_ = std::thread([this] { WaitLoop(); });
  for (int i = 0; i < std::max(1, limits_.workers); ++i) {
    workers_.emplace_back([this] { Work(); });
  }
}

HttpServer::~HttpServer() {
  Shutdown();
  work_ready_.notify_all();
  if (room_thread_.joinable()) room_thread_.join();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  {
    std::lock_guard lock(work_mutex_);
    for (const Waiting& w : ready_) CloseSocket(w.fd);
    ready_.clear();
  }
  std::lock_guard lock(room_mutex_);
  for (const Waiting& w : incoming_) CloseSocket(w.fd);
  ::close(wake_);
  ::close(epoll_);
}

void HttpServer::Shutdown() {
  // Only what a signal handler may do: an atomic store and system calls.
  stopping_ = true;
  if (is_running()) stop();
  uint64_t one = 1;
  [[maybe_unused]] ssize_t ignored = ::write(wake_, &one, sizeof one);
}

void HttpServer::CloseAfterResponse() { t_close_after_response = true; }

SteadyClock::time_point HttpServer::RequestStart() { return t_request_start; }

size_t HttpServer::waiting() const { return room_size_; }

bool HttpServer::process_and_close_socket(socket_t sock) {
  if (stopping_) {
    CloseSocket(sock);
    return false;
  }
  // TCP_NODELAY on every connection itself, not left to what it inherits from the listening
  // socket: without it a response's body (written after its headers) waits for a delayed ACK.
  int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  Waiting w;
  w.fd = sock;
  w.since = SteadyClock::now();
  Admit(w);
  return true;
}

void HttpServer::Admit(Waiting w) {
  {
    std::lock_guard lock(room_mutex_);
    incoming_.push_back(w);
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t ignored = ::write(wake_, &one, sizeof one);
}

int HttpServer::Ready(Waiting& w, std::vector<char>& peek) {
  int available = 0;
  if (::ioctl(w.fd, FIONREAD, &available) < 0) return -1;
  if (w.draining) {
    // A refused request's body: read and dropped until the client stops or time is up.
    // At most 1 MiB a look, so that one fast sender does not keep the room from the others.
    char sink[16 * 1024];
    for (int i = 0; i < 64; ++i) {
      ssize_t n = ::recv(w.fd, sink, sizeof sink, MSG_DONTWAIT);
      if (n == 0) return -1;
      if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
    }
    return 0;
  }
  if (available <= 0) {
    char one;
    ssize_t n = ::recv(w.fd, &one, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return -1;
    return 0;
  }
  if (static_cast<size_t>(available) == w.seen) return 0;
  w.seen = static_cast<size_t>(available);
  if (w.first == SteadyClock::time_point{}) w.first = SteadyClock::now();
  const size_t want = std::min(peek.size(), static_cast<size_t>(available));
  ssize_t n = ::recv(w.fd, peek.data(), want, MSG_PEEK | MSG_DONTWAIT);
  if (n <= 0) return n == 0 ? -1 : 0;
  std::string_view got(peek.data(), static_cast<size_t>(n));
  size_t end = got.find("\r\n\r\n");
  if (end == std::string_view::npos || end + 4 > limits_.max_header_bytes) {
    if (got.size() < limits_.max_header_bytes) return 0;
    WriteAll(w.fd,
             "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n"
             "Connection: close\r\n\r\n");
    return -1;
  }
  std::string_view head = got.substr(0, end + 2);
  if (!HeaderValue(head, "transfer-encoding").empty()) return 1;  // refused by the web layer
  std::string_view length = HeaderValue(head, "content-length");
  size_t body = 0;
  for (char c : length) {
    if (c < '0' || c > '9' || body > limits_.small_body) {
      body = limits_.small_body + 1;
      break;
    }
    body = body * 10 + static_cast<size_t>(c - '0');
  }
  if (body == 0 || body > limits_.small_body) return 1;  // a big body: the web layer decides
  if (end + 4 + body <= got.size()) return 1;
  if (!w.continued && HeaderValue(head, "expect") == "100-continue") {
    // The client waits for this before it sends its (small) body.
    WriteAll(w.fd, "HTTP/1.1 100 Continue\r\n\r\n");
    w.continued = true;
  }
  return 0;
}

void HttpServer::WaitLoop() {
  std::vector<char> peek(limits_.max_header_bytes + limits_.small_body);
  std::vector<epoll_event> events(256);
  auto remove = [this](int fd, bool close) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    room_.erase(fd);
    room_size_ = room_.size();
    if (close) CloseSocket(fd);
  };
  auto look = [&](int fd) {
    auto it = room_.find(fd);
    if (it == room_.end()) return;
    int r = Ready(it->second, peek);
    if (r < 0) {
      remove(fd, true);
    } else if (r > 0) {
      Waiting w = it->second;
      remove(fd, false);
      {
        std::lock_guard lock(work_mutex_);
        ready_.push_back(w);
      }
      work_ready_.notify_one();
    }
  };
  auto last_sweep = SteadyClock::now();
  while (!stopping_) {
    int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
    // The wake-up is consumed before the connections it announces are taken: one admitted after
    // this read writes it again. (Read after the swap, it swallowed the wake-up of a connection
    // admitted in between, which then waited for epoll_wait's timeout: 100 ms for a kept-alive
    // request, and a tenth of the throughput.)
    uint64_t count;
    [[maybe_unused]] ssize_t drained = ::read(wake_, &count, sizeof count);
    std::vector<Waiting> admitted;
    {
      std::lock_guard lock(room_mutex_);
      admitted.swap(incoming_);
    }
    for (const Waiting& w : admitted) {
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
      ev.data.fd = w.fd;
      if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, w.fd, &ev) < 0) {
        CloseSocket(w.fd);
        continue;
      }
      room_[w.fd] = w;
      room_size_ = room_.size();
      look(w.fd);
    }
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<size_t>(i)].data.fd;
      if (fd == wake_) continue;  // read above
      look(fd);
    }
    // Past the limit, the connections that waited longest for a first request go first (a
    // browser's request arrives in one packet right after its connection, so it is never the
    // oldest); kept-alive connections that have been served go only when there are no others.
    while (room_.size() > limits_.max_connections) {
      auto oldest = std::min_element(room_.begin(), room_.end(), [](const auto& a, const auto& b) {
        const bool a_served = a.second.requests > 0, b_served = b.second.requests > 0;
        return a_served != b_served ? b_served : a.second.since < b.second.since;
      });
      remove(oldest->first, true);
    }
    const auto now = SteadyClock::now();
    if (now - last_sweep >= std::chrono::milliseconds(100)) {
      last_sweep = now;
      std::vector<int> expired;
      for (const auto& [fd, w] : room_) {
        const bool late =
            w.draining ? now - w.since > std::chrono::seconds(2)
            : w.first != SteadyClock::time_point{}
                ? now - w.first > limits_.header_timeout
                : now - w.since > (w.requests == 0 ? limits_.header_timeout : limits_.idle_timeout);
        if (late) expired.push_back(fd);
      }
      for (int fd : expired) remove(fd, true);
    }
  }
  for (const auto& [fd, w] : room_) CloseSocket(fd);
  room_.clear();
  room_size_ = 0;
}

void HttpServer::Work() {
  for (;;) {
    Waiting w;
    {
      std::unique_lock lock(work_mutex_);
      // Not woken by Shutdown (a signal handler may call it): looks at the flag now and then.
      while (!stopping_ && ready_.empty()) {
        work_ready_.wait_for(lock, std::chrono::milliseconds(200));
      }
      if (ready_.empty()) return;
      w = ready_.front();
      ready_.pop_front();
    }
    if (stopping_) {
      CloseSocket(w.fd);
      continue;
    }
    Serve(w);
  }
}

void HttpServer::Serve(Waiting w) {
  ConnectionStream stream(w.fd, limits_, stopping_);
  bool keep = true;
  for (;;) {
    t_close_after_response = false;
    t_request_start = SteadyClock::now();
    const bool last = w.requests + 1 >= limits_.keep_alive_requests;
    bool closed = false;
    bool ok = false;
    try {
      ok = process_request(stream, last, closed, nullptr);
    } catch (...) {
      ok = false;
    }
    ++w.requests;
    if (t_close_after_response) {
      // Refused before its body was read: stop sending, drop what still comes, then close.
      ::shutdown(w.fd, SHUT_WR);
      w.draining = true;
      w.since = SteadyClock::now();
      w.first = {};
      Admit(w);
      return;
    }
    keep = ok && !closed && !last && !stopping_;
    if (!keep || stream.buffered() == 0) break;
    stream.Restart();  // a pipelined request already read: serve it on this thread
  }
  if (!keep) {
    CloseSocket(w.fd);
    return;
  }
  w.since = SteadyClock::now();
  w.first = {};
  w.seen = 0;
  w.continued = false;
  Admit(w);
}

void HttpServer::CloseSocket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace agp::web
