// Unit keys that a database may hold from before the key rule of §3 (ingest::KeyProblem), or
// that break it on purpose: "/" and "%" (decoded twice, a 404), CR/LF and '"' (a broken
// Content-Disposition) and keys a spreadsheet would run as formulas. Over loopback on a small
// demo municipality whose sectors are given such keys.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <thread>

#include "core/clock.h"
#include "demo/generator.h"
#include "ingest/zip_archive.h"
#include "metrics/results.h"
#include "web/html.h"
#include "web/server.h"
#include "web/test_database.h"
#include "web/test_support.h"

namespace agp::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "et-langt-passord-for-test";
constexpr const char* kPolicy = "roros-2017";

// The keys the sectors get, in order.
const std::vector<std::string> kOddKeys = {"a/b", "10%", "=1+2", "x\"y", "ny\r\nlinje"};

class OddKeys : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("agp-keys-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string db_path = (dir_ / "web.db").string();
    auto db = store::OpenSqlite(db_path);
    ASSERT_TRUE(db.ok());
    demo::DemoOptions o;
    o.employees = 200;
    o.years = 2;
    o.last_year = 2024;
    o.seed = 5;
    core::Workforce w = demo::GenerateWorkforce(o);
    size_t renamed = 0;
    for (core::Unit& u : w.units) {
      if (renamed < kOddKeys.size() && u.parent >= 0 &&
          w.units[static_cast<size_t>(u.parent)].parent < 0) {
        u.key = kOddKeys[renamed++];
      }
    }
    ASSERT_EQ(renamed, kOddKeys.size());
    ASSERT_TRUE(testing::ImportAndCompute(**db, w, clock_));
    ASSERT_TRUE(testing::StoreSeedPolicy(**db, "002_roros_2017_2025.yaml", clock_));
    ASSERT_TRUE(testing::AddAccount(**db, "test-admin", "admin", kPassword, clock_));
    db->reset();

    const ServeOptions options = testing::TestServeOptions(db_path, dir_);
    server_ = new WebServer(options, clock_);
    server_->set_access_log(false);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.error().message();
    port_ = *port;
    thread_ = new std::thread([] { server_->Listen(); });
    httplib::Client c = Client();
    cookie_ = testing::LogInThroughForm(c, "test-admin", kPassword).cookie;
    ASSERT_FALSE(cookie_.empty());
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) server_->Stop();
    if (thread_ != nullptr) thread_->join();
    delete thread_;
    delete server_;
    fs::remove_all(dir_);
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_keep_alive(false);
    c.set_read_timeout(120);
    return c;
  }

  static httplib::Result Get(const std::string& path) {
    httplib::Client c = Client();
    return c.Get(path, {{"Cookie", cookie_}});
  }

  static inline fs::path dir_;
  static inline core::FixedClock clock_{core::Date::FromYmd(2025, 6, 1)};
  static inline WebServer* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
  static inline std::string cookie_;
};

TEST_F(OddKeys, EveryUnitPageAnswersAtTheAddressItsLinksGive) {
  auto units = Get("/enheter");
  ASSERT_TRUE(units);
  ASSERT_EQ(units->status, 200);
  for (const std::string& key : kOddKeys) {
    const std::string path = "/enheter/" + UrlEncode(key);
    EXPECT_NE(units->body.find("href=\"" + Escape(path)), std::string::npos) << path;
    // A line break in the decoded path reaches the router too (server.cpp's catch-all matches
    // every character; "." would match no line break).
    auto page = Get(path + "?periode=2024");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200) << path;
    auto people = Get(path + "/ansatte?periode=2024");
    ASSERT_TRUE(people);
    EXPECT_EQ(people->status, 200) << path;
  }
  // Decoded once: "%2525" is the key "%25", which does not exist.
  auto twice = Get("/enheter/10%2525");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 404);
}

