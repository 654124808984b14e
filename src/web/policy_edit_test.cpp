#include "web/policy_edit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "policy/policy_store.h"
#include "policy/policy_yaml.h"

namespace agp::web {
namespace {

constexpr const char* kPolicy = R"(agp_policy: 1
id: test-2024
organisation: Testkommune
title: Arbeidsgiverpolitikk 2024–2027
valid:
  from: 2024-01-01
  to: 2027-12-31
nodes:
  - id: hovedmal
    kind: hovedmål
    title: Et godt arbeidsmiljø
    text: |
      Første avsnitt.

      Andre avsnitt.
    indicators:
      - key: sick_leave_pct
        target:
          at_most: 7
          by: 2027-12-31
    measures:
      - title: Oppfølging av sykmeldte
        owner: HR
        due: 2025-06-30
        status: igangsatt
    children:
      - id: delmal
        kind: delmål
        title: Heltid
)";

class PolicyEdit : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqlite(":memory:");
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
    policy::Diagnostics d("test");
    policy::Policy p = policy::ReadPolicy(kPolicy, &d);
    ASSERT_EQ(d.error_count(), 0);
    ASSERT_TRUE(policy::StorePolicy(*db_, p, "test.yaml", clock_).ok());
  }

  policy::Node StoredNode(const std::string& id) {
    auto p = policy::LoadStoredPolicy(*db_, "test-2024");
    EXPECT_TRUE(p.ok());
    policy::Node found;
    policy::ForEachNode(p->nodes, [&](const policy::Node& n, int) {
      if (n.id == id) found = n;
    });
    return found;
  }

  size_t VersionCount() {
    auto versions = db_->PolicyVersions();
    EXPECT_TRUE(versions.ok());
    return versions->size();
  }

  core::FixedClock clock_{core::Date::FromYmd(2024, 6, 1)};
  std::unique_ptr<store::Database> db_;
};

TEST_F(PolicyEdit, ChangingATargetValueStoresVersionTwoWithTheNewTarget) {
  NodeFields f = FieldsOf(StoredNode("hovedmal"), 1);
  ASSERT_EQ(f.indicators.size(), 1u);
  EXPECT_EQ(f.indicators[0].target.rule, "at_most");
  EXPECT_EQ(f.indicators[0].target.value, "7");
  f.indicators[0].target.value = "6,5";

  auto out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->ok());
  EXPECT_TRUE(out->stored);
  EXPECT_EQ(out->version, 2);
  EXPECT_EQ(out->changes, "mål for sick_leave_pct: høyst 6,5 % innen 31. desember 2027");

  auto newest = db_->LoadPolicyVersion("test-2024", 0);
  ASSERT_TRUE(newest.ok() && newest->has_value());
  EXPECT_EQ((*newest)->version, 2);
  EXPECT_EQ((*newest)->source, "web:hr");
  const policy::Node node = StoredNode("hovedmal");
  ASSERT_TRUE(node.indicators[0].target.has_value());
  EXPECT_EQ(node.indicators[0].target->rule, policy::TargetRule::kAtMost);
  EXPECT_DOUBLE_EQ(node.indicators[0].target->value, 6.5);
  // The rest of the node is as it was.
  EXPECT_EQ(node.text, "Første avsnitt.\n\nAndre avsnitt.");
  EXPECT_EQ(node.measures.size(), 1u);
  EXPECT_EQ(node.children.size(), 1u);
  // The first version is still there.
  auto first = policy::LoadStoredPolicy(*db_, "test-2024", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_DOUBLE_EQ(first->nodes[0].indicators[0].target->value, 7);
}

TEST_F(PolicyEdit, AnUntouchedFormStoresNoVersionEvenWithTheBrowsersLineEnds) {
  NodeFields f = FieldsOf(StoredNode("hovedmal"), 1);
  f.text = "Første avsnitt.\r\n\r\nAndre avsnitt.\r\n";
  auto out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->ok());
  EXPECT_FALSE(out->stored);
  EXPECT_EQ(out->changes, "");
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(PolicyEdit, InvalidFieldsGiveErrorsBesideThemAndStoreNothing) {
  NodeFields f = FieldsOf(StoredNode("hovedmal"), 1);
  f.title = "  ";
  f.indicators[0].target.by = "2025-13-01";
  f.new_indicator.key = "sick_leave_procent";
  f.new_indicator.target = {"at_least", "lots", "", ""};
  f.measures[0].due = "i morgen";
  f.new_measure.owner = "HR";  // but no title

  auto out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->ok());
  EXPECT_FALSE(out->stored);
  const auto& e = out->field_errors;
  EXPECT_TRUE(e.contains("title"));
  ASSERT_TRUE(e.contains("ind-0-by"));
  EXPECT_NE(e.at("ind-0-by").find("2025-13-01"), std::string::npos);
  ASSERT_TRUE(e.contains("new-ind-key"));
  EXPECT_NE(e.at("new-ind-key").find("sick_leave_procent"), std::string::npos);
  EXPECT_TRUE(e.contains("new-ind-value"));
  EXPECT_TRUE(e.contains("m-0-due"));
  EXPECT_TRUE(e.contains("new-m-title"));
  EXPECT_EQ(VersionCount(), 1u);
  EXPECT_EQ(StoredNode("hovedmal").title, "Et godt arbeidsmiljø");
}

