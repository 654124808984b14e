#include "demo/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace agp::demo {
namespace {

using core::Date;

constexpr int kLastYear = 2024;

DemoOptions SmallMunicipality() {
  DemoOptions o;
  o.employees = 3000;
  o.years = 3;
  o.last_year = kLastYear;
  o.seed = 7;
  return o;
}

const core::Workforce& Demo() {
  static const core::Workforce w = GenerateWorkforce(SmallMunicipality());
  return w;
}

size_t At(int32_t i) { return static_cast<size_t>(i); }

bool IsCore(const core::PositionPeriod& p) {
  return p.employment == core::Employment::kPermanent ||
         p.employment == core::Employment::kTemporary;
}
bool ActiveOn(const core::PositionPeriod& p, Date d) {
  return p.start <= d && (!p.end || d <= *p.end);
}
int32_t EmployeeOf(const core::Workforce& w, const core::PositionPeriod& p) {
  return w.positions[At(p.position)].employee;
}

// FNV-1a over every field of every record: equal workforces give equal fingerprints.
class Fingerprint {
 public:
  explicit Fingerprint(const core::Workforce& w) {
    for (const auto& u : w.units) Add(u.key, u.parent, u.name, u.sector, u.kind);
    for (const auto& e : w.employees) {
      Add(e.key, e.name, static_cast<int>(e.gender), e.birth_year, e.education);
    }
    for (const auto& p : w.positions) Add(p.key, p.employee);
    for (const auto& p : w.periods) {
      Add(p.position, p.unit, p.start.days(), p.end ? p.end->days() : -1, p.percent,
          static_cast<int>(p.employment), p.leader, p.fulltime_hours.value_or(-1),
          static_cast<int>(p.end_reason), p.job_code, p.job_title);
    }
    for (const auto& a : w.absences) {
      Add(a.employee, a.position, static_cast<int>(a.type), a.grade, a.start.days(), a.end.days(),
          a.other_type);
    }
    for (const auto& p : w.pay) {
      Add(p.employee, p.date.days(), p.annual_base_salary, p.fixed_allowances);
    }
    for (const auto& d : w.dialogues) Add(d.employee, d.date.days());
    for (const auto& f : w.followup) Add(f.employee, static_cast<int>(f.kind), f.date.days());
    for (const auto& t : w.other_absence_types) Add(t);
  }
  uint64_t value() const { return h_; }

 private:
  template <typename... T>
  void Add(const T&... values) {
    (One(values), ...);
  }
  void One(std::string_view s) {
    for (char c : s) Byte(static_cast<unsigned char>(c));
    Byte(0);
  }
  void One(const std::string& s) { One(std::string_view(s)); }
  void One(double v) { One(static_cast<int64_t>(v * 1000)); }
  void One(int64_t v) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  void One(int v) { One(static_cast<int64_t>(v)); }
  void One(bool v) { One(static_cast<int64_t>(v)); }
  void Byte(unsigned char c) { h_ = (h_ ^ c) * 0x100000001b3ULL; }
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

// What DESIGN §4 counts on a count date: each core person's size, main position and more.
struct CoreStaff {
  struct Person {
    double size = 0;
    bool permanent = false;
    bool leader = false;
  };
  std::unordered_map<int32_t, Person> people;
};

CoreStaff CoreStaffOn(const core::Workforce& w, Date day) {
  CoreStaff staff;
  for (const auto& p : w.periods) {
    if (!IsCore(p) || !ActiveOn(p, day)) continue;
    CoreStaff::Person& person = staff.people[EmployeeOf(w, p)];
    person.size += p.percent;
    person.permanent |= p.employment == core::Employment::kPermanent;
    person.leader |= p.leader;
  }
  return staff;
}

// Sick leave over [from, to] on Monday–Friday (holidays ignored): per position and day, agreed
// = percent, lost = percent × grade of each covering sick absence, capped at agreed (DESIGN §4).
struct SickLeave {
  double total = 0, self_certified = 0, doctor_certified = 0;
};
SickLeave SickLeaveBetween(const core::Workforce& w, Date from, Date to) {
  std::vector<std::vector<const core::Absence*>> sick(w.employees.size());
  for (const auto& a : w.absences) {
    if (a.type != core::AbsenceType::kOther) sick[At(a.employee)].push_back(&a);
  }
  double agreed = 0, lost = 0, lost_self = 0, lost_doctor = 0;
  for (const auto& p : w.periods) {
    if (p.employment == core::Employment::kHourly) continue;
    const auto& absences = sick[At(EmployeeOf(w, p))];
    for (Date d = std::max(p.start, from); d <= std::min(p.end.value_or(to), to);
         d = d.AddDays(1)) {
      if (d.weekday() > 5) continue;
      agreed += p.percent;
      double all = 0, self = 0, doctor = 0;
      for (const core::Absence* a : absences) {
        if (a->start > d || d > a->end || (a->position >= 0 && a->position != p.position)) {
          continue;
        }
        const double l = p.percent * a->grade / 100.0;
        all += l;
        (a->type == core::AbsenceType::kSelfCertified ? self : doctor) += l;
      }
      lost += std::min(all, p.percent);
      lost_self += std::min(self, p.percent);
      lost_doctor += std::min(doctor, p.percent);
    }
  }
  return {100 * lost / agreed, 100 * lost_self / agreed, 100 * lost_doctor / agreed};
}

bool HasElevenDigitRun(std::string_view s) {
  int run = 0;
  for (char c : s) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run >= 11) return true;
  }
  return false;
}

