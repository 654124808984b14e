// What the demo municipality is made of: jobs, sectors, kinds of unit, and the names it uses.
//
// The figures the generator must reproduce (women's share, full-time share, sick leave …) come
// from the national statistics cited in docs/demo-data.md. Job codes, titles, salaries per job
// and the shares inside each kind of unit are illustrative: plausible, not official.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace agp::demo {

// The weekly hours of a full-time position (collective agreements, FIGURES.md "Working time").
enum class Schedule : uint8_t {
  kDay,         // day work: 37.5 h
  kRota,        // rota (turnus): 35.5 h
  kContinuous,  // fully continuous rota (helkontinuerlig): 33.6 h
};
double WeeklyHours(Schedule schedule);

enum class JobId : uint8_t {
  kNurse,
  kSpecialistNurse,
  kHealthWorker,
  kCareAssistant,
  kSocialEducator,
  kSupportWorker,
  kPublicHealthNurse,
  kPhysiotherapist,
  kSocialWorker,
  kChildWelfareWorker,
  kLecturer,
  kTeacher,
  kPreschoolTeacher,
  kChildWorker,
  kAssistant,
  kLibrarian,
  kArtsTeacher,
  kEngineer,
  kCraftsman,
  kCaretaker,
  kCleaner,
  kCook,
  kFirefighter,
  kAdviser,
  kSeniorAdviser,
  kClerk,
  kItConsultant,
  kChiefExecutive,
  kSectorDirector,
  kUnitLeader,
  kPrincipal,
  kKindergartenDirector,
  kDepartmentLeader,
  kApprenticeHealth,
  kApprenticeChild,
  kApprenticeOther,
  kCount,
};

struct Job {
  std::string_view code;    // four digits, in the style of KS' stillingskoder (illustrative)
  std::string_view title;   // Norwegian job title
  double salary;            // annual base salary at 100 % in 2024, kroner
  double women;             // share of women among holders
  double fulltime_day;      // chance that a day-work holder works 100 % (before gender)
  double fulltime_rota;     // the same in rota work
  double exit;              // multiplier on the yearly chance of leaving (assistants move more)
  double fixed_allowances;  // typical fixed allowances a year at 100 %, kroner
  std::string_view education;
  bool leader;
  int min_age;  // youngest plausible age at hire
};

const Job& JobOf(JobId id);
// The job with this code; kCount when there is none.
JobId JobByCode(std::string_view code);

// A job and its share of a unit's staff.
struct JobShare {
  JobId job;
  double share;
};

struct UnitKind {
  std::string_view kind;  // the `kind` column: "sykehjem", "skole" …
  // Unit name; "{}" is replaced by a place name. Without "{}", the first unit of the kind takes
  // the name as it is and later ones get a number ("Barneverntjenesten 2").
  std::string_view name;
  double weight;               // share of the sector's staff in units of this kind
  int typical_staff;           // mean staff of one unit
  Schedule schedule;           // of its care or operational staff
  double continuous;           // share of rota slots that are fully continuous (33.6 h)
  JobId leader;                // the unit's leader
  std::vector<JobShare> jobs;  // the staff under the leader
  std::vector<std::string_view> departments;  // department names, when large units split
};

struct Sector {
  std::string_view name;  // unit name and `sector` column
  double share;           // share of all staff (FIGURES.md; docs/demo-data.md)
  double sick_leave;      // relative rate of sick leave (invented; about 1 on average)
  std::vector<UnitKind> kinds;
  JobId apprentice;         // the trade most of its apprentices learn
  double apprentice_share;  // share of all apprentices
};

const std::vector<Sector>& Sectors();

// Synthetic names: combined, they are not meant to match any real person or place.
std::string_view PlaceName(uint64_t i);  // "Solheim", "Nordli" … (a few hundred combinations)
std::string_view WomanName(uint64_t i);
std::string_view ManName(uint64_t i);
std::string_view Surname(uint64_t i);
uint64_t PlaceNameCount();

}  // namespace agp::demo
