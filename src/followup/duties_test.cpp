// The worklist's rules one at a time, on records built in code (the full hand-worked cases are in
// tests/cases/followup/).
#include "followup/duties.h"

#include <gtest/gtest.h>

#include "followup/dialogues_due.h"

namespace agp::followup {
namespace {

using core::Date;

// One unit tree R > A, B; everyone 100 % fast in A from 2020 unless a test moves them.
core::Workforce Base(int people) {
  core::Workforce w;
  w.units = {{"R", -1, "R", "", ""}, {"A", 0, "A", "", ""}, {"B", 0, "B", "", ""}};
  for (int i = 0; i < people; ++i) {
    core::Employee e;
    e.key = "E" + std::to_string(i + 1);
    e.gender = core::Gender::kWoman;
    e.birth_year = 1980;
    w.employees.push_back(e);
    w.positions.push_back({"S" + std::to_string(i + 1), i});
    core::PositionPeriod p;
    p.position = i;
    p.unit = 1;
    p.start = Date::FromYmd(2020, 1, 1);
    p.percent = 100;
    p.employment = core::Employment::kPermanent;
    w.periods.push_back(p);
  }
  return w;
}

void Sick(core::Workforce& w, int32_t e, Date from, Date to, uint8_t grade = 100,
          core::AbsenceType type = core::AbsenceType::kDoctorCertified) {
  core::Absence a;
  a.employee = e;
  a.type = type;
  a.grade = grade;
  a.start = from;
  a.end = to;
  w.absences.push_back(a);
}

Worklist List(const core::Workforce& w, Date day, int32_t unit = -1) {
  const metrics::FollowupIndex index(w);
  return BuildWorklist(w, index, day, DutyRules{},
                       unit < 0 ? std::vector<int32_t>{} : std::vector<int32_t>{unit});
}

TEST(Worklist, ASickNoteRenewedAfterTheGapLimitStartsANewCase) {
  core::Workforce w = Base(1);
  Sick(w, 0, Date::FromYmd(2024, 1, 1), Date::FromYmd(2024, 1, 10));
  // 17 days between: a new case, whose plan is due on its own 28th day.
  Sick(w, 0, Date::FromYmd(2024, 1, 28), Date::FromYmd(2024, 3, 31));
  const Worklist list = List(w, Date::FromYmd(2024, 2, 20));
  ASSERT_EQ(list.duties.size(), 1u);
  EXPECT_EQ(list.duties[0].case_start, Date::FromYmd(2024, 1, 28));
  EXPECT_EQ(list.duties[0].due, Date::FromYmd(2024, 2, 24));

  // 16 days between: one case from 1 January.
  w.absences[1].start = Date::FromYmd(2024, 1, 27);
  const Worklist joined = List(w, Date::FromYmd(2024, 2, 20));
  ASSERT_EQ(joined.duties.size(), 2u);
  EXPECT_EQ(joined.duties[0].case_start, Date::FromYmd(2024, 1, 1));
  EXPECT_EQ(joined.duties[0].due, Date::FromYmd(2024, 1, 28));
  EXPECT_EQ(joined.duties[0].status, DutyStatus::kOverdue);
}

TEST(Worklist, ADutyIsListedFourteenDaysAheadAndAYearBack) {
  core::Workforce w = Base(1);
  Sick(w, 0, Date::FromYmd(2024, 3, 1), Date::FromYmd(2024, 3, 31));  // plan due 28 March
  EXPECT_TRUE(List(w, Date::FromYmd(2024, 3, 13)).duties.empty());
  ASSERT_EQ(List(w, Date::FromYmd(2024, 3, 14)).duties.size(), 1u);
  EXPECT_EQ(List(w, Date::FromYmd(2024, 3, 14)).duties[0].status, DutyStatus::kDue);
  EXPECT_EQ(List(w, Date::FromYmd(2024, 3, 29)).duties[0].status, DutyStatus::kOverdue);
  ASSERT_EQ(List(w, Date::FromYmd(2025, 3, 28)).duties.size(), 1u);  // 2024 is a leap year
  EXPECT_TRUE(List(w, Date::FromYmd(2025, 3, 29)).duties.empty());
}

TEST(Worklist, AnEventRecordedInTheAppCountsAndSaysSo) {
  core::Workforce w = Base(1);
  Sick(w, 0, Date::FromYmd(2024, 3, 1), Date::FromYmd(2024, 3, 31));
  core::FollowupEvent ev{0, core::FollowupKind::kFollowupPlan, Date::FromYmd(2024, 3, 29)};
  ev.recorded_in_app = true;
  w.followup.push_back(ev);
  const Worklist list = List(w, Date::FromYmd(2024, 4, 2));
  ASSERT_EQ(list.duties.size(), 1u);
  EXPECT_EQ(list.duties[0].status, DutyStatus::kLate);
  EXPECT_TRUE(list.duties[0].done_in_app);
  EXPECT_EQ(list.duties[0].done, Date::FromYmd(2024, 3, 29));
}

TEST(Worklist, AMeetingHeldOutranksAnEarlierUnnecessary) {
  core::Workforce w = Base(1);
  Sick(w, 0, Date::FromYmd(2024, 3, 1), Date::FromYmd(2024, 5, 31));
  core::FollowupEvent waived{0, core::FollowupKind::kDialogueMeeting1, Date::FromYmd(2024, 4, 1)};
  waived.recorded_in_app = waived.unnecessary = true;
  w.followup.push_back(waived);
  Worklist list = List(w, Date::FromYmd(2024, 4, 25));
  ASSERT_EQ(list.duties.size(), 2u);
  EXPECT_EQ(list.duties[1].duty, DutyKind::kDialogueMeeting1);
  EXPECT_EQ(list.duties[1].status, DutyStatus::kUnnecessary);
  EXPECT_FALSE(list.duties[1].done.has_value());
  w.followup.push_back({0, core::FollowupKind::kDialogueMeeting1, Date::FromYmd(2024, 4, 10)});
  list = List(w, Date::FromYmd(2024, 4, 25));
  EXPECT_EQ(list.duties[1].status, DutyStatus::kDone);
}

TEST(Worklist, TheUnitIsWhereTheRowCoveringTheDueDayPoints) {
  core::Workforce w = Base(1);
  // A second position in B; the note covering day 28 names it.
  w.positions.push_back({"S9", 0});
  core::PositionPeriod p = w.periods[0];
  p.position = 1;
  p.unit = 2;
  p.percent = 20;
  w.periods.push_back(p);
  Sick(w, 0, Date::FromYmd(2024, 3, 1), Date::FromYmd(2024, 3, 14));
  w.absences.back().position = 0;
  Sick(w, 0, Date::FromYmd(2024, 3, 15), Date::FromYmd(2024, 4, 30));
  w.absences.back().position = 1;
  const Worklist list = List(w, Date::FromYmd(2024, 3, 20));
  ASSERT_EQ(list.duties.size(), 1u);
  EXPECT_EQ(list.duties[0].unit, 2);
  EXPECT_EQ(List(w, Date::FromYmd(2024, 3, 20), 2).duties.size(), 1u);
  EXPECT_TRUE(List(w, Date::FromYmd(2024, 3, 20), 1).duties.empty());
  // Without a position: the main position's unit (A).
  w.absences.back().position = -1;
  EXPECT_EQ(List(w, Date::FromYmd(2024, 3, 20)).duties[0].unit, 1);
}

TEST(DialoguesDue, MoreThanAYearSinceTheLastOrAYearInServiceWithNone) {
  core::Workforce w = Base(4);
  w.periods[3].start = Date::FromYmd(2023, 6, 2);  // E4 hired 2 June 2023
  const Date day = Date::FromYmd(2024, 6, 1);
  w.dialogues = {{0, Date::FromYmd(2023, 6, 2)},   // 365 days before: not more than a year
                 {1, Date::FromYmd(2023, 6, 1)},   // 366 days: due
                 {1, Date::FromYmd(2022, 5, 1)}};  // an older one does not matter
  const metrics::FollowupIndex index(w);
  const std::vector<DialogueDue> due = DialoguesDue(w, index, day, {});
  // E2 (366 days), E3 (never, in service since 2020); E4 (never, 365 days in service).
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(w.employees[due[0].employee].key, "E3");  // none comes first
  EXPECT_EQ(w.employees[due[1].employee].key, "E4");
  EXPECT_EQ(w.employees[due[2].employee].key, "E2");
  EXPECT_EQ(due[2].last, Date::FromYmd(2023, 6, 1));
  EXPECT_TRUE(DialoguesDue(w, index, day, {2}).empty());  // nobody in B
  EXPECT_EQ(DialoguesDue(w, index, Date::FromYmd(2024, 5, 31), {}).size(), 1u);
}

}  // namespace
}  // namespace agp::followup