TEST(Generator, TheSameOptionsGiveTheSameRecords) {
  DemoOptions o;
  o.employees = 500;
  o.years = 2;
  const core::Workforce a = GenerateWorkforce(o);
  const core::Workforce b = GenerateWorkforce(o);
  EXPECT_EQ(a.periods.size(), b.periods.size());
  EXPECT_EQ(a.absences.size(), b.absences.size());
  EXPECT_EQ(Fingerprint(a).value(), Fingerprint(b).value());
}

TEST(Generator, ADifferentSeedGivesADifferentMunicipality) {
  DemoOptions o;
  o.employees = 500;
  o.years = 2;
  const core::Workforce a = GenerateWorkforce(o);
  o.seed = 2;
  const core::Workforce b = GenerateWorkforce(o);
  EXPECT_NE(Fingerprint(a).value(), Fingerprint(b).value());
}

TEST(Generator, EveryReferenceIsAValidIndex) {
  const core::Workforce& w = Demo();
  const auto n = [](const auto& v) { return static_cast<int32_t>(v.size()); };
  int roots = 0;
  for (int32_t i = 0; i < n(w.units); ++i) {
    const core::Unit& u = w.units[At(i)];
    roots += u.parent < 0;
    EXPECT_LT(u.parent, i) << "a parent comes before its children, so the tree has no cycle";
  }
  EXPECT_EQ(roots, 1);
  EXPECT_EQ(w.units[0].name, "Fjellvik kommune");
  for (const auto& p : w.positions) {
    ASSERT_GE(p.employee, 0);
    ASSERT_LT(p.employee, n(w.employees));
  }
  for (const auto& p : w.periods) {
    ASSERT_GE(p.position, 0);
    ASSERT_LT(p.position, n(w.positions));
    ASSERT_GE(p.unit, 0);
    ASSERT_LT(p.unit, n(w.units));
  }
  for (const auto& a : w.absences) {
    ASSERT_GE(a.employee, 0);
    ASSERT_LT(a.employee, n(w.employees));
    ASSERT_LT(a.position, n(w.positions));
    if (a.position >= 0) {
      ASSERT_EQ(w.positions[At(a.position)].employee, a.employee);
    }
    if (a.type == core::AbsenceType::kOther) {
      ASSERT_GE(a.other_type, 0);
      ASSERT_LT(a.other_type, n(w.other_absence_types));
    } else {
      ASSERT_EQ(a.other_type, -1);
    }
  }
  for (const auto& p : w.pay) ASSERT_LT(At(p.employee), w.employees.size());
  for (const auto& d : w.dialogues) ASSERT_LT(At(d.employee), w.employees.size());
  for (const auto& f : w.followup) ASSERT_LT(At(f.employee), w.employees.size());
  EXPECT_TRUE(w.present.pay && w.present.dialogues && w.present.followup);
}

