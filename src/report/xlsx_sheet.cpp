// The worksheet writer and the workbook's file (see xlsx_sheet.h).
#include "report/xlsx_sheet.h"

#include <algorithm>

#include "report/output_file.h"

namespace agp::report {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string_view Utf8Cut(std::string_view s, size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && IsContinuation(s[bytes])) --bytes;
  return s.substr(0, bytes);
}

Formats::Formats(lxw_workbook* wb) {
  title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(header, 0xDDE4EE);
  format_set_bottom(header, LXW_BORDER_THIN);
  bold = workbook_add_format(wb);
  format_set_bold(bold);
  wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  const char* patterns[] = {"0", "0.0", "0.00", "0.000"};
  for (size_t d = 0; d < decimals.size(); ++d) {
    decimals[d] = workbook_add_format(wb);
    format_set_num_format(decimals[d], patterns[d]);
  }
}

void SheetWriter::Text(lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* f) {
  if (text.empty()) return;
  Check(
      worksheet_write_string(ws_, row, col, std::string(Utf8Cut(text, kMaxCellBytes)).c_str(), f));
}

void SheetWriter::Number(lxw_row_t row, lxw_col_t col, std::optional<double> v, lxw_format* f) {
  if (v) Check(worksheet_write_number(ws_, row, col, *v, f));
}

void SheetWriter::Boolean(lxw_row_t row, lxw_col_t col, bool v) {
  Check(worksheet_write_boolean(ws_, row, col, v ? 1 : 0, nullptr));
}

void SheetWriter::Blank(lxw_row_t row, lxw_col_t col, lxw_format* f) {
  Check(worksheet_write_blank(ws_, row, col, f));
}

void SheetWriter::Headers(lxw_row_t row, const std::vector<std::string>& names) {
  for (size_t c = 0; c < names.size(); ++c) {
    Text(row, static_cast<lxw_col_t>(c), names[c], formats_.header);
  }
}

void SheetWriter::Filter(lxw_row_t header_row, lxw_row_t last_row, size_t columns) {
  Check(worksheet_autofilter(ws_, header_row, 0, std::max(header_row, last_row),
                             static_cast<lxw_col_t>(columns - 1)));
}

void SheetWriter::Widths(const std::vector<double>& widths, lxw_format* f) {
  for (size_t c = 0; c < widths.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    Check(worksheet_set_column(ws_, col, col, widths[c], f));
  }
}

core::Status WriteWorkbook(const std::string& path,
                           const std::function<lxw_error(lxw_workbook*)>& fill) {
  auto fail = [&](const std::string& why) {
    return core::Error(core::ErrorCode::kIo, path + ": " + why);
  };
  auto file = PendingFile::Create(path);
  if (!file.ok()) return file.error();
  lxw_workbook* wb = workbook_new(file->path().c_str());
  if (wb == nullptr) return fail(lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
  const lxw_error filled = fill(wb);
  const lxw_error closed = workbook_close(wb);  // writes the file and frees the workbook
  if (filled != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
    return fail(lxw_strerror(filled != LXW_NO_ERROR ? filled : closed));
  }
  return file->Commit();
}

}  // namespace agp::report
