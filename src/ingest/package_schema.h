// The files and columns of a workforce package: the contract of DESIGN.md §3, as data.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agp::ingest {

enum class FileKind { kUnits, kEmployees, kPositions, kAbsence, kPay, kDialogues, kFollowup };

struct ColumnSpec {
  std::string_view name;
  bool required;
};

struct FileSpec {
  FileKind kind;
  std::string_view name;  // without extension: "units" is units.csv or the sheet "units"
  bool optional;
  std::vector<ColumnSpec> columns;  // in §3 order; validators index them by position
};

// Every file of the contract, in the order they are read (each refers only to earlier ones).
const std::vector<FileSpec>& PackageFiles();
const FileSpec& Spec(FileKind kind);
// The spec whose name equals `stem` ignoring case, if any.
const FileSpec* FindSpec(std::string_view stem);

// The longest value a field of a package may hold, in characters (UTF-8 code points). Every
// value of §3 is a key, a code, a number, a date or a short name; a longer field is refused (it
// is what a spreadsheet bomb looks like).
constexpr size_t kMaxFieldChars = 4096;

// The key of a unit, an employee or a position (unit_id, employee_id, position_id): 1 to
// kMaxKeyChars characters, each an ASCII letter or digit, one of æ ø å Æ Ø Å, or "-", "_" or
// ".", the first a letter or digit. Keys stand in web addresses, file names, the CLI's
// arguments and spreadsheet cells, so none of /, %, ", space, line breaks or a leading = + - @
// (a formula to a spreadsheet program) can be in one.
constexpr size_t kMaxKeyChars = 64;
// Why `key` is not a valid key, in Norwegian ("" when it is): for the message after
// "unit_id «…» ".
std::string KeyProblem(std::string_view key);

// Column positions within each FileSpec::columns.
namespace col {
enum Units { kUnitId, kParentId, kUnitName, kSector, kKind };
enum Employees { kEmployeeId, kName, kGender, kBirthYear, kEducation };
enum Positions {
  kPositionId,
  kPosEmployeeId,
  kPosUnitId,
  kStartDate,
  kEndDate,
  kPercent,
  kEmployment,
  kJobCode,
  kJobTitle,
  kLeader,
  kFulltimeHours,
  kEndReason
};
enum Absence { kAbsEmployeeId, kAbsPositionId, kType, kAbsStartDate, kAbsEndDate, kGrade };
enum Pay { kPayEmployeeId, kPayDate, kAnnualBaseSalary, kFixedAllowances };
enum Dialogues { kDlgEmployeeId, kDlgDate };
enum Followup { kFupEmployeeId, kEvent, kFupDate };
}  // namespace col

}  // namespace agp::ingest