TEST(Generator, PeriodsOfAPositionFollowEachOtherWithoutOverlap) {
  const core::Workforce& w = Demo();
  std::map<int32_t, std::vector<const core::PositionPeriod*>> by_position;
  for (const auto& p : w.periods) {
    if (p.end) {
      ASSERT_GE(*p.end, p.start);
    }
    by_position[p.position].push_back(&p);
  }
  int changed = 0;
  for (const auto& [position, periods] : by_position) {
    for (size_t i = 1; i < periods.size(); ++i) {
      const core::PositionPeriod& before = *periods[i - 1];
      ASSERT_TRUE(before.end.has_value()) << w.positions[At(position)].key;
      ASSERT_EQ(before.end->AddDays(1), periods[i]->start) << w.positions[At(position)].key;
      EXPECT_EQ(before.end_reason, core::EndReason::kNone) << "only the last period ends it";
    }
    changed += periods.size() > 1;
  }
  EXPECT_EQ(by_position.size(), w.positions.size()) << "every position has a period";
  EXPECT_GT(changed, 50) << "some positions change size or become permanent";
}

TEST(Generator, ValuesAreInTheirRanges) {
  const core::Workforce& w = Demo();
  std::set<core::Employment> employment;
  for (const auto& p : w.periods) {
    ASSERT_GT(p.percent, 0);
    ASSERT_LE(p.percent, 100);
    ASSERT_TRUE(p.fulltime_hours == 37.5 || p.fulltime_hours == 35.5 || p.fulltime_hours == 33.6);
    ASSERT_EQ(p.job_code.size(), 4u);
    ASSERT_FALSE(p.job_title.empty());
    if (p.leader) {
      ASSERT_EQ(p.percent, 100) << "leaders work full time";
      ASSERT_EQ(p.employment, core::Employment::kPermanent);
    }
    ASSERT_EQ(p.end_reason != core::EndReason::kNone && !p.end, false);
    employment.insert(p.employment);
  }
  EXPECT_EQ(employment.size(), 5u) << "fast, midlertidig, vikar, laerling and timelonnet";
  std::set<int> graded;
  for (const auto& a : w.absences) {
    ASSERT_GE(a.grade, 20);
    ASSERT_LE(a.grade, 100);
    const int32_t days = a.end - a.start + 1;
    ASSERT_GE(days, 1);
    if (a.type == core::AbsenceType::kSelfCertified) {
      ASSERT_EQ(a.grade, 100);
      ASSERT_LE(days, 3) << "self-certification covers up to 3 calendar days";
    }
    if (a.type == core::AbsenceType::kDoctorCertified) {
      ASSERT_LE(days, 365);
      if (a.grade < 100) graded.insert(a.grade);
    }
  }
  EXPECT_GE(graded.size(), 3u) << "graded sick leave at several grades";
  for (const auto& e : w.employees) {
    ASSERT_FALSE(e.name.empty());
    ASSERT_FALSE(e.education.empty());
  }
  for (const auto& p : w.pay) {
    ASSERT_GT(p.annual_base_salary, 200000);
    ASSERT_LT(p.annual_base_salary, 2000000);
    ASSERT_GE(p.fixed_allowances, 0);
    ASSERT_LE(p.fixed_allowances, 60000);
  }
}

TEST(Generator, AgesStayBetween18And70) {
  const core::Workforce& w = Demo();
  for (const auto& p : w.periods) {
    const int birth = w.employees[At(EmployeeOf(w, p))].birth_year;
    const Date in_window = std::max(p.start, Date::FromYmd(kLastYear - 2, 1, 1));
    if (p.end && *p.end < in_window) continue;
    ASSERT_GE(in_window.year() - birth, 18);
    ASSERT_LE(p.end.value_or(Date::FromYmd(kLastYear, 12, 31)).year() - birth, 70);
  }
}

