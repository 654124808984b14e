// Reading the sheets of an .xlsx workbook (Office Open XML, ECMA-376) as tables of text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "ingest/table_reader.h"
#include "ingest/zip_archive.h"

namespace agp::ingest {

// A workbook: its sheet names and a TableReader per sheet. Cells come as text the way a CSV export
// would write them: strings as they are, numbers in their shortest form ("37.5", "100"), booleans
// as "1"/"0", and cells whose style is a date format as "YYYY-MM-DD" (1900 and 1904 date systems).
// Row::line is the sheet's row number and Field::column the cell's column number (A = 1); empty
// cells inside a row are empty fields, and rows are padded to the width of the first row (the
// header), since spreadsheets do not store trailing empty cells.
class XlsxWorkbook {
 public:
  static core::Result<XlsxWorkbook> Open(const std::string& path);
  static core::Result<XlsxWorkbook> OpenBytes(std::string name, std::string bytes);

  XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept = default;

  // In workbook order.
  const std::vector<std::string>& sheet_names() const { return sheet_names_; }
  // Parses the sheet now; the reader owns what it needs and may outlive the workbook.
  core::Result<std::unique_ptr<TableReader>> OpenSheet(std::string_view name) const;

 private:
  XlsxWorkbook(std::string name, ZipArchive zip) : name_(std::move(name)), zip_(std::move(zip)) {}
  core::Status Load();

  std::string name_;
  ZipArchive zip_;
  std::vector<std::string> sheet_names_;
  std::vector<std::string> sheet_parts_;  // zip entry of each sheet
  std::shared_ptr<const std::vector<std::string>> shared_strings_;
  std::shared_ptr<const std::vector<bool>> date_styles_;  // per cellXfs index
  bool date1904_ = false;
};

// The text Excel's serial day number `serial` stands for, "YYYY-MM-DD", or "" when out of range.
std::string ExcelSerialToIso(double serial, bool date1904);

}  // namespace agp::ingest
