#include "ingest/xlsx_reader.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include "core/date.h"

namespace agp::ingest {
namespace {

using core::Error;
using core::ErrorCode;

// Entities are expanded; comments, PIs and the DOCTYPE are skipped.
constexpr unsigned kXmlFlags = pugi::parse_default;

core::Result<std::unique_ptr<pugi::xml_document>> ParseXml(const ZipArchive& zip,
                                                           const std::string& entry,
                                                           const std::string& workbook) {
  auto bytes = zip.Read(entry);
  if (!bytes.ok()) return bytes.error();
  auto doc = std::make_unique<pugi::xml_document>();
  const pugi::xml_parse_result parsed = doc->load_buffer(bytes->data(), bytes->size(), kXmlFlags);
  if (!parsed) {
    return Error(ErrorCode::kInvalidInput,
                 std::string("arbeidsboken er skadet: ") + entry + ": " + parsed.description(),
                 {workbook});
  }
  return doc;
}

// "xl/" + target, or target without its leading "/" when absolute.
std::string PartPath(std::string_view target) {
  if (!target.empty() && target[0] == '/') return std::string(target.substr(1));
  std::string path = "xl/" + std::string(target);
  // Resolve "xl/../x" forms written by some tools.
  if (path.rfind("xl/../", 0) == 0) path = path.substr(6);
  return path;
}

// Built-in number formats that are dates (ECMA-376 Part 1, 18.8.30, and Excel's locale ids).
bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom format code is a date when it has d, m or y outside quotes and brackets ("dd.mm.yyyy",
// "[$-414]d. mmmm yyyy"); "0.00", "# ##0" and "[Red]0" are not.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (c == '[')
      bracket = true;
    else if (c == ']')
      bracket = false;
    else if (bracket)
      continue;
    else if (c == '\\' || c == '_' || c == '*')
      ++i;  // the next character is literal
    else if (std::strchr("dDmMyY", c) != nullptr)
      return true;
  }
  return false;
}

// Column number of a cell reference ("C14" → 3); 0 when there is none.
int ColumnOf(std::string_view ref) {
  int col = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + (c - 'A' + 1);
      if (col > 16384) return 0;
    } else {
      break;
    }
  }
  return col;
}

// All text of a rich or plain string item (<si> or <is>): <t> directly or inside <r> runs.
std::string ItemText(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node child : item.children()) {
    const std::string_view name = child.name();
    if (name == "t") {
      out += child.text().get();
    } else if (name == "r") {
      out += child.child("t").text().get();
    }
  }
  return out;
}

class SheetReader final : public TableReader {
 public:
  SheetReader(std::string name, std::unique_ptr<pugi::xml_document> doc,
              std::shared_ptr<const std::vector<std::string>> strings,
              std::shared_ptr<const std::vector<bool>> date_styles, bool date1904)
      : name_(std::move(name)),
        doc_(std::move(doc)),
        strings_(std::move(strings)),
        date_styles_(std::move(date_styles)),
        date1904_(date1904) {
    pugi::xml_node data = doc_->child("worksheet").child("sheetData");
    for (pugi::xml_node r = data.child("row"); r; r = r.next_sibling("row")) ++total_;
    next_ = data.child("row");
  }

  bool Next(Row* row) override {
    while (next_) {
      const pugi::xml_node r = next_;
      next_ = next_.next_sibling("row");
      ++done_;
      const int number = r.attribute("r").as_int(last_line_ + 1);
      last_line_ = number;
      cells_.clear();
      bool any = false;
      for (pugi::xml_node c = r.child("c"); c; c = c.next_sibling("c")) {
        int col = ColumnOf(c.attribute("r").value());
        if (col == 0) col = static_cast<int>(cells_.size()) + 1;
        if (col < static_cast<int>(cells_.size()) + 1) {
          problems_.emplace_back(ErrorCode::kInvalidInput, "cellene i raden står i feil rekkefølge",
                                 core::Location{name_, number, col});
          continue;
        }
        cells_.resize(static_cast<size_t>(col));  // empty cells before it
        cells_.back() = CellText(c, number, col);
        any = any || !cells_.back().empty();
      }
      if (!any) continue;
      // Spreadsheets do not store trailing empty cells: rows are as wide as the first one.
      if (header_width_ == 0) {
        header_width_ = cells_.size();
      } else if (cells_.size() < header_width_) {
        cells_.resize(header_width_);
      }
      row->line = number;
      row->fields.clear();
      for (size_t i = 0; i < cells_.size(); ++i) {
        row->fields.push_back({cells_[i], static_cast<int>(i) + 1});
      }
      return true;
    }
    return false;
  }

  const std::vector<core::Error>& problems() const override { return problems_; }
  size_t bytes_read() const override { return done_; }
  size_t bytes_total() const override { return total_; }

 private:
  std::string CellText(const pugi::xml_node& c, int line, int col) {
    const std::string_view type = c.attribute("t").value();
    if (type == "inlineStr") return ItemText(c.child("is"));
    const char* v = c.child("v").text().get();
    if (type == "s") {
      const long index = std::strtol(v, nullptr, 10);
      if (index < 0 || static_cast<size_t>(index) >= strings_->size()) {
        problems_.emplace_back(ErrorCode::kInvalidInput, "cellen viser til en tekst som mangler",
                               core::Location{name_, line, col});
        return "";
      }
      return (*strings_)[static_cast<size_t>(index)];
    }
    if (type == "str" || type == "e" || type == "b") return v;  // formula text, error, 1/0
    // A number; a date when its style says so.
    const long style = c.attribute("s").as_int(0);
    if (*v != '\0' && style >= 0 && static_cast<size_t>(style) < date_styles_->size() &&
        (*date_styles_)[static_cast<size_t>(style)]) {
      char* end = nullptr;
      const double serial = std::strtod(v, &end);
      if (end != v) {
        std::string iso = ExcelSerialToIso(serial, date1904_);
        if (!iso.empty()) return iso;
      }
    }
    return v;
  }

