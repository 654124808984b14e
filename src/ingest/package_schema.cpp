#include "ingest/package_schema.h"

#include <algorithm>
#include <cctype>

namespace agp::ingest {

const std::vector<FileSpec>& PackageFiles() {
  static const std::vector<FileSpec> kFiles = {
      {FileKind::kUnits,
       "units",
       false,
       {{"unit_id", true},
        {"parent_id", false},
        {"name", true},
        {"sector", false},
        {"kind", false}}},
      {FileKind::kEmployees,
       "employees",
       false,
       {{"employee_id", true},
        {"name", false},
        {"gender", true},
        {"birth_year", true},
        {"education", false}}},
      {FileKind::kPositions,
       "positions",
       false,
       {{"position_id", true},
        {"employee_id", true},
        {"unit_id", true},
        {"start_date", true},
        {"end_date", false},
        {"percent", true},
        {"employment", true},
        {"job_code", false},
        {"job_title", false},
        {"leader", false},
        {"fulltime_hours", false},
        {"end_reason", false}}},
      {FileKind::kAbsence,
       "absence",
       false,
       {{"employee_id", true},
        {"position_id", false},
        {"type", true},
        {"start_date", true},
        {"end_date", true},
        {"grade", false}}},
      {FileKind::kPay,
       "pay",
       true,
       {{"employee_id", true},
        {"date", true},
        {"annual_base_salary", true},
        {"fixed_allowances", false}}},
      {FileKind::kDialogues, "dialogues", true, {{"employee_id", true}, {"date", true}}},
      {FileKind::kFollowup,
       "followup",
       true,
       {{"employee_id", true}, {"event", true}, {"date", true}}},
  };
  return kFiles;
}

const FileSpec& Spec(FileKind kind) { return PackageFiles()[static_cast<size_t>(kind)]; }

const FileSpec* FindSpec(std::string_view stem) {
  for (const FileSpec& f : PackageFiles()) {
    if (f.name.size() == stem.size() &&
        std::equal(f.name.begin(), f.name.end(), stem.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      return &f;
    }
  }
  return nullptr;
}

namespace {

// The length of the allowed key character at key[i], 0 when there is none there.
size_t KeyCharAt(std::string_view key, size_t i, bool first) {
  const char c = key[i];
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return 1;
  if (!first && (c == '-' || c == '_' || c == '.')) return 1;
  for (std::string_view letter : {"æ", "ø", "å", "Æ", "Ø", "Å"}) {
    if (key.substr(i, letter.size()) == letter) return letter.size();
  }
  return 0;
}

}  // namespace

std::string KeyProblem(std::string_view key) {
  size_t chars = 0;
  for (size_t i = 0; i < key.size(); ++chars) {
    const size_t n = KeyCharAt(key, i, i == 0);
    if (n == 0) {
      return i == 0 && KeyCharAt(key, i, false) > 0
                 ? "må begynne med en bokstav eller et siffer"
                 : "kan bare ha bokstavene a–z, æ, ø, å (store eller små), sifre og - _ .";
    }
    i += n;
  }
  if (chars > kMaxKeyChars) return "er lengre enn " + std::to_string(kMaxKeyChars) + " tegn";
  return "";
}

}  // namespace agp::ingest
