// Revoking access (issue 13 item 9) over loopback: an account disabled, given a new role or logged
// out everywhere — by another process through the store, as `agp user` does, or on *Brukere* —
// counts from the session's next request; the last enabled admin stays; every change is audited
// and needs the session's CSRF token.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <filesystem>
#include <thread>

#include "core/clock.h"
#include "demo/generator.h"
#include "web/server.h"
#include "web/test_database.h"
#include "web/test_support.h"

namespace agp::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "et-langt-passord-for-test";

using testing::Between;

class Accounts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = testing::FreshTestDir("agp-accounts-test");
    db_path_ = (dir_ / "web.db").string();
    auto db = store::OpenSqlite(db_path_);
    ASSERT_TRUE(db.ok());
    demo::DemoOptions o;
    o.employees = 200;
    o.years = 2;
    o.last_year = 2024;
    o.seed = 7;
    core::Workforce w = demo::GenerateWorkforce(o);
    for (const core::Unit& u : w.units) {
      if (u.parent >= 0 && w.units[static_cast<size_t>(u.parent)].parent < 0) {
        (unit_.empty() ? unit_ : other_unit_) = u.key;
        if (!other_unit_.empty()) break;
      }
    }
    ASSERT_FALSE(other_unit_.empty());
    ASSERT_TRUE(testing::ImportAndCompute(**db, w, clock_));
    // One admin only: the rule of the last admin is tested on it. Each test has its own accounts.
    ASSERT_TRUE(testing::AddAccount(**db, "test-admin", "admin", kPassword, clock_));
    for (const char* leader : {"leder-a", "leder-b", "leder-c"}) {
      ASSERT_TRUE(testing::AddAccount(**db, leader, "leader", kPassword, clock_, {unit_}));
    }
    for (const char* viewer : {"leser-a", "leser-b", "leser-c", "leser-d"}) {
      ASSERT_TRUE(testing::AddAccount(**db, viewer, "viewer", kPassword, clock_));
    }
    ASSERT_TRUE(testing::AddAccount(**db, "tv-a", "union", kPassword, clock_));
    db->reset();

    server_ = new testing::RunningServer;
    ASSERT_TRUE(server_->Start(testing::TestServeOptions(db_path_, dir_), clock_));
    port_ = server_->port();
  }

  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(dir_);
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_keep_alive(false);
    c.set_read_timeout(60);
    return c;
  }

  // The session cookie of a login through the form; "" when it failed.
  static std::string LogIn(const std::string& name, int* status = nullptr) {
    httplib::Client c = Client();
    const testing::SignIn in = testing::LogInThroughForm(c, name, kPassword);
    if (status != nullptr) *status = in.status;
    return in.cookie;
  }

  static int Status(const std::string& cookie, const std::string& path) {
    httplib::Client c = Client();
    auto res = c.Get(path, {{"Cookie", cookie}});
    return res ? res->status : -1;
  }

  // Sent to the login page: the session has ended.
  static ::testing::AssertionResult SignedOut(const std::string& cookie, const std::string& path) {
    httplib::Client c = Client();
    auto res = c.Get(path, {{"Cookie", cookie}});
    if (!res) return ::testing::AssertionFailure() << "no answer";
    if (res->status != 303 || res->get_header_value("Location").rfind("/logg-inn", 0) != 0) {
      return ::testing::AssertionFailure() << path << " answered " << res->status;
    }
    return ::testing::AssertionSuccess();
  }

  // Another connection to the database, as `agp user` on the command line has.
  static std::unique_ptr<store::Database> Store() {
    auto db = store::OpenSqlite(db_path_, {.create = false});
    EXPECT_TRUE(db.ok());
    return db.ok() ? std::move(db).value() : nullptr;
  }

  // An admin's session with its CSRF token (from a form on Brukere).
  struct Admin {
    std::string cookie, csrf;
  };
  static Admin LogInAdmin() {
    Admin a;
    a.cookie = LogIn("test-admin");
    httplib::Client c = Client();
    auto page = c.Get("/brukere", {{"Cookie", a.cookie}});
    if (page) a.csrf = Between(page->body, "name=\"csrf\" value=\"", "\"");
    return a;
  }

  static httplib::Result Post(const Admin& a, const std::string& path, httplib::Params params) {
    httplib::Client c = Client();
    params.emplace("csrf", a.csrf);
    return c.Post(path, {{"Cookie", a.cookie}}, params);
  }

  // Whether the audit log holds `action` on `object` by `actor`.
  static bool Audited(const std::string& action, const std::string& object,
                      const std::string& actor) {
    auto db = Store();
    auto log = db->AuditLog(1000);
    for (const store::AuditEntry& e : *log) {
      if (e.action == action && e.object == object && e.actor == actor) return true;
    }
    return false;
  }

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline core::FixedClock clock_{core::Date::FromYmd(2025, 6, 1)};
  static inline testing::RunningServer* server_ = nullptr;
  static inline int port_ = 0;
  static inline std::string unit_, other_unit_;
};

