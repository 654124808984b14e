// The server under attack (issue 13, items 2, 6, 12 and 16): bodies refused before they are
// read, slow clients that cost no thread, a bounded PDF queue, an access log that cannot be
// forged, cookies for TLS and CSRF tokens only from the form. Over loopback, on a small demo
// municipality, with raw sockets where a client must misbehave.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "demo/generator.h"
#include "web/print_queue.h"
#include "web/server.h"
#include "web/test_database.h"
#include "web/test_support.h"

namespace agp::web {
namespace {

namespace fs = std::filesystem;
using testing::Between;

constexpr const char* kPassword = "et-langt-passord-for-test";

// A client that writes what it likes and reads what comes back, with a deadline.
class Raw {
 public:
  explicit Raw(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Raw() { ::close(fd_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;
  bool connected() const { return connected_; }
  bool Send(std::string_view text) {
    return ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
  }
  // What the server sends until it closes or `seconds` pass without anything new.
  std::string Receive(int seconds) {
    std::string got;
    char buf[4096];
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, seconds * 1000) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
      if (got.find("\r\n\r\n") != std::string::npos && got.rfind("HTTP/1.1 100", 0) != 0) {
        // A whole response head: read its body if it says how long.
        const std::string length = Between(got, "Content-Length: ", "\r\n");
        const size_t head = got.find("\r\n\r\n") + 4;
        if (!length.empty() && got.size() >= head + std::stoul(length)) break;
      }
    }
    return got;
  }
  // The status of the first final response in `response` (0 when there is none).
  static int Status(const std::string& response) {
    size_t at = 0;
    while (response.compare(at, 9, "HTTP/1.1 ") == 0) {
      int status = std::atoi(response.c_str() + at + 9);
      if (status >= 200) return status;
      at = response.find("\r\n\r\n", at);
      if (at == std::string::npos) return 0;
      at += 4;
    }
    return 0;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("agp-server-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "web.db").string();
    auto db = store::OpenSqlite(db_path_);
    ASSERT_TRUE(db.ok());
    demo::DemoOptions o;
    o.employees = 120;
    o.years = 2;
    o.last_year = 2024;
    o.seed = 5;
    core::Workforce w = demo::GenerateWorkforce(o);
    ASSERT_TRUE(testing::ImportAndCompute(**db, w, clock_));
    ASSERT_TRUE(testing::StoreSeedPolicy(**db, "002_roros_2017_2025.yaml", clock_));
    for (const char* role : {"admin", "viewer"}) {
      ASSERT_TRUE(testing::AddAccount(**db, std::string("test-") + role, role, kPassword, clock_));
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  ServeOptions Options() const { return testing::TestServeOptions(db_path_, dir_); }

  // Starts a server with `options`; the access log goes to log_.
  void Start(ServeOptions options) {
    server_ = std::make_unique<WebServer>(options, clock_);
    server_->set_access_log_sink([this](const std::string& line) {
      std::lock_guard lock(log_mutex_);
      log_ += line;
    });
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.error().message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Listen(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(20);
    return c;
  }
  // The session cookie and CSRF token of a user signed in through the form.
  std::pair<std::string, std::string> SignIn(const std::string& name) const {
    httplib::Client c = Client();
    const testing::SignIn in = testing::LogInThroughForm(c, name, kPassword);
    if (in.cookie.empty()) return {};
    auto page = c.Get("/", {{"Cookie", in.cookie}});
    if (!page) return {};
    return {in.cookie, Between(page->body, "name=\"csrf\" value=\"", "\"")};
  }
  std::string Log() {
    std::lock_guard lock(log_mutex_);
    return log_;
  }

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline core::FixedClock clock_{core::Date::FromYmd(2025, 6, 1)};
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex log_mutex_;
  std::string log_;
};

// Item 2: a big anonymous body is refused from its headers, before a byte of it is read (the old
// server read all 400 MB into memory, then sent the login page back).
TEST_F(ServerTest, AnAnonymousBigBodyIsRefusedFromItsHeadersWithoutReadingIt) {
  Start(Options());
  for (const char* path : {"/logg-inn", "/import", "/brukere", "/finnes-ikke"}) {
    Raw raw(port_);
    ASSERT_TRUE(raw.connected());
    ASSERT_TRUE(raw.Send(std::string("POST ") + path +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                         "application/x-www-form-urlencoded\r\nContent-Length: 400000000\r\n\r\n"));
    const std::string response = raw.Receive(15);
    EXPECT_EQ(Raw::Status(response), 413) << path << ": " << response.substr(0, 200);
    EXPECT_NE(response.find("Connection: close"), std::string::npos) << path;
  }
}

// Evidence of a measure (DESIGN §10.3): a leader or an admin may send a file of up to 10 MiB with
// its form; more is refused from the headers; other roles send forms of the usual size only.
TEST_F(ServerTest, EvidenceMayBeTenMebibytesFromLeadersAndAdminsOnly) {
  Start(Options());
  auto [admin, csrf] = SignIn("test-admin");
  auto [viewer, viewer_csrf] = SignIn("test-viewer");
  ASSERT_FALSE(admin.empty());
  ASSERT_FALSE(viewer.empty());
  const std::string path = "/tiltak/roros-2017/finnes-ikke/dokumentasjon";
  auto head = [&](const std::string& cookie, uint64_t length) {
    Raw raw(port_);
    EXPECT_TRUE(raw.Send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
                         "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " +
                         std::to_string(length) + "\r\n\r\n"));
    return Raw::Status(raw.Receive(15));
  };
  EXPECT_EQ(head(admin, (uint64_t{10} << 20) + 128 * 1024), 413);
  EXPECT_EQ(head(viewer, 200 * 1024), 413);
  httplib::Client c = Client();
  httplib::MultipartFormDataItems items = {
      {"csrf", csrf, "", ""}, {"fil", "%PDF-" + std::string(2 << 20, 'x'), "a.pdf", ""}};
  auto as_admin = c.Post(path, {{"Cookie", admin}}, items);
  ASSERT_TRUE(as_admin);
  EXPECT_EQ(as_admin->status, 404);  // read whole, then: no such measure
}

TEST_F(ServerTest, AFormIsSmallAndMustSayHowLongItIs) {
  Start(Options());
  auto [cookie, csrf] = SignIn("test-viewer");
  ASSERT_FALSE(cookie.empty());
  httplib::Client c = Client();
  // A signed-in viewer may not send a package-sized body anywhere either.
  auto big = c.Post("/logg-ut", {{"Cookie", cookie}}, std::string(200 * 1024, 'a'),
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  // Chunked bodies have no length to check before reading: refused.
  Raw raw(port_);
  ASSERT_TRUE(raw.Send(
      "POST /logg-inn HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n"));
  EXPECT_EQ(Raw::Status(raw.Receive(15)), 411);
  // A GET has no body.
  Raw get(port_);
  ASSERT_TRUE(
      get.Send("GET /logg-inn HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nabcde"));
  EXPECT_EQ(Raw::Status(get.Receive(15)), 400);
}

// Item 2: only a signed-in admin may send a package, and it is streamed to disk: the import page
// gets it and checks it (the rest of the flow is in import_jobs_test).
TEST_F(ServerTest, OnlyAnAdminMaySendAPackageAndItArrivesWhole) {
  Start(Options());
  auto [viewer, viewer_csrf] = SignIn("test-viewer");
  auto [admin, csrf] = SignIn("test-admin");
  ASSERT_FALSE(admin.empty());
  const std::string units = "unit_id;parent_id;name\n1000;;Kommunen\n";
  std::string big(300 * 1024, 'x');  // bigger than a form may be
  httplib::MultipartFormDataItems items = {{"csrf", csrf, "", ""},
                                           {"pakke", units + big, "units.csv", "text/csv"}};
  httplib::Client c = Client();
  auto as_viewer = c.Post("/import", {{"Cookie", viewer}}, items);
  ASSERT_TRUE(as_viewer);
  EXPECT_EQ(as_viewer->status, 413);
  auto as_admin = c.Post("/import", {{"Cookie", admin}}, items);
  ASSERT_TRUE(as_admin);
  EXPECT_EQ(as_admin->status, 303);  // to the checked job's page
  const std::string job = as_admin->get_header_value("Location");
  ASSERT_EQ(job.rfind("/import/", 0), 0u) << job;
  auto page = c.Get(job, {{"Cookie", admin}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("units.csv"), std::string::npos);
  // Without the form's CSRF field the upload is refused, and nothing of it stays on disk.
  httplib::MultipartFormDataItems forged = {{"pakke", units, "units.csv", "text/csv"}};
  auto refused = c.Post("/import", {{"Cookie", admin}}, forged);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  size_t folders = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "uploads"))
    folders += entry.is_directory();
  EXPECT_EQ(folders, 0u);  // no spool left; the checked job had errors, so its folder is gone
}

// Item 6: connections that send their request a byte at a time hold no worker: with four
// workers and two hundred such clients, a browser still gets its page (the old server gave every
// connection a thread from accept to close and was unreachable).
TEST_F(ServerTest, SlowClientsHoldNoThreadAndTheServerAnswersOthers) {
  Start(Options());  // 4 workers
  std::vector<std::unique_ptr<Raw>> slow;
  for (int i = 0; i < 200; ++i) {
    slow.push_back(std::make_unique<Raw>(port_));
    ASSERT_TRUE(slow.back()->Send(i % 2 == 0 ? "GET / HTTP/1.1\r\nHost: x\r\nX-a: "
                                             : "POST /logg-inn HTTP/1.1\r\nHost: x\r\n"
                                               "Content-Length: 1000\r\n\r\nnavn="));
  }
  for (int round = 0; round < 3; ++round) {
    for (auto& s : slow) s->Send("a");
    httplib::Client c = Client();
    auto page = c.Get("/logg-inn");
    ASSERT_TRUE(page) << "round " << round;
    EXPECT_EQ(page->status, 200);
  }
  EXPECT_GE(server_->waiting_connections(), 200u);
}

// Item 6: a slow client's headers must come within the header timeout; then the connection is
// closed (not a thread held for as long as it trickles).
TEST_F(ServerTest, HeadersThatNeverEndAreCutOffAndOversizedOnesRefused) {
  Start(Options());
  Raw huge(port_);
  std::string head = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(20000, 'a');
  huge.Send(head);
  EXPECT_EQ(Raw::Status(huge.Receive(15)), 431);
}

// Item 6: PDF reports queue with a bound; past it the answer is "try again", at once.
TEST_F(ServerTest, APdfReportWhenThePrinterQueueIsFullIsAskedToTryAgain) {
  ServeOptions options = Options();
  options.pdf_queue = 0;
  Start(options);
  auto [cookie, csrf] = SignIn("test-viewer");
  auto turn = server_->print_queue().Enter();  // somebody else is printing
  ASSERT_TRUE(turn.has_value());
  httplib::Client c = Client();
  auto res =
      c.Get("/rapporter/fil?policy=roros-2017&periode=2024&format=pdf", {{"Cookie", cookie}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_FALSE(res->get_header_value("Retry-After").empty());
  EXPECT_NE(res->body.find("HTML"), std::string::npos);  // the way out that needs no printer
  turn.reset();
  // HTML reports never wait for the printer.
  auto html =
      c.Get("/rapporter/fil?policy=roros-2017&periode=2024&format=html", {{"Cookie", cookie}});
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
}

// Item 12: what a request puts in its path cannot start a line of its own or reach the terminal.
TEST_F(ServerTest, TheAccessLogEscapesEverythingThatCouldForgeALine) {
  Start(Options());
  Raw raw(port_);
  raw.Send(
      "GET /x%0d%0aPOST%20/brukere%20200\x1b[31m HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  raw.Receive(15);
  Raw second(port_);
  second.Send("GET /x%0d%0aPOST%20/brukere%20200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  second.Receive(15);
  // Let the log line of the second request be written (it is written after the response).
  std::string log;
  for (int i = 0; i < 100 && std::count(log.begin(), log.end(), '\n') < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = Log();
  }
  ASSERT_EQ(std::count(log.begin(), log.end(), '\n'), 2) << log;
  EXPECT_EQ(log.find('\r'), std::string::npos);
  EXPECT_EQ(log.find('\x1b'), std::string::npos);
  EXPECT_EQ(log.find("\nPOST"), std::string::npos);
  EXPECT_NE(log.find("\\x1b"), std::string::npos) << log;
  // Each line: method, path, status, milliseconds.
  EXPECT_NE(log.find("GET /x%0d%0aPOST%20/brukere%20200 404 "), std::string::npos) << log;
}

// Item 16: cookies for TLS at a reverse proxy, and CSRF tokens only from the form's body.
TEST_F(ServerTest, SecureCookiesWhenAskedAndCsrfTokensOnlyFromTheForm) {
  ServeOptions options = Options();
  options.secure_cookies = true;
  Start(options);
  httplib::Client c = Client();
  auto form = c.Get("/logg-inn");
  ASSERT_TRUE(form);
  EXPECT_NE(form->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  const testing::SignIn in = testing::LogInThroughForm(c, "test-viewer", kPassword);
  ASSERT_FALSE(in.cookie.empty());
  auto page = c.Get("/", {{"Cookie", in.cookie}});
  const std::string csrf = Between(page->body, "name=\"csrf\" value=\"", "\"");
  ASSERT_FALSE(csrf.empty());
  // The token in the address (where it would end up in logs and Referer headers) does not count.
  auto by_query = c.Post("/logg-ut?csrf=" + csrf, {{"Cookie", in.cookie}}, "",
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(by_query);
  EXPECT_EQ(by_query->status, 403);
  auto by_form = c.Post("/logg-ut", {{"Cookie", in.cookie}}, httplib::Params{{"csrf", csrf}});
  ASSERT_TRUE(by_form);
  EXPECT_EQ(by_form->status, 303);
  EXPECT_NE(by_form->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace agp::web