TEST_F(PolicyEdit, ATrendWithoutBaselineAndAPercentOverHundredAreRefused) {
  NodeFields f = FieldsOf(StoredNode("hovedmal"), 1);
  f.indicators[0].target = {"trend_down", "", "", "2027-12-31"};
  f.new_indicator.key = "fulltime_share";
  f.new_indicator.target = {"at_least", "150", "", ""};
  auto out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->field_errors.contains("ind-0-baseline"));
  EXPECT_TRUE(out->field_errors.contains("new-ind-value"));
  EXPECT_EQ(VersionCount(), 1u);
}

TEST_F(PolicyEdit, AFormFromAnOlderVersionIsRefused) {
  NodeFields f = FieldsOf(StoredNode("hovedmal"), 1);
  f.title = "Nytt navn";
  ASSERT_TRUE(EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_)->stored);
  f.title = "Et tredje navn";  // still made from version 1
  auto out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->ok());
  EXPECT_EQ(out->errors.size(), 1u);
  EXPECT_EQ(VersionCount(), 2u);
  EXPECT_EQ(StoredNode("hovedmal").title, "Nytt navn");
}

TEST_F(PolicyEdit, AddingAnIndicatorAndAMeasureAndRemovingOneAreStored) {
  NodeFields f = FieldsOf(StoredNode("delmal"), 1);
  f.new_indicator.key = "fulltime_share";
  f.new_indicator.target = {"at_least", "60", "", "31.12.2027"};
  f.new_measure = {"Heltidsprosjekt", "Rådmannen", "2026-01-01", "planlagt", false};
  auto out = EditNode(*db_, "test-2024", "delmal", f, "hr", clock_);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->ok()) << (out->field_errors.empty() ? "" : out->field_errors.begin()->second);
  EXPECT_EQ(out->version, 2);
  EXPECT_EQ(out->changes,
            "ny indikator fulltime_share: minst 60 % innen 31. desember 2027; nytt tiltak "
            "«Heltidsprosjekt»");
  policy::Node node = StoredNode("delmal");
  ASSERT_EQ(node.indicators.size(), 1u);
  EXPECT_EQ(node.indicators[0].target->by, "2027-12-31");
  ASSERT_EQ(node.measures.size(), 1u);
  EXPECT_EQ(node.measures[0].status, "planlagt");

  NodeFields g = FieldsOf(node, 2);
  g.measures[0].remove = true;
  auto removed = EditNode(*db_, "test-2024", "delmal", g, "hr", clock_);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->version, 3);
  EXPECT_EQ(removed->changes, "fjernet tiltak «Heltidsprosjekt»");
  EXPECT_TRUE(StoredNode("delmal").measures.empty());
}

TEST_F(PolicyEdit, AnUnknownPolicyOrNodeIsNotFound) {
  NodeFields f;
  auto no_policy = EditNode(*db_, "finnes-ikke", "hovedmal", f, "hr", clock_);
  ASSERT_FALSE(no_policy.ok());
  EXPECT_EQ(no_policy.error().code(), core::ErrorCode::kNotFound);
  auto no_node = EditNode(*db_, "test-2024", "finnes-ikke", f, "hr", clock_);
  ASSERT_FALSE(no_node.ok());
  EXPECT_EQ(no_node.error().code(), core::ErrorCode::kNotFound);
}

TEST_F(PolicyEdit, AChangedScopeMustBeAKnownUnit) {
  NodeFields f = FieldsOf(StoredNode("hovedmal"), 1);
  f.indicators[0].scope = "9999";
  auto out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_, {"1000", "1200"});
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->field_errors.contains("ind-0-scope"));
  f.indicators[0].scope = "1200";
  out = EditNode(*db_, "test-2024", "hovedmal", f, "hr", clock_, {"1000", "1200"});
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->stored);
  EXPECT_EQ(out->changes, "enhet for sick_leave_pct: enhet 1200");
}