TEST_F(Accounts, ADemotedLeaderLosesTheUnitPagesOnTheNextRequest) {
  const std::string cookie = LogIn("leder-a");
  ASSERT_FALSE(cookie.empty());
  const std::string people = "/enheter/" + unit_ + "/ansatte";
  ASSERT_EQ(Status(cookie, people), 200);
  // The command line demotes the leader (agp user role leder-a --role viewer), in another process.
  auto db = Store();
  ASSERT_TRUE(db->Atomically([&]() -> core::Status {
                  auto changed = db->SetUserRole("leder-a", "viewer", {});
                  if (!changed.ok()) return changed.error();
                  auto e = db->AppendAudit(
                      {0, clock_.NowUtc(), "cli:test", "user.role", "leder-a", "viewer"});
                  if (!e.ok()) return e.error();
                  return core::Ok{};
                }).ok());
  EXPECT_TRUE(SignedOut(cookie, people));
  EXPECT_TRUE(SignedOut(cookie, "/"));
  // Logged in again, the new role holds.
  const std::string again = LogIn("leder-a");
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(Status(again, people), 403);
  EXPECT_EQ(Status(again, "/"), 200);
}

TEST_F(Accounts, TheRoleAndUnitsOfEveryRequestAreThoseInTheDatabaseNow) {
  const std::string cookie = LogIn("leder-b");
  ASSERT_FALSE(cookie.empty());
  ASSERT_EQ(Status(cookie, "/enheter/" + unit_ + "/ansatte"), 200);
  ASSERT_EQ(Status(cookie, "/enheter/" + other_unit_ + "/ansatte"), 403);
  // Changed behind the store's back (no epoch moves): the session still follows the database.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &raw), SQLITE_OK);
  const std::string sql = "UPDATE app_user_unit SET unit_key = '" + other_unit_ +
                          "' WHERE user_id = (SELECT id FROM app_user WHERE name = 'leder-b')";
  ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(Status(cookie, "/enheter/" + unit_ + "/ansatte"), 403);
  EXPECT_EQ(Status(cookie, "/enheter/" + other_unit_ + "/ansatte"), 200);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE app_user SET role = 'union' WHERE name = 'leder-b'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(Status(cookie, "/enheter/" + other_unit_ + "/ansatte"), 403);
  EXPECT_EQ(Status(cookie, "/"), 200);
  ASSERT_EQ(
      sqlite3_exec(raw, "DELETE FROM app_user WHERE name = 'leder-b'", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(raw);
  EXPECT_TRUE(SignedOut(cookie, "/"));  // a removed account has no session
}

TEST_F(Accounts, ADisabledUsersOpenSessionEndsAndTheyCannotLogInUntilEnabled) {
  const std::string cookie = LogIn("leser-a");
  ASSERT_FALSE(cookie.empty());
  ASSERT_EQ(Status(cookie, "/"), 200);
  ASSERT_TRUE(Store()->SetUserDisabled("leser-a", true).ok());
  EXPECT_TRUE(SignedOut(cookie, "/"));
  int status = 0;
  EXPECT_TRUE(LogIn("leser-a", &status).empty());
  EXPECT_EQ(status, 401);
  ASSERT_TRUE(Store()->SetUserDisabled("leser-a", false).ok());
  EXPECT_TRUE(SignedOut(cookie, "/"));  // the old session stays ended
  const std::string again = LogIn("leser-a");
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(Status(again, "/"), 200);
}

TEST_F(Accounts, LoggingOutEverywhereEndsEverySessionOfTheUserAndNoOneElses) {
  const std::string first = LogIn("leser-b");
  const std::string second = LogIn("leser-b");
  const std::string other = LogIn("tv-a");
  ASSERT_FALSE(first.empty() || second.empty() || other.empty());
  ASSERT_EQ(Status(first, "/"), 200);
  ASSERT_EQ(Status(second, "/"), 200);
  ASSERT_TRUE(Store()->EndSessions("leser-b").ok());
  EXPECT_TRUE(SignedOut(first, "/"));
  EXPECT_TRUE(SignedOut(second, "/"));
  EXPECT_EQ(Status(other, "/"), 200);
  const std::string again = LogIn("leser-b");  // the account itself is unchanged
  EXPECT_EQ(Status(again, "/"), 200);
}

TEST_F(Accounts, TheBrukerePageDisablesEnablesChangesRolesAndLogsOutAndAuditsEach) {
  const Admin admin = LogInAdmin();
  ASSERT_FALSE(admin.csrf.empty());
  httplib::Client c = Client();
  auto page = c.Get("/brukere", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("action=\"/brukere/leser-c/deaktiver\""), std::string::npos);
  EXPECT_NE(page->body.find("action=\"/brukere/leser-c/logg-ut\""), std::string::npos);
  EXPECT_NE(page->body.find("action=\"/brukere/leser-c/rolle\""), std::string::npos);

  const std::string session = LogIn("leser-c");
  ASSERT_EQ(Status(session, "/"), 200);
  auto disabled = Post(admin, "/brukere/leser-c/deaktiver", {});
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, 200);
  EXPECT_NE(disabled->body.find("«leser-c» er deaktivert"), std::string::npos);
  EXPECT_NE(disabled->body.find("deaktivert</td>"), std::string::npos);
  EXPECT_NE(disabled->body.find("action=\"/brukere/leser-c/aktiver\""), std::string::npos);
  EXPECT_TRUE(SignedOut(session, "/"));
  EXPECT_TRUE((*Store()->FindUser("leser-c"))->disabled);
  EXPECT_TRUE(Audited("user.disable", "leser-c", "test-admin"));

  auto enabled = Post(admin, "/brukere/leser-c/aktiver", {});
  ASSERT_TRUE(enabled);
  EXPECT_EQ(enabled->status, 200);
  EXPECT_NE(enabled->body.find("«leser-c» kan logge inn igjen"), std::string::npos);
  EXPECT_FALSE((*Store()->FindUser("leser-c"))->disabled);
  EXPECT_TRUE(Audited("user.enable", "leser-c", "test-admin"));

  const std::string viewer = LogIn("leser-c");
  ASSERT_EQ(Status(viewer, "/enheter/" + unit_ + "/ansatte"), 403);
  auto no_units = Post(admin, "/brukere/leser-c/rolle", {{"rolle", "leader"}, {"enheter", ""}});
  ASSERT_TRUE(no_units);
  EXPECT_EQ(no_units->status, 400);
  EXPECT_NE(no_units->body.find("En leder må ha minst én egen enhet."), std::string::npos);
  auto unknown = Post(admin, "/brukere/leser-c/rolle", {{"rolle", "leader"}, {"enheter", "nei"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("Ukjent enhet «nei»"), std::string::npos);
  EXPECT_EQ((*Store()->FindUser("leser-c"))->role, "viewer");
  EXPECT_FALSE(Audited("user.role", "leser-c", "test-admin"));  // refused changes leave nothing
  auto promoted = Post(admin, "/brukere/leser-c/rolle", {{"rolle", "leader"}, {"enheter", unit_}});
  ASSERT_TRUE(promoted);
  EXPECT_EQ(promoted->status, 200);
  EXPECT_NE(promoted->body.find("har nå rollen leder"), std::string::npos);
  EXPECT_EQ((*Store()->FindUser("leser-c"))->units, std::vector<std::string>{unit_});
  EXPECT_TRUE(Audited("user.role", "leser-c", "test-admin"));
  EXPECT_TRUE(SignedOut(viewer, "/"));  // a new role is a new login
  const std::string leader = LogIn("leser-c");
  EXPECT_EQ(Status(leader, "/enheter/" + unit_ + "/ansatte"), 200);

  auto out = Post(admin, "/brukere/leser-c/logg-ut", {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->body.find("«leser-c» er logget ut overalt"), std::string::npos);
  EXPECT_TRUE(SignedOut(leader, "/"));
  EXPECT_TRUE(Audited("user.logout", "leser-c", "test-admin"));

  auto missing = Post(admin, "/brukere/finnes-ikke/deaktiver", {});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("Brukeren «finnes-ikke» finnes ikke."), std::string::npos);
  EXPECT_EQ(Status(admin.cookie, "/brukere"), 200);  // the admin's own session is untouched
}

TEST_F(Accounts, TheLastEnabledAdminCanBeNeitherDisabledNorDemotedOnTheWeb) {
  const Admin admin = LogInAdmin();
  ASSERT_FALSE(admin.csrf.empty());
  auto disable = Post(admin, "/brukere/test-admin/deaktiver", {});
  ASSERT_TRUE(disable);
  EXPECT_EQ(disable->status, 400);
  EXPECT_NE(disable->body.find("siste aktive administratoren"), std::string::npos);
  auto demote = Post(admin, "/brukere/test-admin/rolle", {{"rolle", "viewer"}});
  ASSERT_TRUE(demote);
  EXPECT_EQ(demote->status, 400);
  EXPECT_NE(demote->body.find("siste aktive administratoren"), std::string::npos);
  auto stored = Store()->FindUser("test-admin");
  EXPECT_EQ((*stored)->role, "admin");
  EXPECT_FALSE((*stored)->disabled);
  EXPECT_EQ(Status(admin.cookie, "/brukere"), 200);
  EXPECT_FALSE(Audited("user.disable", "test-admin", "test-admin"));
  EXPECT_FALSE(Audited("user.role", "test-admin", "test-admin"));
}

TEST_F(Accounts, AccountFormsWithoutTheSessionsCsrfTokenAreRefused) {
  const Admin admin = LogInAdmin();
  httplib::Client c = Client();
  const httplib::Headers headers = {{"Cookie", admin.cookie}};
  for (const char* action : {"deaktiver", "logg-ut", "rolle"}) {
    const std::string path = std::string("/brukere/leser-d/") + action;
    auto missing = c.Post(path, headers, httplib::Params{{"rolle", "admin"}});
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 403) << path;
    auto wrong = c.Post(path, headers, httplib::Params{{"csrf", "feil"}, {"rolle", "admin"}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 403) << path;
  }
  auto stored = Store()->FindUser("leser-d");
  EXPECT_FALSE((*stored)->disabled);
  EXPECT_EQ((*stored)->role, "viewer");
  EXPECT_EQ((*stored)->session_epoch, 0);
  // Nor may anyone but an admin, with a valid token of their own.
  const std::string leader = LogIn("leder-c");
  auto page = c.Get("/", {{"Cookie", leader}});
  ASSERT_TRUE(page);
  const std::string csrf = Between(page->body, "name=\"csrf\" value=\"", "\"");
  ASSERT_FALSE(csrf.empty());
  auto refused =
      c.Post("/brukere/leser-d/deaktiver", {{"Cookie", leader}}, httplib::Params{{"csrf", csrf}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_FALSE((*Store()->FindUser("leser-d"))->disabled);
}

}  // namespace
}  // namespace agp::web
