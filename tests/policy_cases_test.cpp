// Data-driven policy cases (tests/cases/policy/*, README there): a policy file in, exactly the
// errors and warnings of expected.txt out, in `agp policy check` form.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/lint.h"

namespace agp {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class PolicyCase : public testing::TestWithParam<fs::path> {};

TEST_P(PolicyCase, ReportsExactlyWhatExpectedTxtSays) {
  const fs::path dir = GetParam();
  policy::Diagnostics diagnostics("policy.yaml");
  policy::CheckPolicy(ReadAll(dir / "policy.yaml"), &diagnostics);
  std::string actual;
  for (const policy::Diagnostic& d : diagnostics.items()) actual += d.ToString() + "\n";
  EXPECT_EQ(actual, ReadAll(dir / "expected.txt")) << dir.filename().string();
  // The name says which: invalid_* have errors, the others none.
  const bool invalid = dir.filename().string().starts_with("invalid_");
  EXPECT_EQ(diagnostics.error_count() > 0, invalid);
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry :
       fs::directory_iterator(fs::path(AGP_SOURCE_DIR) / "tests" / "cases" / "policy")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Policy, PolicyCase, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<fs::path>& param_info) {
                           return param_info.param.filename().string();
                         });

TEST(PolicyCases, Exist) { EXPECT_GE(Cases().size(), 7u); }

}  // namespace
}  // namespace agp