TEST(PolicyForm, ReadsThePostedFieldsByName) {
  std::map<std::string, std::string> form = {{"versjon", "3"},
                                             {"title", "T"},
                                             {"text", "x"},
                                             {"ind-0-rule", "at_most"},
                                             {"ind-0-value", "6,5"},
                                             {"ind-0-scope", ""},
                                             {"ind-1-rule", "none"},
                                             {"ind-1-remove", "1"},
                                             {"m-0-title", "Tiltak"},
                                             {"m-0-status", "planlagt"},
                                             {"new-ind-key", "turnover"}};
  NodeFields f = ReadNodeFields([&](const std::string& name) -> std::optional<std::string> {
    auto it = form.find(name);
    if (it == form.end()) return std::nullopt;
    return it->second;
  });
  EXPECT_EQ(f.base_version, 3);
  ASSERT_EQ(f.indicators.size(), 2u);
  EXPECT_EQ(f.indicators[0].target.value, "6,5");
  EXPECT_FALSE(f.indicators[0].remove);
  EXPECT_TRUE(f.indicators[1].remove);
  ASSERT_EQ(f.measures.size(), 1u);
  EXPECT_EQ(f.measures[0].status, "planlagt");
  EXPECT_EQ(f.new_indicator.key, "turnover");
}

TEST(PolicyForm, NumbersTakeADecimalComma) {
  EXPECT_EQ(ParseDecimal("6,5"), 6.5);
  EXPECT_EQ(ParseDecimal("6.5"), 6.5);
  EXPECT_EQ(ParseDecimal(" 90 % "), 90);
  EXPECT_EQ(ParseDecimal("6,5,1"), std::nullopt);
  EXPECT_EQ(ParseDecimal("seks"), std::nullopt);
  EXPECT_EQ(ParseDecimal(""), std::nullopt);
  EXPECT_EQ(core::DecimalText(6.5), "6,5");
  EXPECT_EQ(core::DecimalText(90), "90");
}

TEST(PolicyForm, TargetsAreWrittenInNorwegianWords) {
  policy::Target t;
  t.rule = policy::TargetRule::kAtLeast;
  t.value = 90;
  EXPECT_EQ(TargetWords(t, "fulltime_share"), "minst 90 %");
  t.rule = policy::TargetRule::kAtMost;
  t.value = 6.5;
  EXPECT_EQ(TargetWords(t, "sick_leave_pct"), "høyst 6,5 %");
  t.rule = policy::TargetRule::kTrendDown;
  t.baseline = "2020";
  EXPECT_EQ(TargetWords(t, "sick_leave_pct"), "synkende fra 2020");
  t.rule = policy::TargetRule::kBetterThanReference;
  t.by = "2025-12-31";
  EXPECT_EQ(TargetWords(t, "sick_leave_pct"), "bedre enn landet innen 31. desember 2025");
}

// --- templates ---

class PolicyTemplates : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqlite(":memory:");
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
  }
  core::FixedClock clock_{core::Date::FromYmd(2024, 6, 1)};
  std::unique_ptr<store::Database> db_;
  const std::string dir_ = std::string(AGP_SOURCE_DIR) + "/data/policies";
};

TEST_F(PolicyTemplates, ListsEveryTemplateWithItsTitle) {
  std::vector<TemplateInfo> list = ListTemplates(dir_);
  ASSERT_GE(list.size(), 3u);
  bool roros = false;
  for (const TemplateInfo& t : list) {
    if (t.file == "002_roros_2017_2025.yaml") {
      roros = true;
      EXPECT_EQ(t.id, "roros-2017");
      EXPECT_TRUE(t.title.starts_with("Arbeidsgiverstrategi 2017-2025"));
    }
  }
  EXPECT_TRUE(roros);
}

TEST_F(PolicyTemplates, LoadingATemplateTwiceAddsOneVersionOnly) {
  auto first = LoadTemplate(*db_, dir_, "002_roros_2017_2025.yaml", clock_);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->errors.empty());
  ASSERT_TRUE(first->outcome.has_value());
  EXPECT_TRUE(first->outcome->added);
  EXPECT_EQ(first->outcome->version.version, 1);
  auto second = LoadTemplate(*db_, dir_, "002_roros_2017_2025.yaml", clock_);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(second->outcome.has_value());
  EXPECT_FALSE(second->outcome->added);
  auto versions = db_->PolicyVersions();
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 1u);
}

TEST_F(PolicyTemplates, OnlyAListedTemplateCanBeLoaded) {
  auto escaped = LoadTemplate(*db_, dir_, "../policies/002_roros_2017_2025.yaml", clock_);
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.error().code(), core::ErrorCode::kNotFound);
}

TEST_F(PolicyTemplates, ATemplateWithErrorsIsRefusedWithThem) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("agp-policy-templates-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.yaml") << std::string(kPolicy).replace(
      std::string(kPolicy).find("sick_leave_pct"), 14, "sick_leave_pst");
  auto loaded = LoadTemplate(*db_, dir.string(), "broken.yaml", clock_);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->errors.size(), 1u);
  EXPECT_NE(loaded->errors[0].message.find("sick_leave_pst"), std::string::npos);
  EXPECT_FALSE(loaded->outcome.has_value());
  auto versions = db_->PolicyVersions();
  ASSERT_TRUE(versions.ok());
  EXPECT_TRUE(versions->empty());
}

}  // namespace
}  // namespace agp::web
