// What the report layer's tests share: a small demo municipality (300 staff, 2020–2024) with its
// indicator results, the Røros template and the national reference figures, built once per test
// program, and a helper that gathers a report for an audience the way the CLI does.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "demo/generator.h"
#include "metrics/access.h"
#include "metrics/engine.h"
#include "metrics/reference.h"
#include "policy/diagnostics.h"
#include "policy/lint.h"
#include "report/report.h"

namespace agp::report::testing {

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct World {
  core::Workforce workforce;
  metrics::MeasureCube cube;
  metrics::ReferenceFigures reference;
  policy::Policy policy;
  std::vector<store::AssessmentRecord> assessments;
};

// Built on first use and kept for the test program (about a second).
inline const World& TestWorld() {
  static const World* world = [] {
    auto* w = new World;
    demo::DemoOptions o;
    o.employees = 300;
    o.years = 5;
    o.last_year = 2024;
    o.seed = 11;
    w->workforce = demo::GenerateWorkforce(o);
    w->cube = metrics::ComputeMeasures(w->workforce);
    const std::filesystem::path root(AGP_SOURCE_DIR);
    auto reference =
        metrics::ReferenceFigures::Load((root / "data/reference/national.csv").string());
    EXPECT_TRUE(reference.ok());
    if (reference.ok()) w->reference = std::move(*reference);
    policy::Diagnostics diagnostics("002_roros_2017_2025.yaml");
    w->policy = policy::CheckPolicy(ReadFile(root / "data/policies/002_roros_2017_2025.yaml"),
                                    &diagnostics);
    EXPECT_EQ(diagnostics.error_count(), 0);
    // One assessment that counts for 2024 and one from an earlier year that must not.
    store::AssessmentRecord a;
    a.policy_key = w->policy.id;
    a.node_id = "delmal-heltid-1";
    a.period = "2024";
    a.verdict = "delvis";
    a.narrative = "Flere har fått større stillinger, men turnusen i helse er uendret.";
    a.assessed_by = "Rådmannens ledergruppe";
    a.assessed_on = "2025-02-10";
    w->assessments.push_back(a);
    a.period = "2022";
    a.verdict = "ikke";
    a.narrative = "Gammel vurdering fra 2022.";
    w->assessments.push_back(a);
    return w;
  }();
  return *world;
}

// The input the CLI would build for `agp report --period PERIOD --audience AUDIENCE`.
inline ReportInput InputFor(const World& w, Audience audience, const std::string& period = "2024",
                            const std::string& unit = "") {
  ReportInput in;
  in.policy = &w.policy;
  in.policy_version = 1;
  in.assessments = &w.assessments;
  in.cube = &w.cube;
  in.reference = &w.reference;
  in.audience_kind = audience;
  in.audience = audience == Audience::kAdmin
                    ? metrics::Audience::Everything()
                    : metrics::AudienceFor(
                          audience == Audience::kUnion ? core::Role::kUnion : core::Role::kViewer,
                          {}, w.cube);
  in.period = *core::Period::Parse(period);
  in.unit = unit;
  in.data_version = 1;
  in.imported_at = "2025-01-15T08:30:00Z";
  in.imported_from = "fjellvik-2024.zip";
  in.generated_on = "2025-03-01";
  return in;
}

}  // namespace agp::report::testing
