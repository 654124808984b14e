// Data-driven indicator cases (tests/cases/indicators/*, README there): a tiny package in, the
// hand-worked figures of expected.csv out. Each case lists only the rows it is about; the
// runner computes the periods that appear in expected.csv and compares every listed field.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "ingest/package_source.h"
#include "ingest/package_validator.h"
#include "metrics/engine.h"
#include "metrics/indicator.h"
#include "metrics/query.h"

namespace agp {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

// Numbers equal after rounding to 6 decimals (the contract's precision), or text equal.
bool SameField(const std::string& expected, const std::string& actual) {
  if (expected == actual) return true;
  char* end_e = nullptr;
  char* end_a = nullptr;
  const double e = std::strtod(expected.c_str(), &end_e);
  const double a = std::strtod(actual.c_str(), &end_a);
  if (expected.empty() || actual.empty() || *end_e != '\0' || *end_a != '\0') return false;
  return std::fabs(e - a) <= 1.5e-6;
}

class IndicatorCase : public testing::TestWithParam<fs::path> {};

TEST_P(IndicatorCase, MatchesTheHandWorkedFigures) {
  const fs::path dir = GetParam();
  auto source = ingest::PackageSource::Open(dir / "package");
  ASSERT_TRUE(source.ok()) << source.error().ToString();
  ingest::ValidationOptions vo;
  vo.today = core::Date::FromYmd(2026, 11, 23);
  ingest::ValidationReport report;
  const core::Workforce w = ingest::ValidatePackage(**source, vo, &report);
  ASSERT_TRUE(report.ok()) << "the case's package has errors: "
                           << (report.errors.empty() ? "" : report.errors[0].ToString());

  metrics::Audience audience{0, {}};
  std::ifstream options(dir / "options.txt");
  for (std::string line; std::getline(options, line);) {
    std::istringstream in(line);
    std::string key;
    in >> key;
    if (key == "min_group") in >> audience.min_group;
  }

  std::ifstream expected_file(dir / "expected.csv");
  ASSERT_TRUE(expected_file) << "no expected.csv";
  std::string header;
  std::getline(expected_file, header);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  ASSERT_EQ(header, metrics::kCsvHeader);
  struct Row {
    int line;
    std::vector<std::string> fields;
  };
  std::vector<Row> expected;
  std::set<std::string> period_texts;
  std::set<std::string> indicators;
  int line_no = 1;
  for (std::string line; std::getline(expected_file, line);) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    Row row{line_no, SplitCsv(line)};
    ASSERT_EQ(row.fields.size(), 8u) << "expected.csv:" << line_no << ": 8 fields";
    period_texts.insert(row.fields[2]);
    indicators.insert(row.fields[0]);
    expected.push_back(std::move(row));
  }
  ASSERT_FALSE(expected.empty());

  metrics::FigureRequest request;
  metrics::EngineOptions engine;
  for (const std::string& text : period_texts) {
    auto p = core::Period::Parse(text);
    ASSERT_TRUE(p) << "bad period " << text;
    request.periods.push_back(*p);
    engine.first_year = engine.first_year == 0 ? p->year() : std::min(engine.first_year, p->year());
    engine.last_year = std::max(engine.last_year, p->year());
  }
  request.indicators.assign(indicators.begin(), indicators.end());
  const metrics::MeasureCube cube = metrics::ComputeMeasures(w, engine);
  auto figures = metrics::QueryFigures(cube, request, audience);
  ASSERT_TRUE(figures.ok()) << figures.error().ToString();
  std::map<std::string, std::vector<std::string>> actual;
  for (const metrics::Figure& f : *figures) {
    std::vector<std::string> fields = SplitCsv(metrics::CsvRow(cube, f));
    actual[fields[0] + "|" + fields[1] + "|" + fields[2]] = fields;
  }
  static const char* kNames[] = {"indicator", "unit_id",     "period",     "value",
                                 "numerator", "denominator", "population", "suppressed"};
  for (const Row& row : expected) {
    const std::string key = row.fields[0] + "|" + row.fields[1] + "|" + row.fields[2];
    auto it = actual.find(key);
    if (it == actual.end()) {
      ADD_FAILURE() << dir.filename().string() << "/expected.csv:" << row.line << ": no figure for "
                    << key;
      continue;
    }
    for (size_t i = 3; i < 8; ++i) {
      EXPECT_TRUE(SameField(row.fields[i], it->second[i]))
          << dir.filename().string() << "/expected.csv:" << row.line << ": " << key << " "
          << kNames[i] << ": expected '" << row.fields[i] << "', got '" << it->second[i] << "'";
    }
  }
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  const fs::path root = fs::path(AGP_SOURCE_DIR) / "tests" / "cases" / "indicators";
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Indicators, IndicatorCase, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<fs::path>& param_info) {
                           std::string name = param_info.param.filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// The cases are the specification by example: every indicator has at least one hand-worked figure.
TEST(IndicatorCases, CoverEveryIndicator) {
  const std::vector<fs::path> cases = Cases();
  ASSERT_GE(cases.size(), 12u) << "tests/cases/indicators is missing cases";
  std::set<std::string> covered;
  for (const fs::path& dir : cases) {
    std::ifstream in(dir / "expected.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const std::string key = line.substr(0, line.find(','));
      covered.insert(key.substr(0, key.find(':')));
    }
  }
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    EXPECT_TRUE(covered.count(std::string(info.key)) == 1) << "no case covers " << info.key;
  }
}

// docs/indicators.md is the reader's copy of the registry: it must say what the code says.
TEST(IndicatorDocs, QuoteEveryDefinitionAndSource) {
  std::ifstream in(fs::path(AGP_SOURCE_DIR) / "docs" / "indicators.md");
  ASSERT_TRUE(in) << "docs/indicators.md is missing";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    EXPECT_NE(doc.find("### `" + std::string(info.key) + "` — " + std::string(info.label_nb)),
              std::string::npos)
        << "no section for " << info.key;
    EXPECT_NE(doc.find(std::string(info.definition)), std::string::npos)
        << info.key << ": the definition differs from src/metrics/indicator.cpp";
    EXPECT_NE(doc.find(std::string(info.source)), std::string::npos)
        << info.key << ": the source differs from src/metrics/indicator.cpp";
  }
}

}  // namespace
}  // namespace agp