TEST(Generator, AbsencesLieWithinTheEmploymentAndTheWindow) {
  const core::Workforce& w = Demo();
  const Date first = Date::FromYmd(kLastYear - 2, 1, 1);
  const Date last = Date::FromYmd(kLastYear, 12, 31);
  std::vector<std::vector<const core::PositionPeriod*>> held(w.employees.size());
  for (const auto& p : w.periods) {
    if (p.employment != core::Employment::kHourly) held[At(EmployeeOf(w, p))].push_back(&p);
  }
  int without_position = 0;
  for (const auto& a : w.absences) {
    ASSERT_GE(a.end, first);
    ASSERT_LE(a.end, last);
    without_position += a.position < 0;
    for (Date d = a.start; d <= a.end; d = d.AddDays(1)) {
      const bool employed =
          std::any_of(held[At(a.employee)].begin(), held[At(a.employee)].end(),
                      [&](const core::PositionPeriod* p) {
                        return ActiveOn(*p, d) && (a.position < 0 || p->position == a.position);
                      });
      ASSERT_TRUE(employed) << w.employees[At(a.employee)].key << " is absent on " << d.ToIso()
                            << " without a position";
    }
  }
  EXPECT_GT(without_position, 0) << "some absences name no position";
  EXPECT_LT(without_position, static_cast<int>(w.absences.size()) / 3) << "most name one";
}

TEST(Generator, NothingIsDatedAfterTheWindow) {
  const core::Workforce& w = Demo();
  const Date last = Date::FromYmd(kLastYear, 12, 31);
  for (const auto& p : w.periods) {
    ASSERT_LE(p.start, last);
    if (p.end) {
      ASSERT_LE(*p.end, last);
    }
  }
  for (const auto& p : w.pay) ASSERT_LE(p.date, last);
  for (const auto& d : w.dialogues) ASSERT_LE(d.date, last);
  for (const auto& f : w.followup) ASSERT_LE(f.date, last);
}

TEST(Generator, KeysAreUniqueAndPseudonymous) {
  const core::Workforce& w = Demo();
  std::set<std::string> units, employees, positions;
  for (const auto& u : w.units) {
    ASSERT_TRUE(units.insert(u.key).second) << u.key;
    ASSERT_TRUE(std::all_of(u.key.begin(), u.key.end(), ::isdigit)) << u.key;
    ASSERT_FALSE(HasElevenDigitRun(u.key) || HasElevenDigitRun(u.name));
  }
  for (const auto& e : w.employees) {
    ASSERT_TRUE(employees.insert(e.key).second) << e.key;
    ASSERT_EQ(e.key[0], 'A');
    ASSERT_FALSE(HasElevenDigitRun(e.key) || HasElevenDigitRun(e.name));
  }
  for (const auto& p : w.positions) {
    ASSERT_TRUE(positions.insert(p.key).second) << p.key;
    ASSERT_EQ(p.key[0], 'P');
    ASSERT_FALSE(HasElevenDigitRun(p.key));
  }
  EXPECT_EQ(w.units[0].key, "1000");
}

TEST(Generator, UnitsHoldFifteenToSixtyStaffMostly) {
  const core::Workforce& w = Demo();
  const CoreStaff staff = CoreStaffOn(w, Date::FromYmd(kLastYear, 12, 31));
  // Core staff per unit, departments counted in their unit, by the position of largest percent.
  std::map<int32_t, int> per_unit;
  std::unordered_map<int32_t, const core::PositionPeriod*> main;
  for (const auto& p : w.periods) {
    if (!IsCore(p) || !ActiveOn(p, Date::FromYmd(kLastYear, 12, 31))) continue;
    const core::PositionPeriod*& m = main[EmployeeOf(w, p)];
    if (m == nullptr || p.percent > m->percent) m = &p;
  }
  for (const auto& [person, p] : main) {
    int32_t unit = p->unit;
    if (w.units[At(unit)].kind == "avdeling") unit = w.units[At(unit)].parent;
    ++per_unit[unit];
  }
  std::vector<int> sizes;
  for (const auto& [unit, n] : per_unit) {
    const std::string& kind = w.units[At(unit)].kind;
    if (kind != "kommune" && kind != "sektor") sizes.push_back(n);
  }
  std::sort(sizes.begin(), sizes.end());
  ASSERT_GT(sizes.size(), 50u);
  const int median = sizes[sizes.size() / 2];
  EXPECT_GE(median, 15);
  EXPECT_LE(median, 60);
  std::set<std::string> sectors;
  for (const auto& u : w.units) {
    if (u.kind == "sektor") sectors.insert(u.name);
  }
  EXPECT_EQ(sectors, (std::set<std::string>{"Administrasjon", "Helse og velferd", "Kultur",
                                            "Oppvekst og utdanning", "Teknisk"}));
  EXPECT_EQ(staff.people.size(), main.size());
}

