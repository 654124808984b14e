// Issue 13, item 1, as the attacker did it: signed in as a union representative (and as a leader),
// download /indikatorer/KEY.csv for every month, tertial, quarter and year, and solve for every
// withheld figure from the shown ones (metrics/disclosure_attack). Over loopback on a small demo
// municipality, with the figures the server computed as the truth.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "demo/generator.h"
#include "metrics/access.h"
#include "metrics/disclosure_attack.h"
#include "metrics/engine.h"
#include "metrics/results.h"
#include "web/server.h"
#include "web/test_database.h"
#include "web/test_support.h"

namespace agp::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "et-langt-passord-for-test";

class DownloadAttack : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("agp-attack-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string db_path = (dir_ / "web.db").string();
    auto db = store::OpenSqlite(db_path);
    ASSERT_TRUE(db.ok());
    demo::DemoOptions o;
    o.employees = 300;
    o.years = 1;
    o.last_year = 2024;
    o.seed = 3;
    const core::Workforce w = demo::GenerateWorkforce(o);
    ASSERT_TRUE(testing::ImportAndCompute(**db, w, clock_));
    auto cube = metrics::LoadResults(**db);
    ASSERT_TRUE(cube.ok());
    truth_ = new metrics::MeasureCube(std::move(*cube));
    // A leader of the first unit that has departments, below a sector.
    for (int u = 0; u < truth_->unit_count() && leader_unit_.empty(); ++u) {
      const int32_t parent = truth_->units()[u].parent;
      if (parent >= 0 && truth_->units()[parent].parent >= 0 && !truth_->ChildUnits(u).empty())
        leader_unit_ = truth_->units()[u].key;
    }
    ASSERT_FALSE(leader_unit_.empty());
    ASSERT_TRUE(testing::AddAccount(**db, "tv", "union", kPassword, clock_));
    ASSERT_TRUE(testing::AddAccount(**db, "leder", "leader", kPassword, clock_, {leader_unit_}));
    db->reset();

    const ServeOptions options = testing::TestServeOptions(db_path, dir_);
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
    delete truth_;
    fs::remove_all(dir_);
  }

  // Every figure of `key` the user can download, as the attacker parses the CSV files.
  static std::vector<metrics::Figure> Download(const std::string& user, const std::string& key) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120);
    const std::string cookie = testing::LogInThroughForm(c, user, kPassword).cookie;
    EXPECT_FALSE(cookie.empty()) << user;
    const auto id = metrics::FindIndicator(key);
    std::vector<metrics::Figure> out;
    for (const core::Period& period : truth_->periods()) {
      if (!metrics::AppliesTo(*id, period)) continue;
      auto res =
          c.Get("/indikatorer/" + key + ".csv?periode=" + period.ToString(), {{"Cookie", cookie}});
      EXPECT_TRUE(res && res->status == 200) << key << " " << period.ToString();
      if (!res || res->status != 200) continue;
      std::istringstream lines(res->body);
      std::string line;
      std::getline(lines, line);  // the header
      while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> f;
        std::stringstream fields(line);
        for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
        if (line.back() == ',') f.emplace_back();
        if (f.size() != 8) {
          ADD_FAILURE() << "unexpected row " << line;
          continue;
        }
        metrics::Figure fig{metrics::FigureKey{*id, -1}, truth_->FindUnit(f[1]),
                            *core::Period::Parse(f[2]), metrics::Cell{}};
        fig.cell.suppressed = f[7] == "1";
        if (!f[4].empty()) fig.cell.numerator = std::stod(f[4]);
        if (!f[5].empty()) fig.cell.denominator = std::stod(f[5]);
        EXPECT_GE(fig.unit, 0) << f[1];
        if (fig.unit >= 0) out.push_back(fig);
      }
    }
    return out;
  }

  static std::string Recovered(const metrics::attack::AttackResult& r) {
    std::string s;
    for (const auto& x : r.recovered) s += x.indicator + " " + x.unit + " " + x.period + "\n";
    return s;
  }

  static inline fs::path dir_;
  static inline core::FixedClock clock_{core::Date::FromYmd(2025, 3, 1)};
  static inline WebServer* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
  static inline metrics::MeasureCube* truth_ = nullptr;
  static inline std::string leader_unit_;
};

TEST_F(DownloadAttack, AUnionRepresentativeWorksOutNothingFromTheCsvDownloads) {
  const metrics::Audience audience = metrics::AudienceFor(core::Role::kUnion, {}, *truth_);
  int64_t withheld = 0;
  for (const char* key : {"sick_leave_pct", "followup_plan_compliance", "headcount"}) {
    const auto id = *metrics::FindIndicator(key);
    const auto r = metrics::attack::Attack(*truth_, id, Download("tv", key), audience);
    EXPECT_EQ(Recovered(r), "");
    EXPECT_GT(r.shown, 0) << key;
    withheld += r.withheld;
  }
  EXPECT_GT(withheld, 50) << "the demo must have small units, or this test proves nothing";
}

TEST_F(DownloadAttack, ALeaderWorksOutNothingOutsideTheirUnitsFromTheCsvDownloads) {
  const std::string own[] = {leader_unit_};
  const metrics::Audience audience = metrics::AudienceFor(core::Role::kLeader, own, *truth_);
  for (const char* key : {"sick_leave_pct", "followup_plan_compliance"}) {
    const auto id = *metrics::FindIndicator(key);
    EXPECT_EQ(Recovered(metrics::attack::Attack(*truth_, id, Download("leder", key), audience)),
              "");
  }
}

}  // namespace
}  // namespace agp::web