  std::string name_;
  std::unique_ptr<pugi::xml_document> doc_;
  std::shared_ptr<const std::vector<std::string>> strings_;
  std::shared_ptr<const std::vector<bool>> date_styles_;
  bool date1904_;
  pugi::xml_node next_;
  int last_line_ = 0;
  size_t header_width_ = 0;
  size_t done_ = 0, total_ = 0;
  std::vector<std::string> cells_;
  std::vector<core::Error> problems_;
};

}  // namespace

std::string ExcelSerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 1 || serial > 2958465) return "";  // up to 9999-12-31
  long day = static_cast<long>(std::floor(serial));
  if (date1904) {
    day += 1462;  // 1904-01-01 is serial 1462 in the 1900 system
  } else if (day == 60) {
    return "";  // 1900-02-29, which Excel invents (the Lotus 1-2-3 leap-year bug)
  } else if (day < 60) {
    ++day;  // before the invented day the serials are one short
  }
  // Serial 25569 is 1970-01-01 in the 1900 system.
  return core::Date(static_cast<int32_t>(day - 25569)).ToIso();
}

core::Result<XlsxWorkbook> XlsxWorkbook::Open(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kIo, "kan ikke åpne filen", {path});
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t slash = path.find_last_of('/');
  return OpenBytes(slash == std::string::npos ? path : path.substr(slash + 1), std::move(bytes));
}

core::Result<XlsxWorkbook> XlsxWorkbook::OpenBytes(std::string name, std::string bytes) {
  auto zip = ZipArchive::OpenBytes(name, std::move(bytes));
  if (!zip.ok()) {
    return Error(ErrorCode::kInvalidInput,
                 "er ikke en .xlsx-arbeidsbok (" + zip.error().message() + ")", {name});
  }
  XlsxWorkbook book(std::move(name), std::move(*zip));
  if (core::Status s = book.Load(); !s.ok()) return s.error();
  return book;
}

core::Status XlsxWorkbook::Load() {
  auto workbook = ParseXml(zip_, "xl/workbook.xml", name_);
  if (!workbook.ok()) return workbook.error();
  auto rels = ParseXml(zip_, "xl/_rels/workbook.xml.rels", name_);
  if (!rels.ok()) return rels.error();
  const pugi::xml_node wb = (*workbook)->child("workbook");
  const std::string_view date1904 = wb.child("workbookPr").attribute("date1904").value();
  date1904_ = date1904 == "1" || date1904 == "true";
  for (pugi::xml_node sheet : wb.child("sheets").children("sheet")) {
    const std::string_view id = sheet.attribute("r:id").value();
    pugi::xml_node rel =
        (*rels)
            ->child("Relationships")
            .find_child_by_attribute("Relationship", "Id", std::string(id).c_str());
    if (!rel) {
      return Error(ErrorCode::kInvalidInput,
                   std::string("arbeidsboken er skadet: arket «") +
                       sheet.attribute("name").value() + "» mangler",
                   {name_});
    }
    sheet_names_.emplace_back(sheet.attribute("name").value());
    sheet_parts_.push_back(PartPath(rel.attribute("Target").value()));
  }

  auto strings = std::make_shared<std::vector<std::string>>();
  const auto& entries = zip_.entry_names();
  if (std::find(entries.begin(), entries.end(), "xl/sharedStrings.xml") != entries.end()) {
    auto sst = ParseXml(zip_, "xl/sharedStrings.xml", name_);
    if (!sst.ok()) return sst.error();
    for (pugi::xml_node si : (*sst)->child("sst").children("si")) strings->push_back(ItemText(si));
  }
  shared_strings_ = std::move(strings);

  auto dates = std::make_shared<std::vector<bool>>();
  if (std::find(entries.begin(), entries.end(), "xl/styles.xml") != entries.end()) {
    auto styles = ParseXml(zip_, "xl/styles.xml", name_);
    if (!styles.ok()) return styles.error();
    const pugi::xml_node root = (*styles)->child("styleSheet");
    std::set<int> custom_dates;
    for (pugi::xml_node f : root.child("numFmts").children("numFmt")) {
      if (IsDateFormatCode(f.attribute("formatCode").value())) {
        custom_dates.insert(f.attribute("numFmtId").as_int());
      }
    }
    for (pugi::xml_node xf : root.child("cellXfs").children("xf")) {
      const int id = xf.attribute("numFmtId").as_int();
      dates->push_back(IsBuiltinDateFormat(id) || custom_dates.count(id) > 0);
    }
  }
  date_styles_ = std::move(dates);
  return core::Ok{};
}

core::Result<std::unique_ptr<TableReader>> XlsxWorkbook::OpenSheet(std::string_view name) const {
  for (size_t i = 0; i < sheet_names_.size(); ++i) {
    if (sheet_names_[i] != name) continue;
    const std::string display = name_ + "[" + sheet_names_[i] + "]";
    auto doc = ParseXml(zip_, sheet_parts_[i], display);
    if (!doc.ok()) return doc.error();
    return std::unique_ptr<TableReader>(std::make_unique<SheetReader>(
        display, std::move(*doc), shared_strings_, date_styles_, date1904_));
  }
  return Error(ErrorCode::kNotFound, "arket finnes ikke", {name_ + "[" + std::string(name) + "]"});
}

}  // namespace agp::ingest
