#include "core/records.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace agp::core {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view code) {
  for (const auto& [name, value] : table) {
    if (EqualsIgnoreCase(name, code)) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<std::string_view, Employment>, 5> kEmployment = {{
    {"fast", Employment::kPermanent},
    {"midlertidig", Employment::kTemporary},
    {"vikar", Employment::kSubstitute},
    {"laerling", Employment::kApprentice},
    {"timelonnet", Employment::kHourly},
}};

constexpr std::array<std::pair<std::string_view, EndReason>, 8> kEndReason = {{
    {"egen_oppsigelse", EndReason::kResigned},
    {"pensjon_alder", EndReason::kRetiredAge},
    {"afp", EndReason::kEarlyRetirement},
    {"ufore", EndReason::kDisability},
    {"oppsigelse", EndReason::kDismissed},
    {"dodsfall", EndReason::kDeath},
    {"midlertidig_utlopt", EndReason::kTemporaryEnded},
    {"annet", EndReason::kOther},
}};

constexpr std::array<std::pair<std::string_view, FollowupKind>, 3> kFollowup = {{
    {"oppfolgingsplan", FollowupKind::kFollowupPlan},
    {"dialogmote1", FollowupKind::kDialogueMeeting1},
    {"dialogmote2", FollowupKind::kDialogueMeeting2},
}};

constexpr std::array<std::pair<std::string_view, Gender>, 6> kGender = {{
    {"K", Gender::kWoman},
    {"M", Gender::kMan},
    {"X", Gender::kOther},
    {"kvinne", Gender::kWoman},
    {"mann", Gender::kMan},
    {"F", Gender::kWoman},
}};

}  // namespace

std::string_view ToCode(Gender g) {
  switch (g) {
    case Gender::kWoman:
      return "K";
    case Gender::kMan:
      return "M";
    case Gender::kOther:
      return "X";
  }
  return "X";
}

std::string_view ToCode(Employment e) {
  for (const auto& [name, value] : kEmployment) {
    if (value == e) return name;
  }
  return "";
}

std::string_view ToCode(AbsenceType t) {
  switch (t) {
    case AbsenceType::kSelfCertified:
      return "egenmeldt";
    case AbsenceType::kDoctorCertified:
      return "legemeldt";
    case AbsenceType::kOther:
      return "";
  }
  return "";
}

std::string_view ToCode(EndReason r) {
  for (const auto& [name, value] : kEndReason) {
    if (value == r) return name;
  }
  return "";
}

std::string_view ToCode(FollowupKind k) {
  for (const auto& [name, value] : kFollowup) {
    if (value == k) return name;
  }
  return "";
}

std::optional<Gender> ParseGender(std::string_view code) { return Lookup(kGender, code); }
std::optional<Employment> ParseEmployment(std::string_view code) {
  return Lookup(kEmployment, code);
}
std::optional<EndReason> ParseEndReason(std::string_view code) { return Lookup(kEndReason, code); }
std::optional<FollowupKind> ParseFollowupKind(std::string_view code) {
  return Lookup(kFollowup, code);
}

}  // namespace agp::core
