// The indicator engine (DESIGN.md §2 "Engine", §4): one pass over the workforce records computes
// every measure for every unit subtree and every month, tertial, quarter and year of a span of
// years. No query per cell; the records are read once into compact per-person indexes.
#pragma once

#include <utility>

#include "core/records.h"
#include "metrics/measure_cube.h"

namespace agp::metrics {

struct EngineOptions {
  // The years to compute (both inclusive); 0 for both: DataYears() of the workforce.
  int first_year = 0;
  int last_year = 0;
  // Statutory deadlines in days (data/reference/deadlines.csv; arbeidsmiljøloven §4-6).
  int followup_plan_days = 28;
  int dialogue_meeting1_days = 49;
  // Sick rows at most this many days apart form one follow-up case (DESIGN §10.1; NAV's
  // oppfølgingstilfelle, the arbeidsgiverperiode of folketrygdloven § 8-19).
  int case_join_days = 16;
  // Threads for the independent passes (staff on the count dates; sick leave and follow-up).
  int threads = 2;
};

// The years the data cover: from the first year in which at least half as many absences start
// as in the busiest year (an export's absences that began before its window do not make a year;
// without absences, the year the first position starts) to the last year in which any record has
// a date, at most ten years back from that last year. {0, 0} for an empty workforce.
std::pair<int, int> DataYears(const core::Workforce& w);

// Computes the rolled-up measures. Every period kind of every year in the span is present, in
// the order of core::Period (months, tertials, quarters, years; each by year). Person-based
// measures of a tertial, quarter or year share the plane of the month with the same count date.
// Pay by job code is computed on 31 December (years, T3, Q4 and December).
MeasureCube ComputeMeasures(const core::Workforce& w, const EngineOptions& options = {});

}  // namespace agp::metrics