// The figures of docs/demo-data.md, measured on 31 December of the last year, with ranges wide
// enough for a municipality of 3000.
TEST(Generator, LandsNearThePublishedNationalFigures) {
  const core::Workforce& w = Demo();
  const Date count = Date::FromYmd(kLastYear, 12, 31);
  const CoreStaff staff = CoreStaffOn(w, count);
  double women = 0, fulltime = 0, size = 0, temporary = 0, leaders = 0, women_leaders = 0;
  double aged_55 = 0;
  for (const auto& [person, p] : staff.people) {
    const core::Employee& e = w.employees[At(person)];
    const bool woman = e.gender == core::Gender::kWoman;
    women += woman;
    fulltime += p.size >= 100 - 1e-6;
    size += std::min(p.size, 100.0);
    temporary += !p.permanent;
    leaders += p.leader;
    women_leaders += p.leader && woman;
    aged_55 += kLastYear - e.birth_year >= 55;
  }
  const double n = static_cast<double>(staff.people.size());
  const CoreStaff before = CoreStaffOn(w, Date::FromYmd(kLastYear - 1, 12, 31));
  double left = 0;
  for (const auto& [person, p] : before.people) left += staff.people.count(person) == 0;
  const double turnover = 100 * left / static_cast<double>(before.people.size());
  const SickLeave year = SickLeaveBetween(w, Date::FromYmd(kLastYear, 1, 1), count);
  const SickLeave q1 =
      SickLeaveBetween(w, Date::FromYmd(kLastYear, 1, 1), Date::FromYmd(kLastYear, 3, 31));
  const SickLeave q3 =
      SickLeaveBetween(w, Date::FromYmd(kLastYear, 7, 1), Date::FromYmd(kLastYear, 9, 30));

  std::printf(
      "measured on %s: %.0f core staff; women %.1f %%, full-time %.1f %%, mean position %.1f %%, "
      "temporary %.1f %%, leaders %.1f %% (women %.1f %%), aged 55+ %.1f %%; turnover %.1f %%; "
      "sick leave %.2f %% (self-certified %.2f, doctor-certified %.2f; Q1 %.2f, Q3 %.2f)\n",
      count.ToIso().c_str(), n, 100 * women / n, 100 * fulltime / n, size / n, 100 * temporary / n,
      100 * leaders / n, 100 * women_leaders / leaders, 100 * aged_55 / n, turnover, year.total,
      year.self_certified, year.doctor_certified, q1.total, q3.total);

  EXPECT_NEAR(n, 3000, 300) << "headcount";
  EXPECT_GE(100 * women / n, 72);
  EXPECT_LE(100 * women / n, 82);
  EXPECT_GE(100 * fulltime / n, 55);
  EXPECT_LE(100 * fulltime / n, 67);
  EXPECT_GE(size / n, 80);
  EXPECT_LE(size / n, 88);
  EXPECT_GE(turnover, 9);
  EXPECT_LE(turnover, 18);
  EXPECT_GE(year.total, 6);
  EXPECT_LE(year.total, 10);
  EXPECT_GE(year.doctor_certified, 5.8) << "sick notes are split, not lost";
  EXPECT_LE(year.doctor_certified, 7.8);
  EXPECT_GE(year.self_certified, 0.7);
  EXPECT_LE(year.self_certified, 1.8);
  EXPECT_GT(q1.total, q3.total) << "more sick leave in winter";
  EXPECT_GE(100 * temporary / n, 6);
  EXPECT_LE(100 * temporary / n, 15);
  EXPECT_GE(100 * leaders / n, 3);
  EXPECT_LE(100 * leaders / n, 8);
  EXPECT_GE(100 * aged_55 / n, 18);
  EXPECT_LE(100 * aged_55 / n, 32);
}

