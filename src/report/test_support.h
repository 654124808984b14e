// What the report layer's tests share: a small demo municipality (300 staff, 2020–2024) with its
// indicator results, the Røros template and the national reference figures, built once per test
// program, a helper that gathers a report for an audience the way the CLI does, and the PDF
// tests' way to Chromium and pdftotext.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
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

// Whether Debian's Chromium is on PATH (the PDF tests skip without it).
inline bool ChromiumInstalled() {
  return std::system(
             "command -v chromium >/dev/null 2>&1 || "
             "command -v chromium-browser >/dev/null 2>&1") == 0;
}

// stdout of a command line (the paths in it are the tests' own scratch paths).
inline std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

inline std::string Quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// pdftotext -layout of pages first..last (all when 0).
inline std::string PdfText(const std::filesystem::path& pdf, int first = 0, int last = 0) {
  std::string range;
  if (first > 0) range = " -f " + std::to_string(first) + " -l " + std::to_string(last);
  return Capture("pdftotext -layout -enc UTF-8" + range + " " + Quoted(pdf) + " -");
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
