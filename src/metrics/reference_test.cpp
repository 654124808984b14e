#include "metrics/reference.h"

#include <gtest/gtest.h>

#include "metrics/indicator.h"

namespace agp::metrics {
namespace {

constexpr std::string_view kHeader = "indicator,period,value,scope,source,url,note\n";

ReferenceFigures Figures(std::string_view rows) {
  auto r = ReferenceFigures::Parse(std::string(kHeader) + std::string(rows), "national.csv");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? std::move(r).value() : ReferenceFigures();
}

TEST(ReferenceFigures, FindsTheExactPeriodThenTheYearThenAnEarlierYear) {
  const ReferenceFigures f = Figures(
      "sick_leave_medical_pct,2022,7.7,kommuner,KS,,\n"
      "sick_leave_medical_pct,2023,7.7,kommuner,KS,,\n"
      "sick_leave_medical_pct,2024-Q2,8.3,kommuner,KS,,\n");
  EXPECT_EQ(f.Find("sick_leave_medical_pct", "2024-Q2")->value, 8.3);
  EXPECT_EQ(f.Find("sick_leave_medical_pct", "2023-03")->period, "2023");
  EXPECT_EQ(f.Find("sick_leave_medical_pct", "2024-Q1")->period,
            "2023");  // the latest earlier year
  EXPECT_EQ(f.Find("sick_leave_medical_pct", "2021"), nullptr);
  EXPECT_EQ(f.Find("turnover", "2023"), nullptr);
}

TEST(ReferenceFigures, TheFirstScopeListedIsTheDefault) {
  const ReferenceFigures f = Figures(
      "fulltime_share,2023,61.0,kommunesektoren,KS,,\n"
      "fulltime_share,2023,34.8,\"kommunesektoren, turnus\",KS,,\n");
  EXPECT_EQ(f.Find("fulltime_share", "2023")->value, 61.0);
  EXPECT_EQ(f.Find("fulltime_share", "2023", "kommunesektoren, turnus")->value, 34.8);
}

TEST(ReferenceFigures, QuotedFieldsKeepCommasAndQuotes) {
  const ReferenceFigures f =
      Figures("turnover,2022,13.6,kommunesektoren,\"KS, «Publisert»\",,\"a \"\"b\"\"\"\n");
  ASSERT_EQ(f.all().size(), 1u);
  EXPECT_EQ(f.all()[0].source, "KS, «Publisert»");
  EXPECT_EQ(f.all()[0].note, "a \"b\"");
}

TEST(ReferenceFigures, ErrorsSayWhereAndWhat) {
  auto bad =
      ReferenceFigures::Parse(std::string(kHeader) + "turnover,2022,13,6,x,KS,,\n", "national.csv");
  ASSERT_FALSE(bad.ok());
  auto period =
      ReferenceFigures::Parse(std::string(kHeader) + "turnover,22,13.6,x,KS,,\n", "national.csv");
  ASSERT_FALSE(period.ok());
  EXPECT_EQ(period.error().ToString(),
            "national.csv:2:10: '22' is not a period (2023, 2023-T1, 2023-Q1, 2023-03)");
  auto value =
      ReferenceFigures::Parse(std::string(kHeader) + "turnover,2022,13;6,x,KS,,\n", "national.csv");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().location().column, 15);
  auto dup = ReferenceFigures::Parse(
      std::string(kHeader) + "turnover,2022,1,x,KS,,\nturnover,2022,2,x,KS,,\n", "national.csv");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message().find("line 2"), std::string::npos);
  auto scope =
      ReferenceFigures::Parse(std::string(kHeader) + "turnover,2022,13.6,,KS,,\n", "national.csv");
  ASSERT_FALSE(scope.ok());  // an empty scope would collide with "the default scope" in Find
  EXPECT_EQ(scope.error().location().column, 20);
  auto missing = ReferenceFigures::Parse("indicator,period\n", "national.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("value"), std::string::npos);
}

TEST(Deadlines, TheRuleInForceOnTheDayCounts) {
  auto d = Deadlines::Parse(
      "key,days,valid_from,source,note\n"
      "followup_plan,28,2011-03-01,aml §4-6,\n"
      "followup_plan,21,2030-01-01,a future change,\n",
      "deadlines.csv");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d->DaysOn("followup_plan", core::Date::FromYmd(2026, 11, 23)), 28);
  EXPECT_EQ(*d->DaysOn("followup_plan", core::Date::FromYmd(2030, 1, 1)), 21);
  EXPECT_FALSE(d->DaysOn("followup_plan", core::Date::FromYmd(2000, 1, 1)).ok());
  EXPECT_FALSE(d->DaysOn("dialogue_meeting1", core::Date::FromYmd(2026, 1, 1)).ok());
}

TEST(ShippedReference, FiguresMatchFiguresMdAndUseKnownKeys) {
  auto f = ReferenceFigures::Load(std::string(AGP_SOURCE_DIR) + "/data/reference/national.csv");
  ASSERT_TRUE(f.ok()) << f.error().ToString();
  EXPECT_EQ(f->Find("sick_leave_medical_pct", "2023")->value, 7.7);
  EXPECT_EQ(f->Find("sick_leave_medical_pct", "2024-Q2")->value, 8.3);
  EXPECT_EQ(f->Find("fulltime_share", "2023")->value, 61.0);
  EXPECT_EQ(f->Find("pay_ratio_women_men", "2024")->value, 94.6);
  for (const ReferenceFigure& r : f->all()) {
    EXPECT_TRUE(FindIndicator(r.indicator).has_value()) << r.indicator;
    EXPECT_FALSE(r.source.empty());
  }
  auto d = Deadlines::Load(std::string(AGP_SOURCE_DIR) + "/data/reference/deadlines.csv");
  ASSERT_TRUE(d.ok()) << d.error().ToString();
  EXPECT_EQ(*d->DaysOn("followup_plan", core::Date::FromYmd(2026, 1, 1)), 28);
  EXPECT_EQ(*d->DaysOn("dialogue_meeting1", core::Date::FromYmd(2026, 1, 1)), 49);
}

}  // namespace
}  // namespace agp::metrics
