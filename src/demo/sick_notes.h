// A doctor-certified spell as a real export holds it (DESIGN §10.1): one row per sick note
// (sykmelding), renewed every few weeks, sometimes after a few days of egenmelding, with a grade
// that steps down as the person returns gradually, and now and then a few days back at work
// between two notes. Internal to agp::demo.
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "demo/random.h"

namespace agp::demo {

struct SickNote {
  core::Date start, end;        // inclusive
  bool self_certified = false;  // egenmeldt (always grade 100) rather than legemeldt
  uint8_t grade = 100;          // percent
};

// Replaces *notes with the notes of the spell [start, end], which lasts at least 4 days, in date
// order: the first starts on `start` and the last ends on `end`; each starts the day after the one
// before ends or up to 5 days later, so the spell stays one follow-up case. Only the first may be
// self-certified (1–3 days). `graded`: from some note on the notes are graded (20–80 %, never
// rising); otherwise all are 100 %.
void SplitIntoNotes(core::Date start, core::Date end, bool graded, Random& rng,
                    std::vector<SickNote>* notes);

}  // namespace agp::demo
