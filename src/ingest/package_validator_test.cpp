#include "ingest/package_validator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "ingest/national_id.h"
#include "ingest/package_source.h"

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;

// A package folder under the test's temporary directory, filled from name → content.
fs::path WritePackage(const std::map<std::string, std::string>& files) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / "agp-validator-test" / info->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, content] : files) std::ofstream(dir / name, std::ios::binary) << content;
  return dir;
}

std::map<std::string, std::string> ValidFiles() {
  return {
      {"units.csv", "unit_id,parent_id,name\n1,,Kommunen\n2,1,Helse\n"},
      {"employees.csv", "employee_id,gender,birth_year\nA1,K,1970\nA2,M,1985\n"},
      {"positions.csv",
       "position_id,employee_id,unit_id,start_date,end_date,percent,employment\n"
       "P1,A1,2,2020-01-01,2022-12-31,80,fast\nP1,A1,2,2023-01-01,,100,fast\n"
       "P2,A2,1,2021-03-01,,50,midlertidig\n"},
      {"absence.csv",
       "employee_id,position_id,type,start_date,end_date,grade\n"
       "A1,P1,legemeldt,2024-01-08,2024-01-19,50\nA2,,egenmeldt,2024-02-01,2024-02-02,\n"},
  };
}

struct Checked {
  core::Workforce workforce;
  ValidationReport report;
  std::vector<std::string> errors;  // "location: message"
};

Checked Check(const std::map<std::string, std::string>& files) {
  Checked c;
  auto source = PackageSource::Open(WritePackage(files));
  EXPECT_TRUE(source.ok());
  ValidationOptions options;
  options.today = core::Date::FromYmd(2026, 1, 1);
  c.workforce = ValidatePackage(**source, options, &c.report);
  for (const core::Error& e : c.report.errors) c.errors.push_back(e.ToString());
  return c;
}

TEST(PackageValidator, AValidPackageBecomesAConsistentWorkforce) {
  Checked c = Check(ValidFiles());
  EXPECT_TRUE(c.report.ok()) << ::testing::PrintToString(c.errors);
  ASSERT_EQ(c.workforce.units.size(), 2u);
  EXPECT_EQ(c.workforce.units[1].parent, 0);
  EXPECT_EQ(c.workforce.positions.size(), 2u);
  EXPECT_EQ(c.workforce.periods.size(), 3u);
  EXPECT_EQ(c.workforce.periods[1].position, 0);
  ASSERT_EQ(c.workforce.absences.size(), 2u);
  EXPECT_EQ(c.workforce.absences[0].grade, 50);
  EXPECT_EQ(c.workforce.absences[1].grade, 100);
  EXPECT_EQ(c.workforce.absences[1].position, -1);
  EXPECT_FALSE(c.workforce.present.pay);
  ASSERT_EQ(c.report.files.size(), 4u);
  EXPECT_EQ(c.report.files[2].rows, 3);
}

TEST(PackageValidator, ReportsEveryProblemNotJustTheFirst) {
  auto files = ValidFiles();
  files["employees.csv"] = "employee_id,gender,birth_year\nA1,Q,1970\nA2,M,19x5\nA1,K,1970\n";
  Checked c = Check(files);
  EXPECT_EQ(c.report.error_count, 3);
  EXPECT_EQ(c.errors[0].substr(0, 20), "employees.csv:2:4: g");
  EXPECT_EQ(c.errors[1].substr(0, 18), "employees.csv:3:6:");
  EXPECT_EQ(c.errors[2].substr(0, 18), "employees.csv:4:1:");
}

TEST(PackageValidator, StopsListingAtTheLimitButCountsAll) {
  auto files = ValidFiles();
  std::string emp = "employee_id,gender,birth_year\n";
  for (int i = 0; i < 500; ++i) emp += "E" + std::to_string(i) + ",?,1970\n";
  files["employees.csv"] = emp + "A1,K,1970\nA2,M,1980\n";
  auto source = PackageSource::Open(WritePackage(files));
  ValidationOptions options;
  options.today = core::Date::FromYmd(2026, 1, 1);
  options.max_problems = 10;
  ValidationReport report;
  ValidatePackage(**source, options, &report);
  EXPECT_EQ(report.errors.size(), 10u);
  EXPECT_EQ(report.error_count, 500);
}

TEST(PackageValidator, RefusesNationalIdentityNumbersInAnyColumnWithoutRepeatingThem) {
  const std::string id = AppendControlDigits("150875123");
  ASSERT_EQ(id.size(), 11u);
  auto files = ValidFiles();
  files["employees.csv"] = "employee_id,gender,birth_year,note\nA1,K,1970," + id + "\nA2,M,1985,\n";
  Checked c = Check(files);
  ASSERT_EQ(c.report.error_count, 1);
  EXPECT_EQ(c.errors[0].rfind("employees.csv:2:11: ", 0), 0u) << c.errors[0];
  EXPECT_NE(c.errors[0].find("fødselsnummer"), std::string::npos);
  EXPECT_EQ(c.errors[0].find(id), std::string::npos);
}

// The whole text of every message, errors and warnings, for checks that nothing is echoed.
std::string AllMessages(const Checked& c) {
  std::string all;
  for (const core::Error& e : c.report.errors) all += e.ToString() + "\n";
  for (const core::Error& e : c.report.warnings) all += e.ToString() + "\n";
  return all;
}

