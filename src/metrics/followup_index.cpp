// Sick-leave follow-up cases (oppfølgingstilfeller, DESIGN §10.1): a person's sick rows joined
// with NAV's 16-day rule, so that the follow-up deadlines of arbeidsmiljøloven § 4-6 count from
// the first day of the case, not from each renewed sick note.
#include <algorithm>

#include "metrics/engine_input.h"
#include "metrics/followup_index.h"

namespace agp::metrics {
namespace internal {

void CasesOf(const Input& in, int32_t e, core::Date known_on, int join_days,
             std::vector<CaseSpan>* out) {
  const core::Workforce& w = *in.w;
  const int32_t begin = in.absence_begin[e];
  const int32_t end = in.absence_begin[e + 1];
  for (int32_t i = begin; i < end; ++i) {
    const core::Absence& a = w.absences[in.absences[i]];
    if (a.start > known_on) break;  // sorted by start
    const bool doctor = a.type == core::AbsenceType::kDoctorCertified;
    if (!out->empty() && out->back().last == i && a.start - out->back().end - 1 <= join_days) {
      CaseSpan& c = out->back();
      c.last = i + 1;
      c.end = std::max(c.end, a.end);
      c.doctor = c.doctor || doctor;
      continue;
    }
    out->push_back(CaseSpan{i, i + 1, a.start, a.end, doctor});
  }
}

bool FullyAbsentOn(const Input& in, const CaseSpan& c, core::Date day) {
  const core::Workforce& w = *in.w;
  for (int32_t i = c.first; i < c.last; ++i) {
    const core::Absence& a = w.absences[in.absences[i]];
    if (a.start > day) break;
    if (day <= a.end && a.grade >= 100) return true;
  }
  return false;
}

namespace {

// Whether active row r is a better main-position candidate than b: larger percent; ties: earlier
// start of the row, then the smaller position key (DESIGN §4).
bool LargerPosition(const core::Workforce& w, const core::PositionPeriod& r,
                    const core::PositionPeriod& b) {
  if (r.percent > b.percent + 1e-9) return true;
  if (r.percent < b.percent - 1e-9) return false;
  if (r.start != b.start) return r.start < b.start;
  return PositionKeyLess(w.positions[r.position].key, w.positions[b.position].key);
}

}  // namespace

int32_t CaseUnitOn(const Input& in, int32_t e, const CaseSpan& c, core::Date day) {
  const core::Workforce& w = *in.w;
  // The row covering the day, first by start then file line; none: the latest started before.
  const core::Absence* row = nullptr;
  for (int32_t i = c.first; i < c.last; ++i) {
    const core::Absence& a = w.absences[in.absences[i]];
    if (a.start > day) break;
    if (day <= a.end) {
      row = &a;
      break;
    }
    row = &a;
  }
  if (row == nullptr) row = &w.absences[in.absences[c.first]];

  const int32_t rows_begin = in.row_begin[e];
  const int32_t rows_end = in.row_begin[e + 1];
  if (row->position >= 0) {
    // The position's row active that day; none: its latest row started by then; none: its first.
    int32_t latest = -1;
    int32_t first = -1;
    for (int32_t i = rows_begin; i < rows_end; ++i) {
      const core::PositionPeriod& r = w.periods[in.rows[i]];
      if (r.position != row->position) continue;
      if (first < 0) first = in.rows[i];
      if (r.start > day) break;
      if (IsActive(r, day)) return r.unit;
      latest = in.rows[i];
    }
    if (latest >= 0) return w.periods[latest].unit;
    if (first >= 0) return w.periods[first].unit;
  }
  if (const int32_t main = MainRow(in, e, day); main >= 0) return w.periods[main].unit;
  int32_t largest = -1;
  for (int32_t i = rows_begin; i < rows_end; ++i) {
    const core::PositionPeriod& r = w.periods[in.rows[i]];
    if (r.start > day) break;
    if (IsActive(r, day) && (largest < 0 || LargerPosition(w, r, w.periods[largest]))) {
      largest = in.rows[i];
    }
  }
  if (largest >= 0) return w.periods[largest].unit;
  // None active: the person's latest position row (rows are sorted by start, then row).
  return rows_end > rows_begin ? w.periods[in.rows[rows_end - 1]].unit : -1;
}

}  // namespace internal

FollowupIndex::FollowupIndex(const core::Workforce& w)
    : in_(std::make_unique<internal::Input>(w)) {}
FollowupIndex::~FollowupIndex() = default;

std::vector<SickCase> FollowupIndex::KnownOn(core::Date day, int join_days) const {
  std::vector<SickCase> cases;
  std::vector<internal::CaseSpan> spans;
  for (int32_t e = 0; e < in_->employee_count(); ++e) {
    spans.clear();
    internal::CasesOf(*in_, e, day, join_days, &spans);
    for (const internal::CaseSpan& s : spans) {
      cases.push_back(SickCase{e, s.start, s.end, s.doctor, s.first, s.last});
    }
  }
  return cases;
}

namespace {
internal::CaseSpan Span(const SickCase& c) {
  return internal::CaseSpan{c.first_row, c.last_row, c.start, c.end, c.doctor_certified};
}
}  // namespace

bool FollowupIndex::FullyAbsentOn(const SickCase& c, core::Date day) const {
  return internal::FullyAbsentOn(*in_, Span(c), day);
}

int32_t FollowupIndex::UnitOn(const SickCase& c, core::Date day) const {
  return internal::CaseUnitOn(*in_, c.employee, Span(c), day);
}

std::vector<int32_t> FollowupIndex::Rows(const SickCase& c) const {
  return {in_->absences.begin() + c.first_row, in_->absences.begin() + c.last_row};
}

int32_t FollowupIndex::MainUnitOn(int32_t e, core::Date day) const {
  const int32_t row = internal::MainRow(*in_, e, day);
  return row < 0 ? -1 : in_->w->periods[row].unit;
}

std::optional<core::Date> FollowupIndex::EarliestCoreStart(int32_t e, core::Date day) const {
  for (int32_t i = in_->row_begin[e]; i < in_->row_begin[e + 1]; ++i) {
    const core::PositionPeriod& r = in_->w->periods[in_->rows[i]];
    if (r.start > day) break;  // sorted by start
    if (internal::IsCore(r.employment)) return r.start;
  }
  return std::nullopt;
}

std::optional<core::Date> FollowupIndex::LastDialogue(int32_t e, core::Date day) const {
  const auto begin = in_->dialogue_dates.begin() + in_->dialogue_begin[e];
  const auto end = in_->dialogue_dates.begin() + in_->dialogue_begin[e + 1];
  auto it = std::upper_bound(begin, end, day);
  if (it == begin) return std::nullopt;
  return *(it - 1);
}

int FollowupIndex::employee_count() const { return in_->employee_count(); }

}  // namespace agp::metrics
