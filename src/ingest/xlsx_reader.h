// Reading the sheets of an .xlsx workbook (Office Open XML SpreadsheetML, ECMA-376 Part 1 §18) as
// tables of text, the way a CSV export of the sheet would have them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "ingest/table_reader.h"
#include "ingest/zip_archive.h"

namespace agp::ingest {

struct XlsxSharedParts;  // what a workbook's sheet readers share (defined in xlsx_reader.cpp)

// How much a workbook may unpack to (guards against zip and shared-strings bombs), documented in
// docs/import-format.md. A sheet of Excel's 1 048 576 rows and a dozen columns is about 500 MB
// of XML and 100 MB of text. Going over a limit is an error with the limit in its message:
// at open for the workbook and its small parts, at OpenSheet for a sheet's part, and as a
// problem of the reader (with the row and column) for a sheet's text.
struct XlsxLimits {
  uint64_t max_workbook_bytes = uint64_t{4} << 30;          // every part, unpacked
  uint64_t max_sheet_bytes = uint64_t{1} << 30;             // one sheet's XML, unpacked
  uint64_t max_shared_strings_bytes = uint64_t{256} << 20;  // xl/sharedStrings.xml, unpacked
  uint64_t max_other_part_bytes = uint64_t{16} << 20;       // workbook, relationships, styles
  // The text of the cells of one sheet, shared strings counted each time a cell uses one: a
  // 3 MB string in every cell is a few hundred kilobytes packed and gigabytes read.
  uint64_t max_sheet_text_bytes = uint64_t{256} << 20;
};

// A workbook: its sheet names and a TableReader per sheet.
//
// Cell values become UTF-8 text:
//   - strings (shared, inline, rich text runs joined, formula results) as they are;
//   - numbers in their shortest form that reads back to the same value, always in plain decimal
//     notation: "37.5", "100", "0.0000001" (never "1E-07");
//   - numbers whose cell format is a date (built-in formats 14–22, 27–36, 45–47, 50–58, or a
//     custom format with d or y, or with m but no h or s, outside quotes and brackets) as
//     "YYYY-MM-DD", in the workbook's date system (1900 or 1904); a time of day is dropped, and a
//     number that is no date there (Excel's 1900-02-29, serial 60) stays a number;
//   - booleans as "1" or "0", error values as their text ("#N/A").
// Row::line is the sheet's row number and Field::column the cell's column number (A = 1). Fields
// come in column order from column A with an empty field for each empty cell, so that data
// column N lines up with header column N. A row ends at its last cell with text (Excel also
// stores empty cells that only have a format); rows shorter than the first row (the header) are
// padded with empty fields to its width. Rows without text are skipped.
//
// Errors carry the workbook's name as their file; a sheet's problems carry "book.xlsx[sheet]"
// with the row and column. Messages are in Norwegian. Not thread-safe (the ZIP archive has one
// read position): open sheets from one thread at a time. A reader from OpenSheet() owns what it
// needs; it may be used on another thread and may outlive the workbook.
class XlsxWorkbook {
 public:
  // Opens the file at `path` (kept open while the workbook lives); messages name it by the last
  // part of `path`. kIo when it cannot be read; kInvalidInput when it is not a workbook or its
  // workbook-wide parts (workbook, relationships, shared strings, styles) are damaged.
  static core::Result<XlsxWorkbook> Open(const std::string& path, const XlsxLimits& limits = {});
  // Opens a workbook held in `bytes`; `name` is what messages call it.
  static core::Result<XlsxWorkbook> OpenBytes(std::string name, std::string bytes,
                                              const XlsxLimits& limits = {});

  XlsxWorkbook(XlsxWorkbook&&) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept;
  ~XlsxWorkbook();

  const std::string& name() const { return name_; }
  // The names of the sheets in workbook order (the order of the tabs), chart sheets included.
  const std::vector<std::string>& sheet_names() const { return sheet_names_; }

  // A reader over the rows of the sheet called `name` (compared exactly). kNotFound when there
  // is no such sheet; kInvalidInput when its part is missing from the archive or cannot be read.
  // Damage inside the sheet's rows (bad XML in a row, an out-of-range cell reference) does not
  // fail the call: it is reported through the reader's problems() with the row, and reading goes
  // on with the next row. The sheet's XML is unpacked whole and parsed a row at a time, so
  // memory is about the size of the sheet's XML, not several times that; a cell that shows a
  // shared string points into the one copy of it.
  core::Result<std::unique_ptr<TableReader>> OpenSheet(std::string_view name) const;

 private:
  XlsxWorkbook(std::string name, ZipArchive zip, const XlsxLimits& limits);
  static core::Result<XlsxWorkbook> FromArchive(std::string name, core::Result<ZipArchive> zip,
                                                const XlsxLimits& limits);
  core::Status Load();

  std::string name_;
  ZipArchive zip_;
  XlsxLimits limits_;
  std::vector<std::string> sheet_names_;
  std::vector<std::string> sheet_parts_;  // the ZIP entry of each sheet, "" when it has none
  std::shared_ptr<const XlsxSharedParts> shared_;  // strings, date styles, date system
};

// The date Excel's serial day number `serial` stands for, as "YYYY-MM-DD", or "" when there is
// none: before day 1, after 9999-12-31, not finite, or the 1900 system's serial 60, the
// 1900-02-29 that Excel counts (Lotus 1-2-3's leap-year bug). In the 1900 system serial 1 is
// 1900-01-01 and 61 is 1900-03-01; in the 1904 system (`date1904`) serial 0 is 1904-01-01.
// The fraction (the time of day) is dropped.
std::string ExcelSerialToIso(double serial, bool date1904);

}  // namespace agp::ingest