TEST(PackageValidator, RefusesNationalIdentityNumbersInsideAFieldAndNeverEchoesThem) {
  auto files = ValidFiles();
  files["employees.csv"] =
      "employee_id,name,gender,birth_year,education,merknad 311299 45616\n"
      "A1,Kari Nordmann 15038500047,K,1970,,\n"
      "A2,Ola,M 150385-00047,1985,,\n"
      "A3,Per,M,1985,(01019012480),\n"
      "A4,Anne,K,1985,150385.00047,\n"
      "A5,Lise,K,1985,1150385000470,\n";  // part of a longer run of digits: not one
  Checked c = Check(files);
  const std::string all = AllMessages(c);
  EXPECT_NE(all.find("employees.csv:2:4: verdien ser ut som et fødselsnummer"), std::string::npos)
      << all;
  EXPECT_NE(all.find("employees.csv:3:8: verdien ser ut som et fødselsnummer"), std::string::npos)
      << all;
  EXPECT_NE(all.find("employees.csv:4:15: verdien"), std::string::npos) << all;
  EXPECT_NE(all.find("employees.csv:5:16: verdien"), std::string::npos) << all;
  EXPECT_EQ(all.find("employees.csv:6:"), std::string::npos) << all;
  // A refused field is not quoted again (no "gender: «M …» er ukjent"); a quoted header is masked.
  EXPECT_EQ(all.find("gender:"), std::string::npos) << all;
  EXPECT_NE(all.find("ukjent kolonne «merknad ***********»"), std::string::npos) << all;
  EXPECT_EQ(c.report.error_count, 4) << all;
  for (const char* digits : {"15038500047", "00047", "01019012480", "45616"}) {
    EXPECT_EQ(all.find(digits), std::string::npos) << digits << " in " << all;
  }
}

TEST(PackageValidator, RefusesKeysWithCharactersThatBreakAddressesFileNamesAndSpreadsheets) {
  auto files = ValidFiles();
  files["units.csv"] =
      "unit_id,parent_id,name\n1,,Kommunen\n2,1,Helse\na/b,1,Skråstrek\n10%,1,Prosent\n"
      "\"x\"\"y\",1,Anførsel\nmed mellomrom,1,Mellomrom\n=1+2,1,Formel\n"
      "Åsen-2_b.c,1,Lov\n";
  files["employees.csv"] = "employee_id,gender,birth_year\nA1,K,1970\nA2,M,1985\n@SUM(1),K,1990\n";
  Checked c = Check(files);
  const std::string all = AllMessages(c);
  for (const char* place :
       {"units.csv:4:1: unit_id", "units.csv:5:1: unit_id", "units.csv:6:1: unit_id",
        "units.csv:7:1: unit_id", "units.csv:8:1: unit_id", "employees.csv:4:1: employee_id"}) {
    EXPECT_NE(all.find(place), std::string::npos) << place << " not in " << all;
  }
  EXPECT_EQ(all.find("units.csv:9:"), std::string::npos) << all;
  EXPECT_EQ(c.report.error_count, 6) << all;
}

TEST(PackageValidator, RefusesControlCharactersInTextFields) {
  auto files = ValidFiles();
  files["units.csv"] =
      "unit_id,parent_id,name,sector\n1,,Kommunen,\n2,1,\"He\x1B[31mlse\",\n3,1,Bell\x07,\n"
      "4,1,Ok,\"to\nlinjer\"\n5,1,\tTab rundt\t,\n6,1,C1 \xC2\x85,\n7,1,Del\x7F,\n";
  Checked c = Check(files);
  const std::string all = AllMessages(c);
  for (const char* place : {"units.csv:3:5: name", "units.csv:4:5: name", "units.csv:5:8: sector",
                            "units.csv:8:5: name", "units.csv:9:5: name"}) {
    EXPECT_NE(all.find(place), std::string::npos) << place << " not in " << all;
  }
  EXPECT_EQ(all.find("units.csv:7:"), std::string::npos) << all;
  EXPECT_EQ(all.find('\x1B'), std::string::npos) << all;
  EXPECT_EQ(all.find('\x07'), std::string::npos) << all;
  EXPECT_EQ(c.report.error_count, 5) << all;  // the tab around a value is trimmed away
}

TEST(PackageValidator, RefusesAFieldLongerThanTheLimitWithItsPlace) {
  auto files = ValidFiles();
  files["units.csv"] = "unit_id,parent_id,name\n1,,Kommunen\n2,1," + std::string(4097, 'x') +
                       "\n3,1," + std::string(4096, 'y') + "\n";
  Checked c = Check(files);
  ASSERT_EQ(c.report.error_count, 1) << AllMessages(c);
  EXPECT_EQ(c.errors[0].rfind("units.csv:3:5: name: feltet har 4097 tegn", 0), 0u) << c.errors[0];
  EXPECT_NE(c.errors[0].find("4096"), std::string::npos) << c.errors[0];
}

TEST(PackageValidator, FindsOverlappingPeriodsOfOnePosition) {
  auto files = ValidFiles();
  files["positions.csv"] =
      "position_id,employee_id,unit_id,start_date,end_date,percent,employment\n"
      "P1,A1,2,2020-01-01,2023-06-30,80,fast\nP1,A1,2,2023-01-01,,100,fast\n"
      "P2,A2,1,2021-03-01,,50,midlertidig\n";
  Checked c = Check(files);
  ASSERT_EQ(c.report.error_count, 1);
  EXPECT_EQ(c.errors[0].rfind("positions.csv:3: ", 0), 0u) << c.errors[0];
}

TEST(PackageValidator, FindsACycleInTheUnitTree) {
  auto files = ValidFiles();
  files["units.csv"] = "unit_id,parent_id,name\n1,,Kommunen\n2,3,A\n3,2,B\n";
  Checked c = Check(files);
  ASSERT_GE(c.report.error_count, 1);
  EXPECT_NE(c.errors[0].find("går i ring"), std::string::npos) << c.errors[0];
}

}  // namespace
}  // namespace agp::ingest
