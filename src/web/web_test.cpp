// The web app end to end over loopback: every route of the table as every role and anonymously,
// suppression in what union representatives and viewers get, sessions, CSRF, rate limiting and
// the security headers. The server runs on a free port of 127.0.0.1 on a small demo municipality.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "demo/generator.h"
#include "followup/measures.h"
#include "metrics/results.h"
#include "policy/lint.h"
#include "policy/policy_store.h"
#include "store/passwords.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/test_support.h"

namespace agp::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "et-langt-passord-for-test";
constexpr const char* kPolicy = "roros-2017";
constexpr const char* kGoal = "delmal-heltid-1";
constexpr const char* kPlanCsv =
    "shift,start,end,paid_minutes,mon,tue,wed,thu,fri,sat,sun,holiday\n"
    "D,07:30,15:30,450,2,2,2,2,2,2,2,\n";

using testing::Between;
using testing::ReadFile;

class WebApp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("agp-web-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "web.db").string();
    auto db = store::OpenSqlite(db_path_);
    ASSERT_TRUE(db.ok());
    demo::DemoOptions o;
    o.employees = 300;
    o.years = 3;
    o.last_year = 2024;
    o.seed = 11;
    core::Workforce w = demo::GenerateWorkforce(o);
    store::ImportRecord record;
    record.imported_at = clock_.NowUtc();
    record.source = "test";
    record.checksum = "test";
    ASSERT_TRUE((*db)->ReplaceWorkforce(w, record).ok());
    ASSERT_TRUE(metrics::Recompute(**db, w, clock_).ok());
    policy::Diagnostics diagnostics("roros.yaml");
    policy::Policy p = policy::CheckPolicy(
        ReadFile(fs::path(AGP_SOURCE_DIR) / "data/policies/002_roros_2017_2025.yaml"),
        &diagnostics);
    ASSERT_EQ(diagnostics.error_count(), 0);
    ASSERT_TRUE(policy::StorePolicy(**db, p, "test", clock_).ok());
    // The policy's first two measures: one the leader's unit carries out, one nobody yet.
    policy::ForEachNode(p.nodes, [&](const policy::Node& n, int) {
      for (size_t i = 0; i < n.measures.size(); ++i) {
        if (measure_.empty()) {
          measure_ = policy::MeasureKey(n, i);
        } else if (unassigned_measure_.empty()) {
          unassigned_measure_ = policy::MeasureKey(n, i);
        }
      }
    });
    ASSERT_FALSE(unassigned_measure_.empty());
    for (const core::Unit& u : w.units) {
      if (u.parent >= 0 && w.units[static_cast<size_t>(u.parent)].parent < 0) {
        (own_unit_.empty() ? own_unit_ : other_unit_) = u.key;
        if (!other_unit_.empty()) break;
      }
    }
    const char* roles[] = {"admin", "leader", "union", "viewer"};
    for (const char* role : roles) {
      store::UserRecord user;
      user.name = std::string("test-") + role;
      user.role = role;
      user.password_hash = *store::HashPassword(kPassword);
      user.created_at = clock_.NowUtc();
      if (std::string(role) == "leader") user.units = {own_unit_};
      ASSERT_TRUE((*db)->AddUser(user).ok());
    }
    store::MeasureUpdateRecord give{0,  kPolicy, measure_, "planlagt",     own_unit_, "2025-03-31",
                                    "", "",      "hr",     clock_.NowUtc()};
    ASSERT_TRUE((*db)->AddMeasureUpdate(give).ok());
    // A staffing plan for each of the two units: two on a day shift every day (DESIGN §12).
    for (const std::string& unit : {own_unit_, other_unit_}) {
      store::StaffingPlanRecord plan{0, unit, 0, kPlanCsv, "", "hr", clock_.NowUtc()};
      ASSERT_TRUE((*db)->AddStaffingPlan(plan).ok());
    }
    db->reset();

    ServeOptions options;
    options.port = 0;
    options.db_path = db_path_;
    options.web_dir = (fs::path(AGP_SOURCE_DIR) / "web").string();
    options.data_dir = (fs::path(AGP_SOURCE_DIR) / "data").string();
    options.upload_dir = (dir_ / "uploads").string();
    options.threads = 8;
    options.rota_seconds = 3;
    server_ = new WebServer(options, clock_);
    server_->set_access_log(false);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.error().message();
    port_ = *port;
    thread_ = new std::thread([] { server_->Listen(); });
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) server_->Stop();
    if (thread_ != nullptr) thread_->join();
    delete thread_;
    delete server_;
    fs::remove_all(dir_);
  }

  struct Login {
    std::string cookie;  // "agp_session=…"
    std::string csrf;
  };

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_keep_alive(false);
    c.set_read_timeout(60);
    return c;
  }

  // Logs in through the form, as a browser would.
  static Login LogIn(const std::string& name, const std::string& password = kPassword,
                     int* status = nullptr) {
    httplib::Client c = Client();
    const testing::SignIn in = testing::LogInThroughForm(c, name, password);
    if (status != nullptr) *status = in.status;
    Login login;
    if (!in.cookie.empty()) {
      login.cookie = in.cookie;
      auto page = c.Get("/", {{"Cookie", login.cookie}});
      login.csrf = Between(page->body, "name=\"csrf\" value=\"", "\"");
    }
    return login;
  }

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline core::FixedClock clock_{core::Date::FromYmd(2025, 6, 1)};
  static inline WebServer* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
  static inline std::string own_unit_, other_unit_;
  static inline std::string measure_, unassigned_measure_;  // keys of roros-2017's measures
};

