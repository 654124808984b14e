// The files and columns of a workforce package: the contract of DESIGN.md §3, as data.
#pragma once

#include <optional>
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
