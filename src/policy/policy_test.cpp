#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/lint.h"
#include "policy/policy_yaml.h"

namespace agp::policy {
namespace {

constexpr std::string_view kMinimal = R"(agp_policy: 1
id: fjellvik-2025
organisation: Fjellvik kommune
title: Arbeidsgiverpolitikk 2025–2028
adopted: {by: Kommunestyret, date: 2025-02-13, case: PS 12/25}
valid: {from: 2025-01-01, to: 2028-12-31}
nodes:
  - id: heltid
    kind: hovedmål
    title: Heltid er hovedregelen
    text: |
      Vi lyser ut hele stillinger.
      Deltid må begrunnes.
    indicators:
      - key: fulltime_share
        target: {at_least: 60, by: 2028-12-31}
      - key: sick_leave_pct
        scope: "1100"
        target: {trend: down, baseline: "2024", by: 2028-12-31}
      - key: sick_leave_medical_pct
        target: {better_than: reference, by: 2028-12-31}
      - key: pay_ratio_women_men:7174
        target: {at_least: 97.5, by: 2028-12-31}
    measures:
      - title: Heltidsprosjekt i helse
        owner: Kommunedirektøren
        due: 2026-06-30
        status: igangsatt
        evidence: [{title: Statusrapport, url: https://example.invalid/r}]
    children:
      - id: verdi
        kind: verdi
        title: Åpenhet
assessments:
  - node: heltid
    period: "2025"
    verdict: delvis
    narrative: Halvveis.
    by: HR
    date: 2026-02-01
)";

Policy Read(std::string_view yaml, Diagnostics* d) { return CheckPolicy(yaml, d); }

std::string All(const Diagnostics& d) {
  std::string out;
  for (const Diagnostic& x : d.items()) out += x.ToString() + "\n";
  return out;
}

TEST(PolicyYaml, ReadsEveryPartOfTheFormat) {
  Diagnostics d("p.yaml");
  const Policy p = Read(kMinimal, &d);
  EXPECT_EQ(d.error_count(), 0) << All(d);
  EXPECT_EQ(d.warning_count(), 0) << All(d);
  EXPECT_EQ(p.id, "fjellvik-2025");
  EXPECT_EQ(p.adopted.decision, "PS 12/25");
  ASSERT_EQ(p.nodes.size(), 1u);
  const Node& n = p.nodes[0];
  EXPECT_EQ(n.text, "Vi lyser ut hele stillinger.\nDeltid må begrunnes.");
  EXPECT_TRUE(IsGoal(n));
  EXPECT_FALSE(IsGoal(n.children[0]));
  ASSERT_EQ(n.indicators.size(), 4u);
  EXPECT_EQ(n.indicators[0].target->rule, TargetRule::kAtLeast);
  EXPECT_EQ(n.indicators[0].target->value, 60);
  EXPECT_EQ(n.indicators[1].target->rule, TargetRule::kTrendDown);
  EXPECT_EQ(n.indicators[1].target->baseline, "2024");
  EXPECT_EQ(n.indicators[1].scope, "1100");
  EXPECT_EQ(n.indicators[2].target->rule, TargetRule::kBetterThanReference);
  EXPECT_EQ(n.measures[0].evidence[0].url, "https://example.invalid/r");
  EXPECT_EQ(n.mark.line, 8);
  EXPECT_EQ(n.mark.column, 5);
  ASSERT_EQ(p.assessments.size(), 1u);
  EXPECT_EQ(p.assessments[0].verdict, "delvis");
}

TEST(PolicyModel, FindNodeLooksThroughTheWholeTree) {
  std::vector<Node> nodes(1);
  nodes[0].id = "a";
  nodes[0].children.resize(2);
  nodes[0].children[0].id = "b";
  nodes[0].children[1].id = "c";
  nodes[0].children[1].children.resize(1);
  nodes[0].children[1].children[0].id = "d";
  EXPECT_EQ(FindNode(nodes, "a"), &nodes[0]);
  EXPECT_EQ(FindNode(nodes, "d"), &nodes[0].children[1].children[0]);
  EXPECT_EQ(FindNode(nodes, "x"), nullptr);
  const std::vector<Node>& same = nodes;
  EXPECT_EQ(FindNode(same, "c"), &nodes[0].children[1]);
}

TEST(PolicyYaml, WritingAndReadingAgainLosesNothing) {
  Diagnostics d("p.yaml");
  const Policy p = Read(kMinimal, &d);
  const std::string written = WritePolicy(p);
  Diagnostics d2("written.yaml");
  const Policy again = Read(written, &d2);
  EXPECT_EQ(d2.error_count(), 0) << All(d2) << written;
  EXPECT_EQ(again, p) << written;
  EXPECT_EQ(WritePolicy(again), written);  // and the layout is stable
}

TEST(PolicyYaml, AwkwardTextSurvivesTheRoundTrip) {
  Policy p;
  p.id = "x";
  p.organisation = "Å";
  p.title = "\"Vi i Drammen\": «plattform» # ikke en kommentar";
  Node n;
  n.id = "a";
  n.kind = "prioritert område";
  n.title = "- ikke en liste";
  n.text = "  innrykket første linje\nandre: linje";
  n.goal = true;
  Node m = n;
  m.id = "b";
  m.text = "yes";
  m.title = "123";
  p.nodes = {n, m};
  Diagnostics d("w.yaml");
  const Policy again = Read(WritePolicy(p), &d);
  EXPECT_EQ(d.error_count(), 0) << All(d) << WritePolicy(p);
  EXPECT_EQ(again, p) << WritePolicy(p);
}

TEST(PolicyYaml, SyntaxErrorsSayWhere) {
  Diagnostics d("bad.yaml");
  Read("agp_policy: 1\nnodes:\n  - id: a\n   title: [unclosed\n", &d);
  ASSERT_EQ(d.error_count(), 1);
  EXPECT_EQ(d.items()[0].where.file, "bad.yaml");
  EXPECT_GT(d.items()[0].where.line, 1);
  EXPECT_NE(d.items()[0].message.find("ugyldig YAML"), std::string::npos);
}

TEST(PolicyYaml, ControlCharactersInTextAreRefusedWithTheirPlace) {
  Diagnostics d("ctl.yaml");
  Read(
      "agp_policy: 1\nid: x\norganisation: K\ntitle: \"Politikk\\e[31m\"\nnodes:\n"
      "  - id: a\n    kind: verdi\n    title: \"Ring\\a\"\n    text: |\n      To\n      linjer\n",
      &d);
  const std::string all = All(d);
  ASSERT_EQ(d.error_count(), 2) << all;
  EXPECT_EQ(d.items()[0].where.line, 4) << all;
  EXPECT_NE(d.items()[0].message.find("U+001B"), std::string::npos) << all;
  EXPECT_EQ(d.items()[1].where.line, 8) << all;
  EXPECT_NE(d.items()[1].message.find("U+0007"), std::string::npos) << all;
  EXPECT_EQ(all.find('\x1B'), std::string::npos);
}

TEST(PolicyYaml, TextThatIsNotUtf8IsRefusedWithItsPlace) {
  Diagnostics d("latin1.yaml");
  Read("agp_policy: 1\ntitle: Arbeidsgiverpolitikk for R\xf8ros\n", &d);  // Windows-1252 ø
  ASSERT_EQ(d.error_count(), 1);
  EXPECT_EQ(d.items()[0].where.line, 2);
  EXPECT_EQ(d.items()[0].where.column, 34);
}

TEST(PolicyLint, WarnsWhereAGoalCannotBeChecked) {
  Diagnostics d("p.yaml");
  Read(R"(agp_policy: 1
id: p
organisation: O
title: T
valid: {from: 2025-01-01}
nodes:
  - id: g1
    kind: delmål
    title: Lavere sykefravær
  - id: g2
    kind: innsatsområde
    goal: true
    title: Heltid
    indicators:
      - key: fulltime_share
      - key: sick_leave_pct
        target: {at_most: 7}
    measures:
      - title: Prosjekt
)",
       &d);
  EXPECT_EQ(d.error_count(), 0) << All(d);
  EXPECT_EQ(
      All(d),
      "p.yaml:7:5: advarsel: g1 «Lavere sykefravær»: målet kan ikke måles; legg til "
      "«indicators» med en indikator og et mål (f.eks. key: sick_leave_pct, target: "
      "{at_most: 7, by: 2027-12-31}), eller «goal: false» om punktet ikke er et mål\n"
      "p.yaml:15:9: advarsel: g2 «Heltid»: indikatoren «fulltime_share» har ikke noe mål; "
      "legg til «target» (at_least, at_most, trend eller better_than: reference)\n"
      "p.yaml:17:17: advarsel: g2 «Heltid»: målet for «sick_leave_pct» har ingen frist; legg "
      "til «by: ÅÅÅÅ-MM-DD»\n"
      "p.yaml:19:9: advarsel: g2 «Heltid»: tiltaket «Prosjekt» har ingen ansvarlig; legg til "
      "«owner»\n"
      "p.yaml:19:9: advarsel: g2 «Heltid»: tiltaket «Prosjekt» har ingen frist; legg til «due: "
      "ÅÅÅÅ-MM-DD»\n");
}

// A measure's id keys its execution (DESIGN §10.3): read, written back, checked, and the key of
// a measure without one follows its place under the node.
TEST(PolicyLint, MeasureIdsAreUniqueAndOurOwnWordsAreRefused) {
  Diagnostics d("p.yaml");
  Policy p = Read(R"(agp_policy: 1
id: p
organisation: O
title: T
valid: {from: 2025-01-01}
nodes:
  - id: g1
    kind: tiltak
    title: Tiltak
    measures:
      - {id: heltid-prosjekt, title: A, owner: HR, due: 2026-01-01}
      - {title: B, owner: HR, due: 2026-01-01}
      - {id: heltid-prosjekt, title: C, owner: HR, due: 2026-01-01}
      - {id: lokal-3, title: D, owner: HR, due: 2026-01-01}
      - {id: "med mellomrom", title: E, owner: HR, due: 2026-01-01}
)",
                  &d);
  EXPECT_EQ(All(d),
            "p.yaml:13:9: feil: g1 «Tiltak»: tiltakets id «heltid-prosjekt» er brukt før, på "
            "linje 11; gi tiltaket en egen id\n"
            "p.yaml:14:9: feil: g1 «Tiltak»: tiltakets id «lokal-3» kan bare ha bokstavene a–z, "
            "sifre, - og _, og kan ikke begynne med «lokal-» (det er lokale tiltak i agp)\n"
            "p.yaml:15:9: feil: g1 «Tiltak»: tiltakets id «med mellomrom» kan bare ha bokstavene "
            "a–z, sifre, - og _, og kan ikke begynne med «lokal-» (det er lokale tiltak i agp)\n");
  ASSERT_EQ(p.nodes.size(), 1u);
  EXPECT_EQ(MeasureKey(p.nodes[0], 0), "heltid-prosjekt");
  EXPECT_EQ(MeasureKey(p.nodes[0], 1), "g1.2");
  Diagnostics again("p.yaml");
  EXPECT_EQ(ReadPolicy(WritePolicy(p), &again).nodes[0].measures[0].id, "heltid-prosjekt");
}

// Every template in data/policies passes the check without errors and survives a round trip.
TEST(PolicyTemplates, CheckWithoutErrorsAndRoundTrip) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(AGP_SOURCE_DIR) / "data" / "policies";
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    Diagnostics d(entry.path().filename().string());
    const Policy p = CheckPolicy(text.str(), &d);
    EXPECT_EQ(d.error_count(), 0) << All(d);
    Diagnostics d2("written");
    EXPECT_EQ(ReadPolicy(WritePolicy(p), &d2), p) << entry.path();
    EXPECT_EQ(d2.error_count(), 0) << All(d2);
  }
  EXPECT_GE(count, 5);  // the five seed documents
}

}  // namespace
}  // namespace agp::policy