// A person's sick rows joined into follow-up cases as DESIGN §10.1 joins them: in order of
// start, a row joins the case when it starts at most 16 days after the case's end.
struct SickCase {
  int32_t employee = -1;
  Date start, end;
  std::vector<const core::Absence*> rows;
  bool HasDoctorCertified() const {
    return std::any_of(rows.begin(), rows.end(), [](const core::Absence* a) {
      return a->type == core::AbsenceType::kDoctorCertified;
    });
  }
  int32_t Days() const { return end - start + 1; }
  // Day n of the case is start + (n − 1); fully absent when a row of grade 100 covers it.
  bool FullyAbsentOnDay(int n) const {
    const Date d = start.AddDays(n - 1);
    return std::any_of(rows.begin(), rows.end(), [&](const core::Absence* a) {
      return a->start <= d && d <= a->end && a->grade == 100;
    });
  }
};

std::vector<SickCase> SickCases(const core::Workforce& w) {
  std::vector<std::vector<const core::Absence*>> sick(w.employees.size());
  for (const auto& a : w.absences) {
    if (a.type != core::AbsenceType::kOther) sick[At(a.employee)].push_back(&a);
  }
  std::vector<SickCase> cases;
  for (auto& rows : sick) {
    std::stable_sort(rows.begin(), rows.end(), [](const core::Absence* a, const core::Absence* b) {
      return a->start < b->start;
    });
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i == 0 || rows[i]->start - cases.back().end - 1 > 16) {
        cases.push_back({rows[i]->employee, rows[i]->start, rows[i]->end, {}});
      }
      cases.back().end = std::max(cases.back().end, rows[i]->end);
      cases.back().rows.push_back(rows[i]);
    }
  }
  return cases;
}

const std::vector<SickCase>& DemoCases() {
  static const std::vector<SickCase> cases = SickCases(Demo());
  return cases;
}

int DoctorRows(const SickCase& c) {
  return static_cast<int>(std::count_if(c.rows.begin(), c.rows.end(), [](const core::Absence* a) {
    return a->type == core::AbsenceType::kDoctorCertified;
  }));
}

TEST(Generator, SickAbsencesOfOnePersonNeverOverlap) {
  for (const SickCase& c : DemoCases()) {
    for (size_t i = 1; i < c.rows.size(); ++i) {
      ASSERT_GT(c.rows[i]->start, c.rows[i - 1]->end) << Demo().employees[At(c.employee)].key;
    }
  }
}

