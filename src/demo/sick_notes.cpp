// The shapes below are invented (docs/demo-data.md, "Sick notes"); the lengths follow the
// practice of writing sick notes for one to four weeks at a time.
#include "demo/sick_notes.h"

#include <algorithm>
#include <array>

namespace agp::demo {
namespace {

// Share of spells that begin with egenmelding before the person sees the doctor, and its length:
// 1, 2 or 3 calendar days (folketrygdloven §8-24), leaving at least 3 days for the doctor's note.
constexpr double kSelfCertifiedFirst = 0.30;
constexpr std::array<double, 3> kSelfCertifiedLength = {.40, .30, .30};
constexpr int kDoctorAfterSelf = 3;

// A sick note's length in calendar days: mostly two to four weeks. A note that would leave fewer
// than kShortestRest days of the spell runs to its end instead.
constexpr std::array<double, 4> kNoteWeights = {.15, .50, .30, .05};
constexpr std::array<int, 4> kNoteLo = {7, 14, 22, 29};
constexpr std::array<int, 4> kNoteHi = {13, 21, 28, 42};
constexpr int kShortestRest = 7;

// Chance, at each renewal, of 1–5 days back at work before the next note (at least
// kShortestGapRest days of the spell left after them).
constexpr double kGapBeforeRenewal = 0.04;
constexpr int kShortestGapRest = 4;

// Graded sick leave: the first graded note's grade, and its steps down at each renewal after
// (0, 10 or 20 points, not below 20). A graded spell of several notes is graded from its first
// note in 30 % of cases; otherwise it begins at 100 % and steps down from a later note.
constexpr std::array<uint8_t, 7> kGrades = {20, 30, 40, 50, 60, 70, 80};
constexpr std::array<double, 7> kGradeWeights = {.05, .05, .15, .40, .15, .08, .12};
constexpr std::array<double, 3> kStepWeights = {.45, .35, .20};
constexpr double kGradedFromTheStart = 0.30;
constexpr int kLowestGrade = 20;

}  // namespace

void SplitIntoNotes(core::Date start, core::Date end, bool graded, Random& rng,
                    std::vector<SickNote>* notes) {
  notes->clear();
  core::Date day = start;
  if (rng.Chance(kSelfCertifiedFirst)) {
    const int days =
        std::min(1 + rng.Pick(kSelfCertifiedLength), end - start + 1 - kDoctorAfterSelf);
    if (days > 0) {
      notes->push_back({start, start.AddDays(days - 1), true, 100});
      day = start.AddDays(days);
    }
  }
  const size_t first_doctor = notes->size();
  while (true) {
    core::Date note_end = day.AddDays(rng.FromBands(kNoteWeights, kNoteLo, kNoteHi) - 1);
    if (end - note_end < kShortestRest) note_end = end;
    notes->push_back({day, note_end, false, 100});
    if (note_end == end) break;
    day = note_end.AddDays(1);
    if (rng.Chance(kGapBeforeRenewal)) {
      const int gap = rng.Between(1, 5);
      if (end - day - gap + 1 >= kShortestGapRest) day = day.AddDays(gap);
    }
  }
  if (!graded) return;
  const size_t doctor_notes = notes->size() - first_doctor;
  size_t from = first_doctor;
  if (doctor_notes > 1 && !rng.Chance(kGradedFromTheStart)) {
    from += 1 + static_cast<size_t>(rng.Below(doctor_notes - 1));
  }
  int grade = kGrades[static_cast<size_t>(rng.Pick(kGradeWeights))];
  for (size_t i = from; i < notes->size(); ++i) {
    if (i > from) grade = std::max(kLowestGrade, grade - 10 * rng.Pick(kStepWeights));
    (*notes)[i].grade = static_cast<uint8_t>(grade);
  }
}

}  // namespace agp::demo
