// Writing XLSX workbooks with libxlsxwriter, as the report's workbook (xlsx.cpp) and the rota's
// (rota_export.cpp) are written: the formats they share, a worksheet writer that keeps the first
// error libxlsxwriter reports, and the file written beside its destination and renamed into
// place (output_file.h), so that a failed write leaves the old file (or none) where it was.
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace agp::report {

inline constexpr size_t kMaxCellBytes = 32767;  // bytes of text in one cell (Excel's limit)

// At most `bytes` bytes of `s`, cut before a character that would not fit whole.
std::string_view Utf8Cut(std::string_view s, size_t bytes);

// The formats the sheets share; owned by the workbook.
struct Formats {
  explicit Formats(lxw_workbook* wb);

  lxw_format* title;
  lxw_format* header;
  lxw_format* bold;
  lxw_format* wrap;
  std::array<lxw_format*, 4> decimals{};  // 0–3 decimals
};

// One worksheet being written. Remembers the first error libxlsxwriter reports in `error`, which
// the sheets of one workbook share.
class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* ws, const Formats& formats, lxw_error* error)
      : ws_(ws), formats_(formats), error_(error) {}

  // Text, cut to what a cell holds; empty text leaves the cell empty.
  void Text(lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* f = nullptr);
  // A number; none leaves the cell empty.
  void Number(lxw_row_t row, lxw_col_t col, std::optional<double> v, lxw_format* f = nullptr);
  void Boolean(lxw_row_t row, lxw_col_t col, bool v);
  // An empty cell that has a format (a shaded column's free day).
  void Blank(lxw_row_t row, lxw_col_t col, lxw_format* f);
  // A row of column headers.
  void Headers(lxw_row_t row, const std::vector<std::string>& names);
  // A filter on the table from `header_row` to `last_row`.
  void Filter(lxw_row_t header_row, lxw_row_t last_row, size_t columns);
  // Keeps the rows above `row` and the columns left of `col` in view while scrolling.
  void Freeze(lxw_row_t row, lxw_col_t col) { worksheet_freeze_panes(ws_, row, col); }
  void FreezeAbove(lxw_row_t row) { Freeze(row, 0); }
  void Widths(const std::vector<double>& widths, lxw_format* f = nullptr);

  const Formats& formats() const { return formats_; }
  lxw_worksheet* worksheet() const { return ws_; }

 protected:
  void Check(lxw_error e) {
    if (e != LXW_NO_ERROR && *error_ == LXW_NO_ERROR) *error_ = e;
  }

 private:
  lxw_worksheet* ws_;
  const Formats& formats_;
  lxw_error* error_;
};

// Writes the workbook that `fill` fills (returning the first error it met, LXW_NO_ERROR when
// none) to `path`, through a file beside it that is renamed into place. kIo, naming `path`, when
// the file cannot be written; nothing is left behind then.
core::Status WriteWorkbook(const std::string& path,
                           const std::function<lxw_error(lxw_workbook*)>& fill);

}  // namespace agp::report