// A concrete path for every route of the table; a new route without one fails the test.
std::map<std::string, std::string> SamplePaths(const std::string& own_unit,
                                               const std::string& measure) {
  const std::string m = std::string("/tiltak/") + kPolicy + "/" + measure;
  return {
      {"/tiltak", "/tiltak"},
      {"/tiltak/([^/]+)/([^/]+)", m},
      {"/tiltak/([^/]+)/([^/]+)/oppdater", m + "/oppdater"},
      {"/tiltak/([^/]+)/([^/]+)/dokumentasjon", m + "/dokumentasjon"},
      {"/tiltak/([^/]+)/([^/]+)/dokumentasjon/([0-9]{1,18})", m + "/dokumentasjon/999999"},
      {"/tiltak/([^/]+)/([^/]+)/dokumentasjon/([0-9]{1,18})/trekk-tilbake",
       m + "/dokumentasjon/999999/trekk-tilbake"},
      {"/mal/([^/]+)/([^/]+)/tiltak", std::string("/mal/") + kPolicy + "/" + kGoal + "/tiltak"},
      {"/logg-inn", "/logg-inn"},
      {"/logg-ut", "/logg-ut"},
      {"/", "/"},
      {"/mal/([^/]+)/([^/]+)", std::string("/mal/") + kPolicy + "/" + kGoal},
      {"/mal/([^/]+)/([^/]+)/vurdering",
       std::string("/mal/") + kPolicy + "/" + kGoal + "/vurdering"},
      {"/enheter", "/enheter"},
      {"/enheter/([^/]+)", "/enheter/" + own_unit},
      {"/enheter/([^/]+)/ansatte", "/enheter/" + own_unit + "/ansatte"},
      {"/indikatorer", "/indikatorer"},
      {"/indikatorer/([a-z0-9_]+)\\.csv", "/indikatorer/sick_leave_pct.csv"},
      {"/indikatorer/([a-z0-9_]+)\\.xlsx", "/indikatorer/sick_leave_pct.xlsx"},
      {"/indikatorer/([a-z0-9_]+)", "/indikatorer/sick_leave_pct"},
      {"/import", "/import"},
      {"/import/([A-Za-z0-9_-]+)", "/import/ukjent"},
      {"/import/([A-Za-z0-9_-]+)/bekreft", "/import/ukjent/bekreft"},
      {"/policy", "/policy"},
      {"/policy/maler", "/policy/maler"},
      {"/policy/([^/]+)", std::string("/policy/") + kPolicy},
      {"/policy/([^/]+)/noder/([^/]+)", std::string("/policy/") + kPolicy + "/noder/finnes-ikke"},
      {"/rapporter", "/rapporter"},
      {"/rapporter/fil", std::string("/rapporter/fil?format=html&periode=2024&policy=") + kPolicy},
      {"/brukere", "/brukere"},
      // A user that does not exist: the route must not change the test's own accounts.
      {"/brukere/([^/]+)/deaktiver", "/brukere/finnes-ikke/deaktiver"},
      {"/brukere/([^/]+)/aktiver", "/brukere/finnes-ikke/aktiver"},
      {"/brukere/([^/]+)/rolle", "/brukere/finnes-ikke/rolle"},
      {"/brukere/([^/]+)/logg-ut", "/brukere/finnes-ikke/logg-ut"},
      {"/logg", "/logg"},
      {"/oppgaver", "/oppgaver"},
      {"/oppgaver/registrer", "/oppgaver/registrer"},
      {"/heltid", "/heltid"},
      {"/heltid/([^/]+)", "/heltid/" + own_unit},
      {"/heltid/([^/]+)/plan", "/heltid/" + own_unit + "/plan"},
      {"/heltid/([^/]+)/turnus", "/heltid/" + own_unit + "/turnus"},
      {"/heltid/([^/]+)/turnus/([0-9]{1,18})\\.(csv|xlsx|pdf)",
       "/heltid/" + own_unit + "/turnus/999999.xlsx"},
      {"/heltid/([^/]+)/turnus/([0-9]{1,18})", "/heltid/" + own_unit + "/turnus/999999"},
  };
}