// Real exports hold one row per sick note, renewed every few weeks (DESIGN §10.1).
TEST(Generator, LongSickLeaveIsAChainOfSickNotes) {
  double doctor_cases = 0, chains = 0, long_cases = 0, long_chains = 0, rows = 0;
  double joins = 0, contiguous = 0, short_gaps = 0, notes = 0, two_to_four_weeks = 0;
  for (const SickCase& c : DemoCases()) {
    if (!c.HasDoctorCertified()) continue;
    ++doctor_cases;
    rows += static_cast<double>(c.rows.size());
    chains += DoctorRows(c) > 1;
    if (c.Days() > 56) {
      ++long_cases;
      long_chains += DoctorRows(c) > 1;
    }
    for (size_t i = 0; i < c.rows.size(); ++i) {
      const core::Absence& a = *c.rows[i];
      if (a.type == core::AbsenceType::kDoctorCertified && DoctorRows(c) > 1) {
        ++notes;
        const int32_t days = a.end - a.start + 1;
        two_to_four_weeks += days >= 14 && days <= 28;
      }
      // Joins of two doctor's notes: those of one chain, and now and then two spells that met.
      if (i == 0 || a.type != core::AbsenceType::kDoctorCertified ||
          c.rows[i - 1]->type != core::AbsenceType::kDoctorCertified) {
        continue;
      }
      const int32_t gap = a.start - c.rows[i - 1]->end - 1;
      ++joins;
      contiguous += gap == 0;
      short_gaps += gap >= 1 && gap <= 5;
    }
  }
  std::printf(
      "%.0f cases with a doctor's note, %.2f rows each; %.1f %% with two notes or more "
      "(%.1f %% of those over 8 weeks); renewals: %.1f %% contiguous, %.1f %% after 1–5 days; "
      "%.1f %% of the notes of chains last 14–28 days\n",
      doctor_cases, rows / doctor_cases, 100 * chains / doctor_cases,
      100 * long_chains / long_cases, 100 * contiguous / joins, 100 * short_gaps / joins,
      100 * two_to_four_weeks / notes);
  ASSERT_GT(doctor_cases, 1000);
  EXPECT_GT(chains, 0.2 * doctor_cases) << "many cases hold several sick notes";
  EXPECT_GT(long_chains, 0.95 * long_cases) << "a note lasts at most six weeks";
  EXPECT_GT(contiguous, 0.9 * joins) << "a note mostly follows the one before directly";
  EXPECT_GT(short_gaps, 0.02 * joins) << "sometimes after a few days back at work";
  EXPECT_GT(two_to_four_weeks, 0.5 * notes) << "notes mostly run for two to four weeks";
}

TEST(Generator, EgenmeldingOftenComesBeforeTheDoctorsNote) {
  double doctor_cases = 0, self_first = 0;
  for (const SickCase& c : DemoCases()) {
    if (!c.HasDoctorCertified() || c.rows.size() < 2) {
      doctor_cases += c.HasDoctorCertified();
      continue;
    }
    ++doctor_cases;
    const core::Absence& a = *c.rows[0];
    const core::Absence& b = *c.rows[1];
    self_first += a.type == core::AbsenceType::kSelfCertified &&
                  b.type == core::AbsenceType::kDoctorCertified && b.start == a.end.AddDays(1);
  }
  EXPECT_NEAR(100 * self_first / doctor_cases, 30, 8)
      << "1–3 days of egenmelding, then the doctor's note from the next day";
}

TEST(Generator, GradesStepDownWithinChains) {
  int stepped_down = 0, from_full = 0, rose = 0;
  for (const SickCase& c : DemoCases()) {
    const core::Absence* before = nullptr;
    for (const core::Absence* a : c.rows) {
      if (a->type != core::AbsenceType::kDoctorCertified) continue;
      if (before != nullptr && a->grade < before->grade) {
        ++stepped_down;
        from_full += before->grade == 100;
      }
      if (before != nullptr && a->grade > before->grade) ++rose;
      before = a;
    }
  }
  EXPECT_GT(stepped_down, 100) << "gradual return: 100 → 60 → 40";
  EXPECT_GT(from_full, stepped_down / 3) << "often from full sick leave";
  EXPECT_LT(rose, stepped_down / 4) << "a grade rises only where two spells meet in one case";
}

