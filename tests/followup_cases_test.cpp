// Data-driven worklist cases (tests/cases/followup/*, README there): a tiny package and what
// leaders recorded in the app in, the hand-worked worklist of DESIGN §10.2 out, byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "followup/duties.h"
#include "ingest/package_source.h"
#include "ingest/package_validator.h"
#include "metrics/followup_index.h"
#include "metrics/reference.h"

namespace agp {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == sep) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

int32_t Index(const std::vector<std::string>& keys, const std::string& key) {
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return static_cast<int32_t>(i);
  }
  return -1;
}

struct Case {
  core::Workforce w;
  core::Date day;
};

// The package, with recorded.csv's rows added as events recorded in the app.
Case Load(const fs::path& dir) {
  Case c;
  auto source = ingest::PackageSource::Open(dir / "package");
  EXPECT_TRUE(source.ok()) << source.error().ToString();
  if (!source.ok()) return c;
  ingest::ValidationOptions vo;
  vo.today = core::Date::FromYmd(2026, 11, 23);
  ingest::ValidationReport report;
  c.w = ingest::ValidatePackage(**source, vo, &report);
  EXPECT_TRUE(report.ok()) << (report.errors.empty() ? "" : report.errors[0].ToString());
  std::ifstream options(dir / "options.txt");
  for (std::string line; std::getline(options, line);) {
    std::istringstream in(line);
    std::string key, value;
    in >> key >> value;
    if (key == "date") c.day = *core::ParseDate(value);
  }
  std::vector<std::string> employees;
  for (const core::Employee& e : c.w.employees) employees.push_back(e.key);
  std::ifstream recorded(dir / "recorded.csv");
  std::string line;
  std::getline(recorded, line);  // header
  while (std::getline(recorded, line)) {
    const std::vector<std::string> f = Split(line, ',');
    core::FollowupEvent ev;
    ev.employee = Index(employees, f.at(0));
    EXPECT_GE(ev.employee, 0) << line;
    ev.kind = *core::ParseFollowupKind(f.at(1));
    ev.date = *core::ParseDate(f.at(2));
    ev.recorded_in_app = true;
    ev.unnecessary = f.size() > 3 && !f[3].empty();
    c.w.followup.push_back(ev);
  }
  return c;
}

followup::DutyRules Rules(core::Date day) {
  auto deadlines = metrics::Deadlines::Load(
      (fs::path(AGP_SOURCE_DIR) / "data/reference/deadlines.csv").string());
  EXPECT_TRUE(deadlines.ok());
  auto rules = followup::DutyRules::From(*deadlines, day);
  EXPECT_TRUE(rules.ok());
  return *rules;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(AGP_SOURCE_DIR) / "tests/cases/followup")) {
    if (e.is_directory()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class WorklistCase : public testing::TestWithParam<fs::path> {};

TEST_P(WorklistCase, MatchesTheHandWorkedList) {
  const fs::path dir = GetParam();
  const Case c = Load(dir);
  const metrics::FollowupIndex index(c.w);
  const followup::Worklist all = followup::BuildWorklist(c.w, index, c.day, Rules(c.day));
  EXPECT_EQ(followup::WorklistCsv(c.w, all), Slurp(dir / "expected.csv"));
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("expected_unit_", 0) != 0) continue;
    const std::string unit = name.substr(14, name.size() - 14 - 4);
    std::vector<std::string> units;
    for (const core::Unit& u : c.w.units) units.push_back(u.key);
    const followup::Worklist part =
        followup::BuildWorklist(c.w, index, c.day, Rules(c.day), {Index(units, unit)});
    EXPECT_EQ(followup::WorklistCsv(c.w, part), Slurp(e.path())) << name;
  }
  if (fs::exists(dir / "expected_milestones.csv")) {
    followup::Worklist milestones = all;
    milestones.duties = all.milestones;
    EXPECT_EQ(followup::WorklistCsv(c.w, milestones), Slurp(dir / "expected_milestones.csv"));
  }
}

INSTANTIATE_TEST_SUITE_P(Followup, WorklistCase, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<fs::path>& param) {
                           return param.param.filename().string();
                         });

// The cases together show every status of the contract.
TEST(WorklistCases, ShowEveryStatus) {
  std::set<std::string> seen;
  for (const fs::path& dir : Cases()) {
    std::ifstream in(dir / "expected.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) seen.insert(Split(line, ',').back());
  }
  for (const char* status : {"done", "late", "unnecessary", "consider", "overdue", "due"}) {
    EXPECT_EQ(seen.count(status), 1u) << "no case shows " << status;
  }
}

}  // namespace
}  // namespace agp
