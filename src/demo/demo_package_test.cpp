// A generated municipality written with ingest::WritePackage is a valid §3 package: the import's
// own validator reads it back without a problem and finds the same records.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "demo/generator.h"
#include "ingest/package_source.h"
#include "ingest/package_validator.h"
#include "ingest/package_writer.h"

namespace agp::demo {
namespace {

namespace fs = std::filesystem;
using core::Date;

fs::path TestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / "agp-demo-package-test" / info->name();
  fs::remove_all(dir);
  return dir;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string FirstLine(const fs::path& path) {
  const std::string text = Slurp(path);
  return text.substr(0, text.find('\n'));
}

TEST(DemoPackage, ReadsBackThroughTheImportValidatorUnchanged) {
  DemoOptions o;
  o.employees = 600;
  o.years = 2;
  o.last_year = 2024;
  const core::Workforce w = GenerateWorkforce(o);
  const fs::path dir = TestDir();
  ASSERT_TRUE(ingest::WritePackage(w, dir).ok());

  auto source = ingest::PackageSource::Open(dir);
  ASSERT_TRUE(source.ok()) << source.error().ToString();
  ingest::ValidationOptions options;
  options.today = Date::FromYmd(2025, 1, 1);
  ingest::ValidationReport report;
  const core::Workforce back = ingest::ValidatePackage(**source, options, &report);
  for (const core::Error& e : report.errors) ADD_FAILURE() << e.ToString();
  for (const core::Error& e : report.warnings) ADD_FAILURE() << "warning: " << e.ToString();
  ASSERT_TRUE(report.ok());

  ASSERT_EQ(back.units.size(), w.units.size());
  ASSERT_EQ(back.employees.size(), w.employees.size());
  ASSERT_EQ(back.periods.size(), w.periods.size());
  ASSERT_EQ(back.absences.size(), w.absences.size());
  ASSERT_EQ(back.pay.size(), w.pay.size());
  ASSERT_EQ(back.dialogues.size(), w.dialogues.size());
  ASSERT_EQ(back.followup.size(), w.followup.size());
  for (size_t i = 0; i < w.units.size(); ++i) {
    EXPECT_EQ(back.units[i].name, w.units[i].name);
    EXPECT_EQ(back.units[i].kind, w.units[i].kind);
  }
  for (size_t i = 0; i < w.employees.size(); ++i) {
    EXPECT_EQ(back.employees[i].key, w.employees[i].key);
    EXPECT_EQ(back.employees[i].name, w.employees[i].name);
    EXPECT_EQ(back.employees[i].birth_year, w.employees[i].birth_year);
  }
  for (size_t i = 0; i < w.periods.size(); ++i) {
    EXPECT_EQ(back.periods[i].start, w.periods[i].start);
    EXPECT_EQ(back.periods[i].end, w.periods[i].end);
    EXPECT_EQ(back.periods[i].percent, w.periods[i].percent) << "shortest form reads back exactly";
    EXPECT_EQ(back.periods[i].fulltime_hours, w.periods[i].fulltime_hours);
    EXPECT_EQ(back.periods[i].end_reason, w.periods[i].end_reason);
  }
  for (size_t i = 0; i < w.absences.size(); ++i) {
    EXPECT_EQ(back.absences[i].start, w.absences[i].start);
    EXPECT_EQ(back.absences[i].end, w.absences[i].end);
    EXPECT_EQ(back.absences[i].grade, w.absences[i].grade);
    EXPECT_EQ(back.absences[i].type, w.absences[i].type);
  }
  for (size_t i = 0; i < w.pay.size(); ++i) {
    EXPECT_EQ(back.pay[i].annual_base_salary, w.pay[i].annual_base_salary);
    EXPECT_EQ(back.pay[i].fixed_allowances, w.pay[i].fixed_allowances);
  }
}

// A tiny workforce whose every value is known.
core::Workforce Tiny() {
  core::Workforce w;
  w.units = {{"1000", -1, "Fjellvik kommune", "", "kommune"},
             {"110101", 0, "Solheim sykehjem, \"Eika\" avdeling", "Helse og velferd", "avdeling"}};
  w.employees = {{"A000001", "Kari Nordmann", core::Gender::kWoman, 1980, "bachelor"}};
  w.positions = {{"P0000001", 0}};
  core::PositionPeriod p;
  p.position = 0;
  p.unit = 1;
  p.start = Date::FromYmd(2020, 1, 1);
  p.end = Date::FromYmd(2023, 12, 31);
  p.percent = 33.33;
  p.fulltime_hours = 35.5;
  p.end_reason = core::EndReason::kNone;
  p.job_code = "7174";
  p.job_title = "Sykepleier";
  w.periods.push_back(p);
  p.start = Date::FromYmd(2024, 1, 1);
  p.end.reset();
  p.percent = 100;
  p.fulltime_hours = 37.5;
  w.periods.push_back(p);
  w.absences = {{0, -1, core::AbsenceType::kSelfCertified, 100, Date::FromYmd(2024, 2, 5),
                 Date::FromYmd(2024, 2, 6), -1},
                {0, 0, core::AbsenceType::kOther, 100, Date::FromYmd(2024, 3, 1),
                 Date::FromYmd(2024, 3, 1), 0}};
  w.other_absence_types = {"velferdspermisjon"};
  w.pay = {{0, Date::FromYmd(2024, 5, 1), 600000, 12500.5}};
  w.dialogues = {{0, Date::FromYmd(2024, 10, 2)}};
  w.followup = {{0, core::FollowupKind::kDialogueMeeting1, Date::FromYmd(2024, 4, 2)}};
  w.present = {true, true, true};
  return w;
}

TEST(PackageWriter, WritesEveryFileWithSection3HeadersValuesAndQuotes) {
  const fs::path dir = TestDir();
  ASSERT_TRUE(ingest::WritePackage(Tiny(), dir).ok());
  EXPECT_EQ(Slurp(dir / "units.csv"),
            "unit_id,parent_id,name,sector,kind\n"
            "1000,,Fjellvik kommune,,kommune\n"
            "110101,1000,\"Solheim sykehjem, \"\"Eika\"\" avdeling\",Helse og velferd,avdeling\n");
  EXPECT_EQ(Slurp(dir / "employees.csv"),
            "employee_id,name,gender,birth_year,education\n"
            "A000001,Kari Nordmann,K,1980,bachelor\n");
  EXPECT_EQ(Slurp(dir / "positions.csv"),
            "position_id,employee_id,unit_id,start_date,end_date,percent,employment,job_code,"
            "job_title,leader,fulltime_hours,end_reason\n"
            "P0000001,A000001,110101,2020-01-01,2023-12-31,33.33,fast,7174,Sykepleier,0,35.5,\n"
            "P0000001,A000001,110101,2024-01-01,,100,fast,7174,Sykepleier,0,37.5,\n");
  EXPECT_EQ(Slurp(dir / "absence.csv"),
            "employee_id,position_id,type,start_date,end_date,grade\n"
            "A000001,,egenmeldt,2024-02-05,2024-02-06,100\n"
            "A000001,P0000001,velferdspermisjon,2024-03-01,2024-03-01,100\n");
  EXPECT_EQ(Slurp(dir / "pay.csv"),
            "employee_id,date,annual_base_salary,fixed_allowances\n"
            "A000001,2024-05-01,600000,12500.5\n");
  EXPECT_EQ(Slurp(dir / "dialogues.csv"), "employee_id,date\nA000001,2024-10-02\n");
  EXPECT_EQ(Slurp(dir / "followup.csv"),
            "employee_id,event,date\nA000001,dialogmote1,2024-04-02\n");
}

TEST(PackageWriter, RemovesAnOptionalFileTheWorkforceDoesNotHave) {
  const fs::path dir = TestDir();
  ASSERT_TRUE(ingest::WritePackage(Tiny(), dir).ok());
  core::Workforce w = Tiny();
  w.present.pay = false;
  ASSERT_TRUE(ingest::WritePackage(w, dir).ok());
  EXPECT_FALSE(fs::exists(dir / "pay.csv"));
  EXPECT_TRUE(fs::exists(dir / "dialogues.csv"));
  EXPECT_EQ(FirstLine(dir / "units.csv"), "unit_id,parent_id,name,sector,kind");
}

TEST(PackageWriter, ReportsAFolderItCannotCreateWithItsPath) {
  const fs::path dir = TestDir();
  fs::create_directories(dir);
  std::ofstream(dir / "file") << "not a folder";
  const auto status = ingest::WritePackage(Tiny(), dir / "file" / "package");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(status.error().ToString().find("file"), std::string::npos);
}

}  // namespace
}  // namespace agp::demo