TEST_F(OddKeys, KeysThatLookLikeFormulasAreTextInTheCsvAndNumbersStayNumbers) {
  auto csv = Get("/indikatorer/headcount.csv?periode=2024");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->body.find("\nheadcount,'=1+2,2024,"), std::string::npos) << csv->body;
  EXPECT_EQ(csv->body.find(",=1+2,"), std::string::npos);
  EXPECT_NE(csv->body.find("\nheadcount,\"x\"\"y\",2024,"), std::string::npos);
  auto trend = Get("/indikatorer/sick_leave_pct.csv?periode=2024");
  ASSERT_TRUE(trend);
  EXPECT_EQ(trend->body.find(",'"), trend->body.find(",'=1+2,")) << "only the key is quoted";
}

TEST_F(OddKeys, TheXlsxDownloadWritesKeysAsStringsNeverAsFormulas) {
  auto xlsx = Get("/indikatorer/headcount.xlsx?periode=2024");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  auto zip = ingest::ZipArchive::OpenBytes("headcount.xlsx", xlsx->body);
  ASSERT_TRUE(zip.ok());
  auto sheet = zip->Read("xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->find("<f>"), std::string::npos);
  auto strings = zip->Read("xl/sharedStrings.xml");
  ASSERT_TRUE(strings.ok());
  EXPECT_NE(strings->find("<t>=1+2</t>"), std::string::npos);
}

TEST_F(OddKeys, ReportFileNamesAreSafeWhateverTheKeyHolds) {
  for (const std::string& key : kOddKeys) {
    auto res = Get(std::string("/rapporter/fil?format=html&periode=2024&policy=") + kPolicy +
                   "&enhet=" + UrlEncode(key));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << key;
    const std::string disposition = res->get_header_value("Content-Disposition");
    const std::string plain = testing::Between(disposition, "filename=\"", "\"");
    EXPECT_EQ(plain.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789-_."),
              std::string::npos)
        << disposition;
    EXPECT_NE(disposition.find("; filename*=UTF-8''arbeidsgiverpolitikk-"), std::string::npos)
        << disposition;
    EXPECT_EQ(disposition.find_first_of("\r\n"), std::string::npos) << disposition;
  }
}

TEST_F(OddKeys, FormsRefuseControlCharactersInNamesAndAssessments) {
  auto page = Get("/");
  ASSERT_TRUE(page);
  const std::string csrf = testing::Between(page->body, "name=\"csrf\" value=\"", "\"");
  ASSERT_FALSE(csrf.empty());
  httplib::Client c = Client();
  const httplib::Headers headers = {{"Cookie", cookie_}};
  auto user = c.Post("/brukere", headers,
                     httplib::Params{{"csrf", csrf}, {"navn", "ola\x1b[2J"}, {"rolle", "viewer"}});
  ASSERT_TRUE(user);
  EXPECT_EQ(user->status, 400);
  EXPECT_NE(user->body.find("kontrolltegn"), std::string::npos);
  auto assessed = c.Post(std::string("/mal/") + kPolicy + "/delmal-heltid-1/vurdering", headers,
                         httplib::Params{{"csrf", csrf},
                                         {"periode", "2024"},
                                         {"vurdering", "delvis"},
                                         {"begrunnelse", "Halvveis\x07 dit"}});
  ASSERT_TRUE(assessed);
  EXPECT_EQ(assessed->status, 400);
  EXPECT_NE(assessed->body.find("U+0007"), std::string::npos);
  EXPECT_EQ(assessed->body.find('\x07'), std::string::npos);
}

TEST(AttachmentDisposition, GivesAPlainNameAndTheWholeNameEncoded) {
  EXPECT_EQ(AttachmentDisposition("rapport-2024.pdf"),
            "attachment; filename=\"rapport-2024.pdf\"; filename*=UTF-8''rapport-2024.pdf");
  EXPECT_EQ(AttachmentDisposition("a\"b\r\nc/æ.csv"),
            "attachment; filename=\"a_b__c__.csv\"; filename*=UTF-8''a_b__c_%C3%A6.csv");
}

}  // namespace
}  // namespace agp::web
