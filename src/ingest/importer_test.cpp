#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;

fs::path WritePackage(const std::string& name, const std::map<std::string, std::string>& files) {
  fs::path dir = fs::temp_directory_path() / "agp-importer-test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [file, content] : files) std::ofstream(dir / file, std::ios::binary) << content;
  return dir;
}

std::map<std::string, std::string> Files(const std::string& extra_employee = "") {
  return {
      {"units.csv", "unit_id;parent_id;name\n1;;Kommunen\n2;1;Helse\n"},
      {"employees.csv", "employee_id;gender;birth_year\nA1;K;1970\n" + extra_employee},
      {"positions.csv",
       "position_id;employee_id;unit_id;start_date;end_date;percent;employment\n"
       "P1;A1;2;01.01.2020;;37,5;fast\n"},
      {"absence.csv", "employee_id;type;start_date;end_date\nA1;legemeldt;08.01.2024;19.01.2024\n"},
      {"pay.csv", "employee_id;date;annual_base_salary\nA1;01.05.2024;550 000\n"},
  };
}

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::OpenSqlite(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }
  core::Result<ImportOutcome> Import(const fs::path& p, bool dry_run = false) {
    ImportOptions options;
    options.dry_run = dry_run;
    return ImportPackage(p, *db_, clock_, options);
  }
  std::unique_ptr<store::Database> db_;
  core::FixedClock clock_{core::Date::FromYmd(2026, 11, 23)};
};

TEST_F(ImporterTest, ImportsAValidPackageAndLogsIt) {
  auto o = Import(WritePackage("valid", Files()));
  ASSERT_TRUE(o.ok()) << o.error().ToString();
  EXPECT_TRUE(o->report.ok());
  EXPECT_TRUE(o->written);
  auto counts = *db_->CountRows();
  EXPECT_EQ(counts["units"], 2);
  EXPECT_EQ(counts["pay"], 1);
  auto w = *db_->LoadWorkforce();
  EXPECT_DOUBLE_EQ(w.periods[0].percent, 37.5);
  EXPECT_DOUBLE_EQ(w.pay[0].annual_base_salary, 550000);
  auto log = *db_->ImportLog();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].imported_at, "2026-11-23T12:00:00Z");
  EXPECT_EQ(log[0].checksum, o->checksum);
  EXPECT_EQ(log[0].counts.at("absence.csv"), 1);
}

TEST_F(ImporterTest, DryRunWritesNothing) {
  auto o = Import(WritePackage("dry", Files()), /*dry_run=*/true);
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->report.ok());
  EXPECT_FALSE(o->written);
  EXPECT_EQ((*db_->CountRows())["employees"], 0);
  EXPECT_EQ(*db_->DataVersion(), 0);
}

TEST_F(ImporterTest, APackageWithErrorsWritesNothing) {
  ASSERT_TRUE(Import(WritePackage("first", Files()))->written);
  const auto before = *db_->CountRows();
  auto bad = Files("A2;K;1970\n");
  bad["absence.csv"] += "A9;legemeldt;08.01.2024;19.01.2024\n";
  auto o = Import(WritePackage("bad", bad));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->report.error_count, 1);
  EXPECT_FALSE(o->written);
  EXPECT_EQ(*db_->CountRows(), before);
  EXPECT_EQ(*db_->DataVersion(), 1);
}

TEST_F(ImporterTest, ReimportingTheSamePackageChangesNothing) {
  ASSERT_TRUE(Import(WritePackage("same", Files()))->written);
  auto again = Import(WritePackage("same-copy", Files()));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
  EXPECT_FALSE(again->written);
  EXPECT_EQ(*db_->DataVersion(), 1);
  EXPECT_EQ(db_->ImportLog()->size(), 1u);
}

TEST_F(ImporterTest, ANewerPackageReplacesTheData) {
  ASSERT_TRUE(Import(WritePackage("v1", Files()))->written);
  auto o = Import(WritePackage("v2", Files("A2;M;1990\n")));
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->written);
  EXPECT_EQ((*db_->CountRows())["employees"], 2);
  EXPECT_EQ(*db_->DataVersion(), 2);
  EXPECT_EQ(*db_->CheckIntegrity(), "ok");
}

TEST_F(ImporterTest, AMissingPackageIsAnError) {
  auto o = Import("/nonexistent/pakke");
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code(), core::ErrorCode::kNotFound);
}

// The path a .zip takes (each CSV file unpacked to a temporary file), with limits small enough
// to reach: the real ones are 4 GiB a file and 8 GiB a package (PackageLimits).
TEST_F(ImporterTest, AZipOverItsLimitsIsRefusedWithTheLimitAndWithinThemIsRead) {
  const fs::path zip = fs::path(AGP_SOURCE_DIR) / "tests/cases/import/valid_zip/package.zip";
  ImportOptions options;
  options.dry_run = true;
  auto within = ImportPackage(zip, *db_, clock_, options);
  ASSERT_TRUE(within.ok()) << within.error().ToString();
  EXPECT_TRUE(within->report.ok());

  options.limits.max_file_bytes = 200;  // absence.csv and positions.csv are larger
  auto file = ImportPackage(zip, *db_, clock_, options);
  ASSERT_TRUE(file.ok());
  ASSERT_GE(file->report.error_count, 1);
  std::string all;
  for (const core::Error& e : file->report.errors) all += e.ToString() + "\n";
  EXPECT_NE(all.find("pakket ut; grensen er 200 byte"), std::string::npos) << all;
  EXPECT_EQ(all.find("skadet"), std::string::npos) << all;

  options.limits = {};
  options.limits.max_package_bytes = 600;
  auto package = ImportPackage(zip, *db_, clock_, options);
  ASSERT_TRUE(package.ok());
  all.clear();
  for (const core::Error& e : package->report.errors) all += e.ToString() + "\n";
  EXPECT_NE(all.find("pakken er mer enn 600 byte pakket ut"), std::string::npos) << all;
}

TEST_F(ImporterTest, NationalIdentityNumbersInThePackagesNameAreMaskedInTheLogAndMessages) {
  const fs::path dir = WritePackage("15038500047", Files());
  auto done = Import(dir);
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  ASSERT_TRUE(done->written);
  EXPECT_EQ(done->record.source.find("15038500047"), std::string::npos) << done->record.source;
  EXPECT_NE(done->record.source.find("***********"), std::string::npos) << done->record.source;
  auto log = db_->ImportLog();
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->front().source.find("15038500047"), std::string::npos);
}

}  // namespace
}  // namespace agp::ingest
