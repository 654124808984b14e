// Data-driven import cases (DuckDB's .test files, STYLE.md): every folder under
// tests/cases/import/ holds a package (`package/`, `package.zip` or `package.xlsx`) and
// `expected.txt`, the import's report and, when the package is valid, the data as stored.
// Adding a case needs no C++: make the folder, run with AGP_UPDATE_CASES=1 to write
// expected.txt, read it line by line, commit it.
//
// Every case is imported on top of a database that already holds the `valid_utf8_comma` package,
// so an invalid case also shows that nothing was written.
#include <gtest/gtest.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "ingest/importer.h"
#include "store/database.h"

namespace agp {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(AGP_SOURCE_DIR) / "tests" / "cases" / "import";

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCases)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The case's package, as a path relative to the case folder (messages name it so).
fs::path PackageOf(const fs::path& dir) {
  for (const char* name : {"package", "package.zip", "package.xlsx"}) {
    if (fs::exists(dir / name)) return name;
  }
  return "package";
}

std::string Opt(const std::optional<core::Date>& d) { return d ? d->ToIso() : ""; }

// Shortest text that reads back as the same double.
std::string Num(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, end);
}

// The stored data as text, one record a line, in a stable order.
std::string DumpWorkforce(const core::Workforce& w) {
  std::ostringstream out;
  for (const auto& u : w.units) {
    out << "unit " << u.key << " parent=" << (u.parent >= 0 ? w.units[u.parent].key : "")
        << " name=" << u.name << " sector=" << u.sector << " kind=" << u.kind << "\n";
  }
  for (const auto& e : w.employees) {
    out << "employee " << e.key << " name=" << e.name << " gender=" << core::ToCode(e.gender)
        << " born=" << e.birth_year << " education=" << e.education << "\n";
  }
  for (const auto& p : w.periods) {
    const auto& pos = w.positions[p.position];
    out << "period " << pos.key << " employee=" << w.employees[pos.employee].key
        << " unit=" << w.units[p.unit].key << " " << p.start.ToIso() << ".." << Opt(p.end)
        << " percent=" << Num(p.percent) << " " << core::ToCode(p.employment)
        << " job=" << p.job_code << "/" << p.job_title << " leader=" << p.leader
        << " hours=" << (p.fulltime_hours ? Num(*p.fulltime_hours) : "")
        << " end_reason=" << core::ToCode(p.end_reason) << "\n";
  }
  for (const auto& a : w.absences) {
    out << "absence " << w.employees[a.employee].key
        << " position=" << (a.position >= 0 ? w.positions[a.position].key : "") << " "
        << (a.type == core::AbsenceType::kOther ? w.other_absence_types[a.other_type]
                                                : std::string(core::ToCode(a.type)))
        << " " << a.start.ToIso() << ".." << a.end.ToIso() << " grade=" << int(a.grade) << "\n";
  }
  for (const auto& p : w.pay) {
    out << "pay " << w.employees[p.employee].key << " " << p.date.ToIso()
        << " base=" << Num(p.annual_base_salary) << " allowances=" << Num(p.fixed_allowances)
        << "\n";
  }
  for (const auto& d : w.dialogues) {
    out << "dialogue " << w.employees[d.employee].key << " " << d.date.ToIso() << "\n";
  }
  for (const auto& f : w.followup) {
    out << "followup " << w.employees[f.employee].key << " " << core::ToCode(f.kind) << " "
        << f.date.ToIso() << "\n";
  }
  return out.str();
}

std::string Render(const ingest::ImportOutcome& o, store::Database& db) {
  std::ostringstream out;
  out << "errors: " << o.report.error_count << "\n";
  for (const auto& e : o.report.errors) {
    out << e.location().ToString() << ": feil: " << e.message() << "\n";
  }
  out << "warnings: " << o.report.warning_count << "\n";
  for (const auto& e : o.report.warnings) {
    out << e.location().ToString() << ": advarsel: " << e.message() << "\n";
  }
  out << "files:\n";
  for (const auto& f : o.report.files) {
    out << f.name << " rows=" << f.rows;
    if (!f.encoding.empty()) out << " " << f.encoding << " separator=" << f.separator;
    out << "\n";
  }
  if (o.report.ok()) out << "stored:\n" << DumpWorkforce(*db.LoadWorkforce());
  return out.str();
}

// expected.txt without its comment lines (those starting with '#').
std::string ReadExpected(const fs::path& file) {
  std::ifstream in(file);
  std::string line, out;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    out += line + "\n";
  }
  return out;
}

class ImportCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ImportCase, ReportsAndStoresExactlyWhatExpectedTxtSays) {
  const fs::path dir = kCases / GetParam();
  core::FixedClock clock(core::Date::FromYmd(2026, 11, 23));
  auto db = store::OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  ingest::ImportOptions options;
  const fs::path base_dir = kCases / "valid_utf8_comma";
  auto base = ingest::ImportPackage(base_dir / PackageOf(base_dir), **db, clock, options);
  ASSERT_TRUE(base.ok() && base->written);
  const auto counts_before = *(*db)->CountRows();
  const std::string data_before = DumpWorkforce(*(*db)->LoadWorkforce());

  // Relative to the case folder, so that expected.txt holds no path of this machine.
  fs::current_path(dir);
  auto outcome = ingest::ImportPackage(PackageOf(dir), **db, clock, options);
  ASSERT_TRUE(outcome.ok()) << outcome.error().ToString();
  const std::string actual = Render(*outcome, **db);

  if (std::getenv("AGP_UPDATE_CASES") != nullptr) {
    std::ofstream(dir / "expected.txt") << actual;
  }
  EXPECT_EQ(actual, ReadExpected(dir / "expected.txt"));
  if (!outcome->report.ok()) {
    EXPECT_EQ(*(*db)->CountRows(), counts_before);
    EXPECT_EQ(DumpWorkforce(*(*db)->LoadWorkforce()), data_before);
    EXPECT_EQ(*(*db)->DataVersion(), 1);
  }
  EXPECT_EQ(*(*db)->CheckIntegrity(), "ok");
}

INSTANTIATE_TEST_SUITE_P(Cases, ImportCase, ::testing::ValuesIn(CaseNames()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace agp