TEST_F(WebApp, EveryRouteAnswersEveryRoleAsTheTableSays) {
  std::map<std::string, Login> logins;
  const char* roles[] = {"admin", "leader", "union", "viewer"};
  for (const char* role : roles) {
    logins[role] = LogIn(std::string("test-") + role);
    ASSERT_FALSE(logins[role].cookie.empty()) << role;
    ASSERT_FALSE(logins[role].csrf.empty()) << role;
  }
  auto samples = SamplePaths(own_unit_, measure_);
  httplib::Client c = Client();
  int checked = 0;
  for (const Route& route : Routes()) {
    ASSERT_TRUE(samples.count(route.pattern)) << "no sample path for " << route.pattern;
    const std::string path = samples[route.pattern];
    const bool post = std::string(route.method) == "POST";
    // Anonymous.
    {
      auto res = post ? c.Post(path, httplib::Params{}) : c.Get(path);
      ASSERT_TRUE(res);
      if (route.access == Access::kAnyone) {
        EXPECT_EQ(res->status, post ? 403 : 200) << route.method << " " << path;
      } else {
        EXPECT_EQ(res->status, 303) << route.method << " " << path;
        EXPECT_EQ(res->get_header_value("Location").rfind("/logg-inn", 0), 0u) << path;
      }
    }
    if (route.access == Access::kAnyone || path == "/logg-ut") continue;
    for (const char* role_key : roles) {
      const Login& login = logins[role_key];
      httplib::Headers headers = {{"Cookie", login.cookie}};
      auto res = post ? c.Post(path, headers, httplib::Params{{"csrf", login.csrf}})
                      : c.Get(path, headers);
      ASSERT_TRUE(res);
      const bool allowed = Allows(route.access, *core::ParseRole(role_key));
      if (allowed) {
        // Allowed: a page, a redirect, or a clear "not found"/"bad form" — never 403 or 500.
        EXPECT_TRUE(res->status == 200 || res->status == 303 || res->status == 400 ||
                    res->status == 404)
            << route.method << " " << path << " as " << role_key << ": " << res->status;
      } else {
        EXPECT_EQ(res->status, 403) << route.method << " " << path << " as " << role_key;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 4 * 18);
  // Logging out ends the session: the old cookie leads to the login page again.
  httplib::Headers headers = {{"Cookie", logins["viewer"].cookie}};
  auto out = c.Post("/logg-ut", headers, httplib::Params{{"csrf", logins["viewer"].csrf}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(c.Get("/", headers)->status, 303);
}

TEST_F(WebApp, LeadersSeeIndividualsOnlyInTheirOwnUnitsAndEveryViewIsLogged) {
  Login leader = LogIn("test-leader");
  Login admin = LogIn("test-admin");
  httplib::Client c = Client();
  auto own = c.Get("/enheter/" + own_unit_ + "/ansatte", {{"Cookie", leader.cookie}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find("Sykedager"), std::string::npos);
  auto other = c.Get("/enheter/" + other_unit_ + "/ansatte", {{"Cookie", leader.cookie}});
  EXPECT_EQ(other->status, 403);
  auto unit_page = c.Get("/enheter/" + other_unit_, {{"Cookie", leader.cookie}});
  EXPECT_EQ(unit_page->body.find("/ansatte"), std::string::npos);
  auto log = c.Get("/logg", {{"Cookie", admin.cookie}});
  EXPECT_NE(log->body.find("individuals.view"), std::string::npos);
  EXPECT_NE(log->body.find(own_unit_), std::string::npos);
}

// Every CSV row that union representatives and viewers get: a withheld row has no value, no
// numerator, denominator or population; a shown row is about at least five persons. The admin
// sees the same rows with their values, so the test fails if suppression stops working.
// The first form on a Mine oppgaver page that records `duty` for a person: the employee's key.
std::string FirstOpenDuty(const std::string& page, const std::string& duty) {
  const std::string marker = "name=\"plikt\" value=\"" + duty + "\"";
  const size_t at = page.find(marker);
  if (at == std::string::npos) return "";
  const size_t key = page.rfind("name=\"ansatt\" value=\"", at);
  return key == std::string::npos ? "" : Between(page.substr(key), "value=\"", "\"");
}

TEST_F(WebApp, ALeaderSeesTheWeeksDutiesRecordsOneAndEveryViewIsLogged) {
  Login leader = LogIn("test-leader");
  httplib::Client c = Client();
  // A leader's first page after login is Mine oppgaver.
  const testing::SignIn in = testing::LogInThroughForm(c, "test-leader", kPassword, "");
  ASSERT_EQ(in.status, 303);
  auto page = c.Get("/oppgaver", {{"Cookie", leader.cookie}});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Sykefraværsoppfølging: å gjøre"), std::string::npos);
  EXPECT_NE(page->body.find("Medarbeidersamtaler"), std::string::npos);
  // The leader narrows the page to one of their units, never to another's.
  EXPECT_NE(page->body.find("<option value=\"" + own_unit_ + "\""), std::string::npos);
  EXPECT_EQ(page->body.find("<option value=\"" + other_unit_ + "\""), std::string::npos);
  const std::string person = FirstOpenDuty(page->body, "oppfolgingsplan");
  ASSERT_FALSE(person.empty()) << "the demo should give the leader an open plan";
  // The view of individuals is in the audit log, with the leader's unit.
  Login admin = LogIn("test-admin");
  auto log = c.Get("/logg", {{"Cookie", admin.cookie}});
  EXPECT_NE(log->body.find("oppgaver:" + own_unit_), std::string::npos);

  httplib::Headers headers = {{"Cookie", leader.cookie}};
  auto future = c.Post("/oppgaver/registrer", headers,
                       httplib::Params{{"csrf", leader.csrf},
                                       {"ansatt", person},
                                       {"plikt", "oppfolgingsplan"},
                                       {"handling", "utfort"},
                                       {"dato", "2025-06-02"}});
  EXPECT_EQ(future->status, 400);  // the clock says 1 June 2025
  auto no_reason = c.Post("/oppgaver/registrer", headers,
                          httplib::Params{{"csrf", leader.csrf},
                                          {"ansatt", person},
                                          {"plikt", "oppfolgingsplan"},
                                          {"handling", "unodvendig"},
                                          {"dato", "2025-06-01"}});
  EXPECT_EQ(no_reason->status, 400);
  auto done = c.Post("/oppgaver/registrer", headers,
                     httplib::Params{{"csrf", leader.csrf},
                                     {"ansatt", person},
                                     {"plikt", "oppfolgingsplan"},
                                     {"handling", "utfort"},
                                     {"dato", "2025-05-30"}});
  ASSERT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"), "/oppgaver?registrert=1");
  log = c.Get("/logg", {{"Cookie", admin.cookie}});
  EXPECT_NE(log->body.find("followup.record"), std::string::npos);

  // Someone in another unit: the leader may not record for them (403), HR may.
  auto staff = c.Get("/enheter/" + other_unit_ + "/ansatte", {{"Cookie", admin.cookie}});
  ASSERT_EQ(staff->status, 200);
  const std::string stranger =
      Between(staff->body.substr(staff->body.find("<tbody>")), "<tr><td>", "</td>");
  ASSERT_FALSE(stranger.empty());
  auto outside = c.Post("/oppgaver/registrer", headers,
                        httplib::Params{{"csrf", leader.csrf},
                                        {"ansatt", stranger},
                                        {"plikt", "dialogmote1"},
                                        {"handling", "unodvendig"},
                                        {"begrunnelse", "kort fravær"},
                                        {"dato", "2025-05-30"}});
  EXPECT_EQ(outside->status, 403);
  auto other_page = c.Get("/oppgaver?enhet=" + other_unit_, {{"Cookie", leader.cookie}});
  EXPECT_EQ(other_page->status, 403);
  auto by_admin = c.Post("/oppgaver/registrer", {{"Cookie", admin.cookie}},
                         httplib::Params{{"csrf", admin.csrf},
                                         {"ansatt", stranger},
                                         {"plikt", "dialogmote1"},
                                         {"handling", "unodvendig"},
                                         {"begrunnelse", "kort fravær"},
                                         {"dato", "2025-05-30"}});
  EXPECT_EQ(by_admin->status, 303);
}

// Measures in execution (DESIGN §10.3): the leader of the unit that carries a measure out reports
// on it and attaches evidence; nobody else but HR may; files are checked and only downloaded.
TEST_F(WebApp, ALeaderReportsOnTheirUnitsMeasuresAndEvidenceIsOnlyADownload) {
  Login leader = LogIn("test-leader");
  Login admin = LogIn("test-admin");
  Login union_rep = LogIn("test-union");
  httplib::Client c = Client();
  const std::string m = std::string("/tiltak/") + kPolicy + "/" + measure_;
  httplib::Headers as_leader = {{"Cookie", leader.cookie}};

  // Overdue since 31 March (the clock says 1 June 2025): on the dashboard and Mine oppgaver.
  auto home = c.Get("/", as_leader);
  ASSERT_EQ(home->status, 200);
  EXPECT_EQ(Between(home->body, "data-overdue-measures>", "<"), "1");
  auto tasks = c.Get("/oppgaver", as_leader);
  EXPECT_NE(tasks->body.find("Tiltak å melde fremdrift på"), std::string::npos);
  EXPECT_NE(tasks->body.find("data-measure=\"" + measure_ + "\""), std::string::npos);
  auto list = c.Get("/tiltak?vis=forfalt", as_leader);
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("data-measure=\"" + measure_ + "\""), std::string::npos);
  EXPECT_EQ(list->body.find("data-measure=\"" + unassigned_measure_ + "\""), std::string::npos);

  auto page = c.Get(m, as_leader);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("action=\"" + m + "/oppdater\""), std::string::npos);
  auto bad = c.Post(m + "/oppdater", as_leader,
                    httplib::Params{{"csrf", leader.csrf}, {"status", "ferdig"}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("velg en status"), std::string::npos);
  auto done = c.Post(m + "/oppdater", as_leader,
                     httplib::Params{{"csrf", leader.csrf},
                                     {"status", "fullført"},
                                     {"notat", "Alle deltidsansatte har fått tilbud."},
                                     {"notatdato", "2025-05-30"}});
  ASSERT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"), m + "?lagret=1");
  page = c.Get(m, as_leader);
  EXPECT_NE(page->body.find("Alle deltidsansatte har fått tilbud."), std::string::npos);
  EXPECT_NE(page->body.find("status-met\">Fullført"), std::string::npos);
  home = c.Get("/", as_leader);
  EXPECT_EQ(Between(home->body, "data-overdue-measures>", "<"), "0");

  // A measure no unit carries out yet is HR's to hand out; union representatives change nothing.
  const std::string other = std::string("/tiltak/") + kPolicy + "/" + unassigned_measure_;
  EXPECT_EQ(c.Post(other + "/oppdater", as_leader,
                   httplib::Params{{"csrf", leader.csrf}, {"status", "pågår"}})
                ->status,
            403);
  EXPECT_EQ(c.Post(m + "/oppdater", {{"Cookie", union_rep.cookie}},
                   httplib::Params{{"csrf", union_rep.csrf}, {"status", "pågår"}})
                ->status,
            403);
  ASSERT_EQ(
      c.Post(other + "/oppdater", {{"Cookie", admin.cookie}},
             httplib::Params{{"csrf", admin.csrf}, {"status", "pågår"}, {"enhet", other_unit_}})
          ->status,
      303);
  EXPECT_EQ(c.Post(other + "/oppdater", as_leader,
                   httplib::Params{{"csrf", leader.csrf}, {"status", "fullført"}})
                ->status,
            403);  // another unit's now
  EXPECT_EQ(c.Post(other + "/dokumentasjon", as_leader,
                   httplib::Params{{"csrf", leader.csrf}, {"lenke", "https://x.invalid"}})
                ->status,
            403);

  // Evidence: a file whose bytes are what its name says, kept and offered only as a download.
  const std::string pdf = "%PDF-1.4\n<script>alert(1)</script>\n";
  auto upload = c.Post(m + "/dokumentasjon", as_leader,
                       httplib::MultipartFormDataItems{{"csrf", leader.csrf, "", ""},
                                                       {"tittel", "Referat", "", ""},
                                                       {"fil", pdf, "referat.pdf", "text/html"}});
  ASSERT_EQ(upload->status, 303) << upload->body;
  auto html = c.Post(m + "/dokumentasjon", as_leader,
                     httplib::MultipartFormDataItems{{"csrf", leader.csrf, "", ""},
                                                     {"fil", "<html></html>", "side.html", ""}});
  EXPECT_EQ(html->status, 400);
  EXPECT_NE(html->body.find("tas ikke imot"), std::string::npos);
  auto fake = c.Post(m + "/dokumentasjon", as_leader,
                     httplib::MultipartFormDataItems{{"csrf", leader.csrf, "", ""},
                                                     {"fil", "<html></html>", "x.pdf", ""}});
  EXPECT_EQ(fake->status, 400);
  // A file larger than a form may be is taken from a leader (the limit is in server_test) …
  const std::string big = "%PDF-" + std::string(300 * 1024, 'x');
  auto large = c.Post(m + "/dokumentasjon", as_leader,
                      httplib::MultipartFormDataItems{{"csrf", leader.csrf, "", ""},
                                                      {"fil", big, "stort.pdf", ""}});
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 303);
  // … and refused from a union representative before it is read, as any other large form.
  auto big_union = c.Post(
      m + "/dokumentasjon", {{"Cookie", union_rep.cookie}},
      httplib::MultipartFormDataItems{{"csrf", union_rep.csrf, "", ""}, {"fil", big, "a.pdf", ""}});
  ASSERT_TRUE(big_union);
  EXPECT_EQ(big_union->status, 413);

  page = c.Get(m, {{"Cookie", union_rep.cookie}});
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("action=\"" + m + "/oppdater\""), std::string::npos);  // reads only
  const std::string href =
      Between(page->body, "href=\"" + m + "/dokumentasjon/", "\"");  // the first
  ASSERT_FALSE(href.empty());
  auto file = c.Get(m + "/dokumentasjon/" + href, {{"Cookie", union_rep.cookie}});
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->body, pdf);
  EXPECT_EQ(file->get_header_value("Content-Type"), "application/pdf");  // not what was declared
  EXPECT_EQ(file->get_header_value("Content-Disposition").rfind("attachment;", 0), 0u);
  EXPECT_EQ(file->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(file->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);
  // Another measure's path does not reach this file.
  EXPECT_EQ(c.Get(other + "/dokumentasjon/" + href, {{"Cookie", admin.cookie}})->status, 404);
  // Withdrawn (uploaded by mistake): a union representative may not, the leader may; then the
  // file is gone for everyone and the page says who withdrew it.
  EXPECT_EQ(c.Post(m + "/dokumentasjon/" + href + "/trekk-tilbake", {{"Cookie", union_rep.cookie}},
                   httplib::Params{{"csrf", union_rep.csrf}})
                ->status,
            403);
  EXPECT_EQ(c.Post(m + "/dokumentasjon/" + href + "/trekk-tilbake", as_leader,
                   httplib::Params{{"csrf", leader.csrf}})
                ->status,
            303);
  EXPECT_EQ(c.Get(m + "/dokumentasjon/" + href, {{"Cookie", union_rep.cookie}})->status, 404);
  page = c.Get(m, {{"Cookie", union_rep.cookie}});
  EXPECT_NE(page->body.find("trukket tilbake av test-leader"), std::string::npos);

  // A local measure for the leader's own unit, not for another's.
  const std::string goal = std::string("/mal/") + kPolicy + "/" + kGoal;
  auto local = c.Post(goal + "/tiltak", as_leader,
                      httplib::Params{{"csrf", leader.csrf},
                                      {"tittel", "Langvakter i helgene"},
                                      {"enhet", own_unit_},
                                      {"frist", "2025-12-31"}});
  ASSERT_EQ(local->status, 303);
  EXPECT_EQ(
      local->get_header_value("Location").rfind(std::string("/tiltak/") + kPolicy + "/lokal-", 0),
      0u);
  EXPECT_EQ(c.Post(goal + "/tiltak", as_leader,
                   httplib::Params{
                       {"csrf", leader.csrf}, {"tittel", "Langvakter"}, {"enhet", other_unit_}})
                ->status,
            403);
  auto goal_page = c.Get(goal, as_leader);
  EXPECT_NE(goal_page->body.find("Langvakter i helgene"), std::string::npos);

  auto log = c.Get("/logg", {{"Cookie", admin.cookie}});
  for (const char* action : {"measure.update", "measure.evidence.add", "measure.evidence.download",
                             "measure.evidence.withdraw", "measure.add"}) {
    EXPECT_NE(log->body.find(action), std::string::npos) << action;
  }
}

TEST_F(WebApp, UnionAndViewersSeeTheFollowupInNumbersOnly) {
  for (const char* role : {"test-union", "test-viewer"}) {
    Login login = LogIn(role);
    httplib::Client c = Client();
    auto page = c.Get("/oppgaver", {{"Cookie", login.cookie}});
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << role;
    EXPECT_NE(page->body.find("Oppfølging i tall"), std::string::npos) << role;
    EXPECT_EQ(page->body.find("name=\"ansatt\""), std::string::npos) << role;
    EXPECT_EQ(page->body.find("Opplysninger om enkeltpersoner"), std::string::npos) << role;
    auto record = c.Post("/oppgaver/registrer", {{"Cookie", login.cookie}},
                         httplib::Params{{"csrf", login.csrf},
                                         {"ansatt", "1"},
                                         {"plikt", "oppfolgingsplan"},
                                         {"handling", "utfort"},
                                         {"dato", "2025-05-30"}});
    EXPECT_EQ(record->status, 403) << role;
  }
}

TEST_F(WebApp, ReportsAreWrittenForTheUsersAudience) {
  httplib::Client c = Client();
  c.set_read_timeout(180, 0);
  const std::string path =
      std::string("/rapporter/fil?periode=2024&enhet=") + own_unit_ + "&policy=" + kPolicy;
  Login admin = LogIn("test-admin");
  auto hr = c.Get(path + "&format=html", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(hr);
  ASSERT_EQ(hr->status, 200);
  EXPECT_NE(hr->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(hr->body.find("Ikke for offentliggjøring"), std::string::npos);
  EXPECT_EQ(hr->body.find("data-suppressed"), std::string::npos);
  int withheld = 0;
  for (const char* role : {"union", "viewer"}) {
    Login login = LogIn(std::string("test-") + role);
    auto res = c.Get(path + "&format=html", {{"Cookie", login.cookie}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << role;
    EXPECT_EQ(res->body.find("Ikke for offentliggjøring"), std::string::npos) << role;
    // A withheld figure carries no value; HR's copy has one there (so this can fail).
    static const std::regex kWithheld(
        R"re(<data class="suppressed" value="([^"]*)"( data-indicator="[^"]*" data-unit="[^"]*" data-period="[^"]*"))re");
    for (auto it = std::sregex_iterator(res->body.begin(), res->body.end(), kWithheld);
         it != std::sregex_iterator(); ++it) {
      EXPECT_EQ((*it)[1].str(), "") << role;
      withheld += hr->body.find((*it)[2].str()) != std::string::npos ? 1 : 0;
    }
  }
  EXPECT_GT(withheld, 0);
  auto xlsx = c.Get(path + "&format=xlsx", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK", 0), 0u);
  auto pdf = c.Get(path + "&format=pdf", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->body.rfind("%PDF", 0), 0u);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  auto bad = c.Get(path + "&format=docx", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto page = c.Get("/rapporter", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("action=\"/rapporter/fil\""), std::string::npos);
}

TEST_F(WebApp, UnionAndViewersNeverGetASuppressedValue) {
  const char* keys[] = {"headcount", "fulltime_share", "sick_leave_pct",      "women_share",
                        "avg_age",   "turnover",       "pay_ratio_women_men", "dialogue_coverage"};
  Login admin = LogIn("test-admin");
  int suppressed_rows = 0;
  for (const char* role : {"union", "viewer"}) {
    Login login = LogIn(std::string("test-") + role);
    httplib::Client c = Client();
    for (const char* key : keys) {
      std::string path = std::string("/indikatorer/") + key + ".csv?periode=2024";
      auto res = c.Get(path, {{"Cookie", login.cookie}});
      auto all = c.Get(path, {{"Cookie", admin.cookie}});
      ASSERT_TRUE(res && all);
      ASSERT_EQ(res->status, 200) << path;
      std::istringstream lines(res->body), admin_lines(all->body);
      std::string line, admin_line;
      std::getline(lines, line);
      std::getline(admin_lines, admin_line);
      while (std::getline(lines, line) && std::getline(admin_lines, admin_line)) {
        std::vector<std::string> f, a;
        std::stringstream ls(line), as(admin_line);
        for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
        for (std::string x; std::getline(as, x, ',');) a.push_back(x);
        if (line.back() == ',') f.push_back("");
        ASSERT_GE(f.size(), 8u) << line;
        if (f[7] == "1") {
          ++suppressed_rows;
          EXPECT_EQ(f[3] + f[4] + f[5] + f[6], "") << role << " " << line;
        } else if (!f[6].empty() && f[6] != "0") {
          EXPECT_GE(std::stod(f[6]), 5) << role << " " << line;
        }
        EXPECT_EQ(a[7], "0") << "admins see individuals: " << admin_line;
      }
    }
    auto xlsx = c.Get("/indikatorer/sick_leave_pct.xlsx?periode=2024", {{"Cookie", login.cookie}});
    ASSERT_TRUE(xlsx);
    EXPECT_EQ(xlsx->status, 200);
    EXPECT_EQ(xlsx->body.substr(0, 2), "PK");  // a zip container, as every .xlsx is
    EXPECT_NE(xlsx->get_header_value("Content-Disposition").find("sick_leave_pct-2024.xlsx"),
              std::string::npos);
    auto unit = c.Get("/indikatorer/sick_leave_pct?periode=2024", {{"Cookie", login.cookie}});
    EXPECT_NE(unit->body.find("skjult"), std::string::npos) << role;
  }
  EXPECT_GT(suppressed_rows, 0) << "the demo must have small units, or this test proves nothing";
}

TEST_F(WebApp, FormsWithoutTheSessionsCsrfTokenOrFromAnotherSiteAreRefused) {
  Login admin = LogIn("test-admin");
  httplib::Client c = Client();
  httplib::Headers headers = {{"Cookie", admin.cookie}};
  auto missing = c.Post("/brukere", headers, httplib::Params{{"navn", "x"}, {"rolle", "viewer"}});
  EXPECT_EQ(missing->status, 403);
  auto wrong = c.Post("/brukere", headers,
                      httplib::Params{{"csrf", "feil"}, {"navn", "x"}, {"rolle", "viewer"}});
  EXPECT_EQ(wrong->status, 403);
  httplib::Headers cross = {{"Cookie", admin.cookie}, {"Origin", "https://evil.example"}};
  auto foreign = c.Post("/brukere", cross,
                        httplib::Params{{"csrf", admin.csrf}, {"navn", "x"}, {"rolle", "viewer"}});
  EXPECT_EQ(foreign->status, 403);
  auto ok = c.Post("/brukere", headers,
                   httplib::Params{{"csrf", admin.csrf},
                                   {"navn", "ny-leser"},
                                   {"rolle", "viewer"},
                                   {"passord", "et-passord-med-lengde"}});
  EXPECT_EQ(ok->status, 200);
  auto log = c.Get("/logg", headers);
  EXPECT_NE(log->body.find("user.add"), std::string::npos);
  EXPECT_NE(log->body.find("ny-leser"), std::string::npos);
}

TEST_F(WebApp, RepeatedFailedLoginsAreRateLimitedEvenWithTheRightPassword) {
  int status = 0;
  for (int i = 0; i < 5; ++i) {
    LogIn("test-viewer-ratelimit", "feil-passord", &status);
    EXPECT_EQ(status, 401);
  }
  LogIn("test-viewer-ratelimit", "feil-passord", &status);
  EXPECT_EQ(status, 429);
  Login other = LogIn("test-union");  // another account from the same address still gets in
  EXPECT_FALSE(other.cookie.empty());
}

TEST_F(WebApp, PagesCarrySecurityHeadersAndSessionCookiesAreHttpOnlyAndStrict) {
  httplib::Client c = Client();
  auto form = c.Get("/logg-inn");
  ASSERT_TRUE(form);
  std::string csp = form->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(form->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(form->body.find("<script>"), std::string::npos);
  EXPECT_NE(form->body.find("<html lang=\"nb\">"), std::string::npos);

  std::string login_cookie = Between(form->get_header_value("Set-Cookie"), "agp_login=", ";");
  std::string token = Between(form->body, "name=\"login_token\" value=\"", "\"");
  auto res = c.Post(
      "/logg-inn", {{"Cookie", "agp_login=" + login_cookie}},
      httplib::Params{{"login_token", token}, {"navn", "test-admin"}, {"passord", kPassword}});
  std::string set = res->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
  EXPECT_GE(Between(set, "agp_session=", ";").size(), 43u);
  auto css = c.Get("/static/agp.css");
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(c.Get("/static/d3.min.js")->status, 200);
}

TEST(Html, NumbersUseDecimalCommaAndNarrowSpaces) {
  EXPECT_EQ(Num(61.26, 1), "61,3");
  EXPECT_EQ(Num(12345.0, 0), "12\u202f345");
  EXPECT_EQ(Num(1977.0, 0), "1977");
  EXPECT_EQ(Num(std::nullopt), "–");
  EXPECT_EQ(Escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

TEST(Html, ScrollingTablesBecomeNamedKeyboardRegions) {
  std::string html = AccessibleTables(
      "<div class=\"table-wrap\"><table><caption>Sykefravær "
      "<span>2024</span></caption></table></div>");
  EXPECT_NE(html.find("role=\"region\" tabindex=\"0\" aria-label=\"Sykefravær 2024\""),
            std::string::npos);
}

}  // namespace
}  // namespace agp::web

namespace agp::web {
namespace {

// Heltid (DESIGN §12): leaders, union representatives and HR take part; viewers do not; only
// leaders (own units) and HR change plans and make rotas.
TEST_F(WebApp, HeltidIsForThePartiesAndOnlyLeadersAndHrChangeIt) {
  Login leader = LogIn("test-leader");
  Login uni = LogIn("test-union");
  Login viewer = LogIn("test-viewer");
  httplib::Client c = Client();
  auto list = c.Get("/heltid", {{"Cookie", leader.cookie}});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("/heltid/" + own_unit_ + "\""), std::string::npos);
  EXPECT_EQ(list->body.find("/heltid/" + other_unit_ + "\""), std::string::npos);
  EXPECT_NE(list->body.find(">Heltid</a>"), std::string::npos);  // in the menu
  // The calculator of the worked plan: 2 a day on 7.5 h, F = 3: Hw = 105, fte 2.96, n = 6.
  auto unit = c.Get("/heltid/" + other_unit_, {{"Cookie", uni.cookie}});
  ASSERT_TRUE(unit);
  ASSERT_EQ(unit->status, 200);
  EXPECT_NE(unit->body.find("105,0 t"), std::string::npos);
  EXPECT_NE(unit->body.find("2,96"), std::string::npos);
  EXPECT_NE(unit->body.find("Heltidsandel"), std::string::npos);  // the unit's actual figure
  EXPECT_EQ(unit->body.find("Endre planen"), std::string::npos);  // union: reads only
  EXPECT_EQ(unit->body.find("Lag turnus"), std::string::npos);
  auto scenario = c.Get("/heltid/" + other_unit_ + "?f=2", {{"Cookie", uni.cookie}});
  EXPECT_NE(scenario->body.find("Valgt: F = 2"), std::string::npos);
  auto own = c.Get("/heltid/" + own_unit_, {{"Cookie", leader.cookie}});
  EXPECT_NE(own->body.find("Endre planen"), std::string::npos);
  EXPECT_NE(own->body.find("Lag turnus"), std::string::npos);
  auto others = c.Get("/heltid/" + other_unit_, {{"Cookie", leader.cookie}});
  EXPECT_EQ(others->status, 200);  // read: yes
  EXPECT_EQ(others->body.find("Endre planen"), std::string::npos);
  EXPECT_EQ(c.Get("/heltid/" + other_unit_ + "/plan", {{"Cookie", leader.cookie}})->status, 403);
  auto refused = c.Post("/heltid/" + other_unit_ + "/plan", {{"Cookie", leader.cookie}},
                        httplib::Params{{"csrf", leader.csrf},
                                        {"shift_0", "D"},
                                        {"start_0", "07:00"},
                                        {"end_0", "15:00"},
                                        {"paid_minutes_0", "450"}});
  EXPECT_EQ(refused->status, 403);
  auto hidden = c.Get("/heltid", {{"Cookie", viewer.cookie}});
  EXPECT_EQ(hidden->status, 403);
  EXPECT_EQ(c.Get("/", {{"Cookie", viewer.cookie}})->body.find(">Heltid</a>"), std::string::npos);
}

httplib::Params PlanForm(const std::string& csrf, const std::string& start) {
  httplib::Params p{{"csrf", csrf}, {"merknad", "kveldsvakt i helgene"}};
  const std::vector<std::vector<std::string>> rows = {
      {"D", start, "15:30", "450", "2", "2", "2", "2", "2", "2", "2", ""},
      {"A", "15:00", "22:30", "420", "1", "1", "1", "1", "1", "2", "2", ""},
      {"", "", "", "", "", "", "", "", "", "", "", ""}};
  const char* columns[] = {"shift", "start", "end", "paid_minutes", "mon", "tue",
                           "wed",   "thu",   "fri", "sat",          "sun", "holiday"};
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 12; ++c) {
      p.emplace(std::string(columns[c]) + "_" + std::to_string(r), rows[r][c]);
    }
  }
  return p;
}

TEST_F(WebApp, ALeaderSavesAPlanAsANewVersionAndAWrongCellIsNamedAndNothingSaved) {
  Login leader = LogIn("test-leader");
  httplib::Client c = Client();
  const std::string path = "/heltid/" + own_unit_ + "/plan";
  auto editor = c.Get(path, {{"Cookie", leader.cookie}});
  ASSERT_EQ(editor->status, 200);
  EXPECT_NE(editor->body.find("value=\"07:30\""), std::string::npos);  // the stored plan
  auto before = c.Get("/heltid/" + own_unit_, {{"Cookie", leader.cookie}})->body;
  auto bad = c.Post(path, {{"Cookie", leader.cookie}}, PlanForm(leader.csrf, "25:00"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("Rad 1, kolonne «Start»"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find("value=\"25:00\""), std::string::npos);  // what was typed, kept
  EXPECT_NE(bad->body.find("kveldsvakt i helgene"), std::string::npos);
  EXPECT_EQ(c.Get("/heltid/" + own_unit_, {{"Cookie", leader.cookie}})->body, before);
  auto good = c.Post(path, {{"Cookie", leader.cookie}}, PlanForm(leader.csrf, "07:30"));
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 303);
  auto after = c.Get("/heltid/" + own_unit_, {{"Cookie", leader.cookie}});
  EXPECT_NE(after->body.find("versjon 2"), std::string::npos);
  EXPECT_NE(after->body.find("«kveldsvakt i helgene»"), std::string::npos);
  EXPECT_NE(after->body.find("<th scope=\"row\">A</th>"), std::string::npos);
  Login admin = LogIn("test-admin");
  auto log = c.Get("/logg", {{"Cookie", admin.cookie}});
  EXPECT_NE(log->body.find("staffing.plan"), std::string::npos);
}

TEST_F(WebApp, ARotaIsMadeCheckedKeptAndShownAsAGridWithItsDownload) {
  Login admin = LogIn("test-admin");
  httplib::Client c = Client();
  auto made =
      c.Post("/heltid/" + other_unit_ + "/turnus", {{"Cookie", admin.cookie}},
             httplib::Params{{"csrf", admin.csrf}, {"uker", "6"}, {"f", "3"}, {"h", "35.5"}});
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 303) << made->body;
  const std::string where = made->get_header_value("Location");
  EXPECT_EQ(where.rfind("/heltid/" + other_unit_ + "/turnus/", 0), 0u) << where;
  auto grid = c.Get(where, {{"Cookie", admin.cookie}});
  ASSERT_EQ(grid->status, 200);
  EXPECT_NE(grid->body.find("<table class=\"data rota\">"), std::string::npos);
  EXPECT_NE(grid->body.find("Uke 6"), std::string::npos);
  EXPECT_NE(grid->body.find("<th scope=\"row\">Stilling 1</th>"), std::string::npos);
  EXPECT_NE(grid->body.find("data-shift=\"D\""), std::string::npos);
  // The union representative reads it too, and downloads the CSV of §12's contract.
  Login uni = LogIn("test-union");
  auto csv = c.Get(where + ".csv", {{"Cookie", uni.cookie}});
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("person,position_size,day1,", 0), 0u);
  EXPECT_NE(csv->body.find(",day42\n"), std::string::npos);
  auto xlsx = c.Get(where + ".xlsx", {{"Cookie", uni.cookie}});
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK", 0), 0u);  // a zip: the workbook
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find(".xlsx"), std::string::npos);
  auto unit = c.Get("/heltid/" + other_unit_, {{"Cookie", uni.cookie}});
  EXPECT_NE(unit->body.find("6 uker (nr."), std::string::npos);
  auto log = c.Get("/logg", {{"Cookie", admin.cookie}});
  EXPECT_NE(log->body.find("staffing.rota"), std::string::npos);
  // A rota of another unit's number is not found under this one.
  EXPECT_EQ(c.Get("/heltid/" + own_unit_ + where.substr(where.rfind("/turnus/")),
                  {{"Cookie", admin.cookie}})
                ->status,
            404);
}

}  // namespace
}  // namespace agp::web
