// Logging in under attack (issue 13, items 5 and 11): an attacker who guesses passwords locks out
// neither the other users behind the same reverse proxy nor an account's owner on a browser that
// has logged in before, and the page after login is always on this site.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <thread>

#include "core/clock.h"
#include "web/login_limiter.h"
#include "web/server.h"
#include "web/test_database.h"
#include "web/test_support.h"

namespace agp::web {
namespace {

namespace fs = std::filesystem;
using testing::Between;

constexpr const char* kPassword = "et-langt-passord-for-test";

class LoginTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = testing::FreshTestDir("agp-login-test");
    db_path_ = (dir_ / "web.db").string();
    auto db = store::OpenSqlite(db_path_);
    ASSERT_TRUE(db.ok());
    for (const char* name : {"kari", "per", "ola", "nina"}) {
      ASSERT_TRUE(testing::AddAccount(**db, name, "viewer", kPassword, clock_));
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  void Start(std::vector<std::string> trusted_proxies = {}) {
    ServeOptions options = testing::TestServeOptions(db_path_, dir_);
    options.trusted_proxies = std::move(trusted_proxies);
    ASSERT_TRUE(server_.Start(options, clock_));
    port_ = server_.port();
  }

  // A browser: its cookie for known devices and, behind the proxy, the address the proxy sees.
  struct Browser {
    std::string forwarded_for;  // "" when not behind the proxy
    std::string device;         // the agp_enhet cookie it keeps
  };
  struct Attempt {
    int status = 0;
    std::string location;
  };
  Attempt LogIn(Browser& b, const std::string& name, const std::string& password,
                const std::string& next = "/") {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20);
    httplib::Headers headers;
    if (!b.forwarded_for.empty()) headers.emplace("X-Forwarded-For", b.forwarded_for);
    auto form = c.Get("/logg-inn", headers);
    if (!form) return {};
    const std::string login = Between(form->get_header_value("Set-Cookie"), "agp_login=", ";");
    std::string cookie = "agp_login=" + login;
    if (!b.device.empty()) cookie += "; agp_enhet=" + b.device;
    headers.emplace("Cookie", cookie);
    auto res = c.Post(
        "/logg-inn", headers,
        httplib::Params{{"login_token", Between(form->body, "name=\"login_token\" value=\"", "\"")},
                        {"navn", name},
                        {"passord", password},
                        {"neste", next}});
    if (!res) return {};
    auto range = res->headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second.rfind("agp_enhet=", 0) == 0) {
        b.device = it->second.substr(10, it->second.find(';') - 10);
      }
    }
    return {res->status, res->get_header_value("Location")};
  }

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline core::FixedClock clock_{core::Date::FromYmd(2025, 6, 1)};
  testing::RunningServer server_;
  int port_ = 0;
};

// Item 5: behind the reverse proxy every request came from one address, so 20 failures of one
// attacker locked every account, right passwords too.
TEST_F(LoginTest, BehindATrustedProxyOneAttackerLocksOutNobodyElse) {
  Start({"127.0.0.1"});
  Browser attacker{"203.0.113.9", ""};
  int refused = 0;
  for (int i = 0; i < 40; ++i) {
    const char* names[] = {"kari",     "per",      "ola",      "ukjent-1", "ukjent-2",
                           "ukjent-3", "ukjent-4", "ukjent-5", "ukjent-6", "ukjent-7"};
    Attempt a = LogIn(attacker, names[i % 10], "gjettet-passord");
    ASSERT_TRUE(a.status == 401 || a.status == 429) << a.status;
    refused += a.status == 429;
  }
  EXPECT_GT(refused, 0) << "the attacker's own address must be limited";
  EXPECT_EQ(LogIn(attacker, "nina", kPassword).status, 429)
      << "past its limit, the attacker's address gets no more tries, right or wrong";

  Browser colleague{"198.51.100.7", ""};
  EXPECT_EQ(LogIn(colleague, "nina", kPassword).status, 303)
      << "another client behind the same proxy must not be locked out";
}

// Item 5: guessing one account's password locks it for new browsers only; its owner's browser,
// which has logged in before, still gets in with the right password.
TEST_F(LoginTest, AGuessedAccountStaysOpenToTheBrowserItsOwnerUses) {
  Start();
  Browser owner;
  ASSERT_EQ(LogIn(owner, "per", kPassword).status, 303);
  ASSERT_FALSE(owner.device.empty()) << "a login sets the device cookie";
  Browser attacker;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(LogIn(attacker, "per", "gjettet").status, 401);
  EXPECT_EQ(LogIn(attacker, "per", kPassword).status, 429) << "the account is locked for guessers";
  Browser elsewhere;
  EXPECT_EQ(LogIn(elsewhere, "per", kPassword).status, 429) << "and for every new browser";
  EXPECT_EQ(LogIn(owner, "per", kPassword).status, 303) << "but not for its owner's browser";

  // The device cookie is the account's: it does not open another one.
  Browser borrowed{"", owner.device};
  for (int i = 0; i < 5; ++i) LogIn(attacker, "ola", "gjettet");
  EXPECT_EQ(LogIn(borrowed, "ola", kPassword).status, 429);
}

// Item 5: without a trusted proxy, X-Forwarded-For is the client's own word and changes nothing.
TEST_F(LoginTest, AForwardedForFromAnyoneButATrustedProxyIsIgnored) {
  Start();
  for (int i = 0; i < 20; ++i) {
    Browser spoofing{"192.0.2." + std::to_string(i), ""};
    EXPECT_EQ(LogIn(spoofing, "ukjent-" + std::to_string(i), "x").status, 401);
  }
  Browser spoofing{"192.0.2.200", ""};
  EXPECT_EQ(LogIn(spoofing, "ukjent-x", "x").status, 429);
}

