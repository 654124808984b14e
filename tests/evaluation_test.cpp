// Goal evaluation on crafted data (tests/cases/evaluation): each status where it is the right
// answer. Full-time share in R is 3 of 8 = 37.5 % at the end of 2023 and 5 of 8 = 62.5 % at the
// end of 2024 (+25 points a year); unit B has 2 persons; nobody is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ingest/package_source.h"
#include "ingest/package_validator.h"
#include "metrics/engine.h"
#include "policy/evaluation.h"
#include "policy/lint.h"

namespace agp::policy {
namespace {

namespace fs = std::filesystem;

class Evaluation : public testing::Test {
 protected:
  void SetUp() override {
    const fs::path dir = fs::path(AGP_SOURCE_DIR) / "tests" / "cases" / "evaluation";
    auto source = ingest::PackageSource::Open(dir / "package");
    ASSERT_TRUE(source.ok());
    ingest::ValidationOptions vo;
    vo.today = core::Date::FromYmd(2026, 11, 23);
    ingest::ValidationReport report;
    const core::Workforce w = ingest::ValidatePackage(**source, vo, &report);
    ASSERT_TRUE(report.ok());
    cube_ = metrics::ComputeMeasures(w, {.first_year = 2023, .last_year = 2024});
    std::ifstream in(dir / "policy.yaml");
    std::stringstream text;
    text << in.rdbuf();
    Diagnostics d("policy.yaml");
    policy_ = CheckPolicy(text.str(), &d);
    ASSERT_EQ(d.error_count(), 0);
    auto ref = metrics::ReferenceFigures::Parse(
        "indicator,period,value,scope,source,url,note\n"
        "sick_leave_medical_pct,2024,7.7,kommunesektoren,KS,,\n"
        "fulltime_share,2024,70,kommunesektoren,KS,,\n",
        "national.csv");
    ASSERT_TRUE(ref.ok());
    reference_ = std::move(ref).value();
  }

  std::map<std::string, GoalResult> Run(int min_group) {
    EvaluationInput in;
    in.cube = &cube_;
    in.reference = &reference_;
    in.audience.min_group = min_group;
    std::map<std::string, GoalResult> out;
    for (GoalResult& g : Evaluate(policy_, core::Period::Year(2024), in))
      out[g.node->id] = std::move(g);
    return out;
  }

  metrics::MeasureCube cube_;
  Policy policy_;
  metrics::ReferenceFigures reference_;
};

TEST_F(Evaluation, EachStatusWhereItIsTheRightAnswer) {
  auto r = Run(5);
  ASSERT_EQ(r.size(), 14u);
  EXPECT_EQ(r["met"].status, GoalStatus::kMet);
  EXPECT_EQ(r["met"].targets[0].value, 62.5);
  EXPECT_EQ(r["met"].targets[0].previous, 37.5);
  EXPECT_EQ(r["met"].targets[0].rule, "62,5 ≥ 60,0");
  // 62.5 + 25 a year reaches 87.5 by the end of 2025, but only 74.9 by mid-2025.
  EXPECT_EQ(r["on-track"].status, GoalStatus::kOnTrack);
  EXPECT_EQ(r["on-track"].targets[0].rule,
            "62,5, målet er ≥ 80,0; endring 25,0 per år gir 87,5 innen 2025-12-31");
  EXPECT_EQ(r["off-track"].status, GoalStatus::kOffTrack);
  EXPECT_EQ(r["off-track"].targets[0].rule,
            "62,5, målet er ≥ 90,0; endring 25,0 per år gir 74,9 innen 2025-06-30");
  EXPECT_EQ(r["deadline-passed"].status, GoalStatus::kOffTrack);
  // B's only figure is about 2 persons: withheld, so the goal has no data.
  EXPECT_EQ(r["suppressed"].status, GoalStatus::kNoData);
  EXPECT_TRUE(r["suppressed"].targets[0].suppressed);
  EXPECT_FALSE(r["suppressed"].targets[0].value.has_value());
  EXPECT_EQ(r["no-target"].status, GoalStatus::kNoTarget);
  EXPECT_EQ(r["unmeasured"].status, GoalStatus::kNoTarget);
  EXPECT_TRUE(r["unmeasured"].targets.empty());
  EXPECT_EQ(r["trend-met"].status, GoalStatus::kMet);
  EXPECT_EQ(r["trend-met"].targets[0].baseline, 37.5);
  // The same people are a year older: the mean age went up, not down.
  EXPECT_EQ(r["trend-off"].status, GoalStatus::kOffTrack);
  EXPECT_EQ(r["trend-no-baseline"].status, GoalStatus::kNoData);
  EXPECT_EQ(r["reference-met"].status, GoalStatus::kMet);  // 0 % < 7.7 %
  EXPECT_EQ(r["reference-met"].targets[0].reference, 7.7);
  EXPECT_EQ(r["reference-on-track"].status, GoalStatus::kOnTrack);  // 62.5 < 70, +25 a year
  EXPECT_EQ(r["reference-missing"].status, GoalStatus::kNoData);
  EXPECT_EQ(r["worst-counts"].status, GoalStatus::kOffTrack);
}

TEST_F(Evaluation, AViewerWhoMaySeeIndividualsGetsTheSmallUnit) {
  auto r = Run(0);
  EXPECT_EQ(r["suppressed"].status, GoalStatus::kMet);  // B: 1 of 2 full time = 50 %
  EXPECT_EQ(r["suppressed"].targets[0].value, 50);
}

}  // namespace
}  // namespace agp::policy