// Deadlines count from the case start (arbeidsmiljøloven §4-6): plan by the 28th day, dialogue
// meeting 1 by the 49th when fully absent that day.
TEST(Generator, FollowUpEventsCountFromTheCaseStart) {
  const core::Workforce& w = Demo();
  std::vector<std::vector<const core::FollowupEvent*>> events(w.employees.size());
  for (const auto& f : w.followup) events[At(f.employee)].push_back(&f);
  const auto met = [&](const SickCase& c, core::FollowupKind kind, int day) {
    const Date deadline = c.start.AddDays(day - 1);
    const auto& of = events[At(c.employee)];
    return std::any_of(of.begin(), of.end(), [&](const core::FollowupEvent* f) {
      return f->kind == kind && c.start <= f->date && f->date <= deadline;
    });
  };
  double plan_due = 0, plan_met = 0, meeting_due = 0, meeting_met = 0, graded_on_49 = 0;
  double chained = 0;  // plans due whose first row ends before the 28th day
  std::vector<std::vector<std::pair<Date, Date>>> meeting_windows(w.employees.size());
  for (const SickCase& c : DemoCases()) {
    if (!c.HasDoctorCertified()) continue;
    if (c.Days() >= 28) {
      ++plan_due;
      plan_met += met(c, core::FollowupKind::kFollowupPlan, 28);
      chained += c.rows[0]->end < c.start.AddDays(27);
    }
    if (c.Days() >= 49) {
      if (c.FullyAbsentOnDay(49)) {
        ++meeting_due;
        meeting_met += met(c, core::FollowupKind::kDialogueMeeting1, 49);
        meeting_windows[At(c.employee)].emplace_back(c.start.AddDays(28), c.start.AddDays(79));
      } else {
        ++graded_on_49;
      }
    }
  }
  ASSERT_GT(plan_due, 100);
  EXPECT_GT(chained, 0.5 * plan_due) << "most cases of four weeks are chains of notes";
  EXPECT_NEAR(100 * plan_met / plan_due, 85, 8) << "follow-up plans by day 28 of the case";
  EXPECT_NEAR(100 * meeting_met / meeting_due, 80, 8) << "dialogue meeting 1 by day 49";
  EXPECT_GT(graded_on_49, 0.1 * (meeting_due + graded_on_49)) << "some are graded by day 49";
  for (const auto& f : w.followup) {
    if (f.kind != core::FollowupKind::kDialogueMeeting1) continue;
    const auto& windows = meeting_windows[At(f.employee)];
    EXPECT_TRUE(std::any_of(windows.begin(), windows.end(),
                            [&](const auto& s) { return s.first <= f.date && f.date <= s.second; }))
        << "dialogue meeting 1 only in a case fully absent on day 49, days 29–80: "
        << w.employees[At(f.employee)].key << " " << f.date.ToIso();
  }
}

TEST(Generator, SomeHoldTwoPositionsAndSomeLeaveAndComeBack) {
  const core::Workforce& w = Demo();
  const Date count = Date::FromYmd(kLastYear, 12, 31);
  std::unordered_map<int32_t, std::set<int32_t>> units_of;  // core units on the count date
  std::unordered_map<int32_t, int> core_positions;
  std::map<int32_t, std::vector<std::pair<Date, Date>>> spans;  // core periods by person
  for (const auto& p : w.periods) {
    if (!IsCore(p)) continue;
    const int32_t person = EmployeeOf(w, p);
    spans[person].emplace_back(p.start, p.end.value_or(count));
    if (ActiveOn(p, count)) {
      units_of[person].insert(p.unit);
      ++core_positions[person];
    }
  }
  int two = 0, two_units = 0;
  for (const auto& [person, n] : core_positions) {
    two += n > 1;
    two_units += units_of[person].size() > 1;
  }
  int came_back = 0;
  for (auto& [person, s] : spans) {
    std::sort(s.begin(), s.end());
    Date until = s.front().second;
    for (const auto& [from, to] : s) {
      if (from > until.AddDays(60)) {
        ++came_back;
        break;
      }
      until = std::max(until, to);
    }
  }
  const double n = static_cast<double>(core_positions.size());
  EXPECT_GT(two, 0.01 * n) << "some hold two core positions (60 + 40, 50 + 50 …)";
  EXPECT_LT(two, 0.10 * n);
  EXPECT_GT(two_units, 0) << "sometimes in different units";
  EXPECT_GT(came_back, 5) << "some leave and come back";
}

TEST(Generator, ScalesTheOrganisationWithTheNumberOfEmployees) {
  DemoOptions o;
  o.years = 1;
  o.employees = 300;
  const size_t small = GenerateWorkforce(o).units.size();
  o.employees = 3000;
  const size_t large = GenerateWorkforce(o).units.size();
  EXPECT_GT(large, 5 * small);
}

}  // namespace
}  // namespace agp::demo
