#include "demo/generator.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "demo/model.h"
#include "demo/random.h"

namespace agp::demo {
namespace {

// Stream numbers for Mix(seed, stream): each stage draws from its own.
enum Stream : uint64_t { kUnits = 1, kStaffing = 2, kAbsences = 3, kAnnual = 4 };

std::string Key(char prefix, size_t n, int width) {
  std::string digits = std::to_string(n);
  std::string key(1, prefix);
  if (static_cast<int>(digits.size()) < width) key.append(width - digits.size(), '0');
  return key + digits;
}

int DigitsOf(size_t n) { return static_cast<int>(std::to_string(n).size()); }

// Keys are numbered in order of first start, as an HR system numbers its hires: "A000123",
// "P0001234". A letter first, so a key never looks like a national identity number.
void NumberKeys(core::Workforce& w) {
  std::vector<core::Date> employee_first(w.employees.size(), core::Date(INT32_MAX));
  std::vector<core::Date> position_first(w.positions.size(), core::Date(INT32_MAX));
  for (const core::PositionPeriod& p : w.periods) {
    auto& pf = position_first[static_cast<size_t>(p.position)];
    pf = std::min(pf, p.start);
    auto& ef =
        employee_first[static_cast<size_t>(w.positions[static_cast<size_t>(p.position)].employee)];
    ef = std::min(ef, p.start);
  }
  const auto number = [](const std::vector<core::Date>& first, char prefix, int min_width,
                         auto&& set_key) {
    std::vector<int32_t> order(first.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      return first[static_cast<size_t>(a)] < first[static_cast<size_t>(b)];
    });
    const int width = std::max(min_width, DigitsOf(first.size()));
    for (size_t rank = 0; rank < order.size(); ++rank) {
      set_key(static_cast<size_t>(order[rank]), Key(prefix, rank + 1, width));
    }
  };
  number(employee_first, 'A', 6,
         [&](size_t i, std::string key) { w.employees[i].key = std::move(key); });
  number(position_first, 'P', 7,
         [&](size_t i, std::string key) { w.positions[i].key = std::move(key); });
}

}  // namespace

core::Workforce GenerateWorkforce(const DemoOptions& options) {
  DemoOptions o = options;
  o.employees = std::max(1, o.employees);
  o.years = std::max(1, o.years);
  core::Date last = core::Date::FromYmd(o.last_year, 12, 31);
  if (o.through && o.through->year() == o.last_year + 1) last = *o.through;
  const Window window{core::Date::FromYmd(o.last_year - o.years + 1, 1, 1), last};

  core::Workforce w;
  w.other_absence_types = {"foreldrepermisjon", "permisjon", "velferdspermisjon"};
  const auto n = static_cast<size_t>(o.employees);
  const auto years = static_cast<size_t>(o.years);
  w.employees.reserve(n + n * years / 5);
  w.positions.reserve(n * 3 / 2 + n * years / 4);
  w.periods.reserve(n * 2 + n * years / 4);
  w.absences.reserve(n * (years + 1) * 3);  // about 2.7 rows a person-year: sick notes
  w.pay.reserve(n * (years + 2));
  w.dialogues.reserve(n * (years + 1));

  const Organisation org = BuildUnitTree(o, Mix(o.seed, kUnits), &w);
  StaffOrganisation(window, org, Mix(o.seed, kStaffing), &w);

  // Each person's periods, in date order: a counting sort by person, then by start.
  std::vector<int32_t> offsets(w.employees.size() + 1, 0);
  for (const core::PositionPeriod& p : w.periods) {
    ++offsets[static_cast<size_t>(w.positions[static_cast<size_t>(p.position)].employee) + 1];
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  std::vector<int32_t> by_person(w.periods.size());
  {
    std::vector<int32_t> next(offsets.begin(), offsets.end() - 1);
    for (size_t i = 0; i < w.periods.size(); ++i) {
      const auto person =
          static_cast<size_t>(w.positions[static_cast<size_t>(w.periods[i].position)].employee);
      by_person[static_cast<size_t>(next[person]++)] = static_cast<int32_t>(i);
    }
  }
  for (size_t person = 0; person < w.employees.size(); ++person) {
    int32_t* begin = by_person.data() + offsets[person];
    int32_t* end = by_person.data() + offsets[person + 1];
    std::stable_sort(begin, end, [&](int32_t a, int32_t b) {
      return w.periods[static_cast<size_t>(a)].start < w.periods[static_cast<size_t>(b)].start;
    });
    const PersonPeriods periods(begin, end);
    const auto id = static_cast<int32_t>(person);
    AddAbsences(window, org, id, periods, Mix(Mix(o.seed, kAbsences), person), &w);
    AddAnnualEvents(window, org, id, periods, Mix(Mix(o.seed, kAnnual), person), &w);
  }

  NumberKeys(w);
  w.present = {true, true, true};
  return w;
}

}  // namespace agp::demo