// Item 5: a device cookie counts its own failures, so a stolen one gives a few guesses only.
TEST_F(LoginTest, AStolenDeviceCookieGivesOnlyAFewGuesses) {
  Start();
  Browser owner;
  ASSERT_EQ(LogIn(owner, "kari", kPassword).status, 303);
  Browser thief{"", owner.device};
  int tries = 0;
  while (tries < 50 && LogIn(thief, "kari", "gjettet").status == 401) ++tries;
  EXPECT_EQ(tries, 10);
  EXPECT_EQ(LogIn(thief, "kari", kPassword).status, 429);
}

// Item 11: `/logg-inn?neste=/%09/evil.example` sent the browser to `/\t/evil.example`, which
// browsers read as //evil.example.
TEST_F(LoginTest, AfterLoginTheBrowserStaysOnThisSite) {
  Start();
  for (const char* next : {"/\t/evil.example", "//evil.example", "/\\evil.example",
                           "https://evil.example", "/\r\nSet-Cookie: x=1", "evil.example",
                           "/\x7f/evil.example", "/\xc2\xa0/evil.example", ""}) {
    Browser b;
    Attempt a = LogIn(b, "nina", kPassword, next);
    EXPECT_EQ(a.status, 303);
    EXPECT_EQ(a.location, "/") << "neste=" << next;
  }
  Browser b;
  EXPECT_EQ(LogIn(b, "nina", kPassword, "/enheter/1100?periode=2024").location,
            "/enheter/1100?periode=2024");

  // The form carries only a safe `neste` too.
  httplib::Client c("127.0.0.1", port_);
  auto form = c.Get("/logg-inn?neste=/%09/evil.example");
  ASSERT_TRUE(form);
  EXPECT_NE(form->body.find("name=\"neste\" value=\"/\""), std::string::npos);
}

TEST(ClientAddress, IsThePeerUnlessThePeerIsATrustedProxy) {
  const std::vector<std::string> proxy = {"10.0.0.2"};
  EXPECT_EQ(ClientAddress("198.51.100.7", "203.0.113.1", proxy), "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.0.0.2", "203.0.113.1", proxy), "203.0.113.1");
  // What the client wrote itself is left of what the proxy appended.
  EXPECT_EQ(ClientAddress("10.0.0.2", "1.2.3.4, 203.0.113.1", proxy), "203.0.113.1");
  // Proxies in a chain are skipped from the right.
  EXPECT_EQ(ClientAddress("10.0.0.2", "2001:db8::1, 10.0.0.3", {"10.0.0.2", "10.0.0.3"}),
            "2001:db8::1");
  EXPECT_EQ(ClientAddress("10.0.0.2", "", proxy), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "<script>", proxy), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "10.0.0.2", proxy), "10.0.0.2");
}

TEST(DeviceCookies, AreValidForTheirAccountOnlyAndCannotBeMadeUp) {
  DeviceCookies devices;
  const std::string kari = devices.AfterLogin("", "kari");
  EXPECT_FALSE(devices.DeviceFor(kari, "kari").empty());
  EXPECT_TRUE(devices.DeviceFor(kari, "per").empty());
  EXPECT_EQ(devices.AfterLogin(kari, "kari"), kari) << "one entry per account";
  std::string forged = kari;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_TRUE(devices.DeviceFor(forged, "kari").empty());
  EXPECT_TRUE(devices.DeviceFor(kari, "kari").size() > 0);
  EXPECT_TRUE(DeviceCookies().DeviceFor(kari, "kari").empty()) << "another server's key";

  // A shared computer keeps the last few accounts.
  std::string shared = kari;
  for (const char* user : {"per", "ola", "nina", "liv"}) shared = devices.AfterLogin(shared, user);
  EXPECT_FALSE(devices.DeviceFor(shared, "kari").empty());
  shared = devices.AfterLogin(shared, "tor");
  EXPECT_TRUE(devices.DeviceFor(shared, "kari").empty()) << "the oldest gives way";
  EXPECT_FALSE(devices.DeviceFor(shared, "tor").empty());
  EXPECT_TRUE(devices.DeviceFor("~~~." + std::string(5000, 'a'), "kari").empty());
}

TEST(LoginLimiter, CountsPerDevicePerAccountAndPerClient) {
  auto now = std::chrono::steady_clock::time_point();
  LoginLimiter limiter(5, std::chrono::minutes(15), [&] { return now; });
  for (int i = 0; i < 5; ++i) limiter.Failed({"kari", "a", ""});
  EXPECT_GT(limiter.SecondsToWait({"kari", "b", ""}), 0);
  EXPECT_EQ(limiter.SecondsToWait({"kari", "b", "device"}), 0);
  EXPECT_EQ(limiter.SecondsToWait({"per", "a", ""}), 0);
  for (int i = 0; i < 15; ++i) limiter.Failed({"x" + std::to_string(i), "a", ""});
  EXPECT_GT(limiter.SecondsToWait({"per", "a", ""}), 0);
  EXPECT_EQ(limiter.SecondsToWait({"per", "b", ""}), 0);
  now += std::chrono::minutes(15);
  EXPECT_EQ(limiter.SecondsToWait({"kari", "a", ""}), 0) << "the window moves on";
}

}  // namespace
}  // namespace agp::web
