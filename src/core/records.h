// The workforce records of DESIGN.md §3, as validated values.
//
// Records refer to each other by index into the vectors of one Workforce (int32_t, -1 for none),
// not by their external keys: a national package holds millions of absence rows, and an index is
// 4 bytes where a key string is 32. The external keys (`unit_id`, `employee_id`, `position_id`)
// are kept once, on the record they identify.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace agp::core {

enum class Gender : uint8_t { kWoman, kMan, kOther };  // K, M, X

enum class Employment : uint8_t {
  kPermanent,   // fast
  kTemporary,   // midlertidig
  kSubstitute,  // vikar
  kApprentice,  // laerling
  kHourly,      // timelonnet
};

enum class AbsenceType : uint8_t {
  kSelfCertified,    // egenmeldt: sick leave
  kDoctorCertified,  // legemeldt: sick leave
  kOther,            // any other type: kept, but not sick leave
};

enum class EndReason : uint8_t {
  kNone,
  kResigned,         // egen_oppsigelse
  kRetiredAge,       // pensjon_alder
  kEarlyRetirement,  // afp
  kDisability,       // ufore
  kDismissed,        // oppsigelse
  kDeath,            // dodsfall
  kTemporaryEnded,   // midlertidig_utlopt
  kOther,            // annet
};

enum class FollowupKind : uint8_t {
  kFollowupPlan,      // oppfolgingsplan (arbeidsmiljøloven § 4-6 (3))
  kDialogueMeeting1,  // dialogmote1 (arbeidsmiljøloven § 4-6 (4))
  kDialogueMeeting2,  // dialogmote2 (folketrygdloven § 8-7 a)
};

// The package's spelling of each code ("fast", "legemeldt" …): used by readers and writers.
std::string_view ToCode(Gender g);
std::string_view ToCode(Employment e);
std::string_view ToCode(AbsenceType t);
std::string_view ToCode(EndReason r);  // "" for kNone
std::string_view ToCode(FollowupKind k);
std::optional<Gender> ParseGender(std::string_view code);  // K/M/X, kvinne/mann, F; any case
std::optional<Employment> ParseEmployment(std::string_view code);
std::optional<EndReason> ParseEndReason(std::string_view code);
std::optional<FollowupKind> ParseFollowupKind(std::string_view code);

struct Unit {
  std::string key;      // unit_id
  int32_t parent = -1;  // index into Workforce::units; -1 for the root
  std::string name;
  std::string sector;
  std::string kind;
};

struct Employee {
  std::string key;  // employee_id (pseudonymous)
  std::string name;
  Gender gender = Gender::kOther;
  int birth_year = 0;
  std::string education;
};

// One position (stilling). Its attributes over time are PositionPeriod rows.
struct Position {
  std::string key;  // position_id
  int32_t employee = -1;
};

// One period of constant attributes of a position; periods of one position do not overlap.
struct PositionPeriod {
  int32_t position = -1;
  int32_t unit = -1;
  Date start;
  std::optional<Date> end;  // inclusive; nullopt while ongoing
  double percent = 0;       // 0 < percent <= 100
  Employment employment = Employment::kPermanent;
  bool leader = false;
  std::optional<double> fulltime_hours;  // hours a week at 100 %, e.g. 37.5, 35.5, 33.6
  EndReason end_reason = EndReason::kNone;
  std::string job_code;
  std::string job_title;
};

struct Absence {
  int32_t employee = -1;
  int32_t position = -1;  // -1: every position of the person active that day
  AbsenceType type = AbsenceType::kOther;
  uint8_t grade = 100;  // percent, 20..100; always 100 for egenmeldt
  Date start;
  Date end;                 // inclusive
  int32_t other_type = -1;  // for kOther: index into Workforce::other_absence_types
};

struct PayRecord {
  int32_t employee = -1;
  Date date;
  double annual_base_salary = 0;  // kroner a year at 100 %
  double fixed_allowances = 0;    // kroner a year at 100 %
};

struct Dialogue {
  int32_t employee = -1;
  Date date;
};

struct FollowupEvent {
  int32_t employee = -1;
  FollowupKind kind = FollowupKind::kFollowupPlan;
  Date date;
  // Recorded in agp by a leader or HR (DESIGN §10.2), not imported: kept apart from followup.csv
  // and never removed by a re-import. The store merges these in when it loads the workforce.
  bool recorded_in_app = false;
  // "Åpenbart unødvendig" recorded for the duty instead of doing it (arbeidsmiljøloven § 4-6 (3)
  // and (4) allow it); only from the app, always with a reason.
  bool unnecessary = false;
};

// The optional files of a package; a package that lacks one leaves those records as they are.
struct OptionalParts {
  bool pay = false;
  bool dialogues = false;
  bool followup = false;
};

// A whole workforce package after validation, or a generated one.
struct Workforce {
  std::vector<Unit> units;
  std::vector<Employee> employees;
  std::vector<Position> positions;
  std::vector<PositionPeriod> periods;
  std::vector<Absence> absences;
  std::vector<PayRecord> pay;
  std::vector<Dialogue> dialogues;
  std::vector<FollowupEvent> followup;
  std::vector<std::string> other_absence_types;  // the spelling of each non-sick-leave type
  OptionalParts present;                         // which optional files the package had
};

}  // namespace agp::core
