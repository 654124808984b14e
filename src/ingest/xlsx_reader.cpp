#include "ingest/xlsx_reader.h"

#include <strings.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "core/date.h"
#include "ingest/text_decode.h"

namespace agp::ingest {

struct XlsxSharedParts {
  std::vector<std::string> strings;  // xl/sharedStrings.xml, by index
  std::vector<bool> date_styles;     // per cell format (cellXfs) index: a date format?
  bool date1904 = false;
};

namespace {

using core::Error;
using core::ErrorCode;

// Escapes and line ends as XML wants them. A text that is all spaces is kept when it is all there
// is in its element (<t xml:space="preserve"> </t>); texts are stored in their element, which
// saves memory on large sheets.
constexpr unsigned kXmlFlags = pugi::parse_escapes | pugi::parse_eol | pugi::parse_cdata |
                               pugi::parse_ws_pcdata_single | pugi::parse_embed_pcdata;
constexpr int64_t kMaxRow = 1048576;  // Excel's limits
constexpr int kMaxColumn = 16384;
constexpr size_t kMaxProblems = 1000;  // per sheet; then one line says there are more
constexpr char kResave[] = "; lagre arbeidsboken på nytt fra Excel";

// "x:row" → "row": some writers give SpreadsheetML a namespace prefix.
std::string_view LocalName(std::string_view name) {
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

// The value of a namespaced attribute ("r:id") by its local name; "" when absent.
const char* PrefixedAttribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    if (name.find(':') != std::string_view::npos && name.rfind("xmlns:", 0) != 0 &&
        LocalName(name) == local) {
      return a.value();
    }
  }
  return "";
}

std::optional<int64_t> ToInt(std::string_view s) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Text with SpreadsheetML's "_xHHHH_" escapes (ECMA-376 Part 1, 22.9.2.19 ST_Xstring) decoded:
// "_x000D_" is a carriage return, "_x005F_" an underscore.
std::string DecodeXstring(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned cp = 0;
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      const auto [end, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (ec == std::errc() && end == s.data() + i + 6) {
        if (cp != 0) AppendUtf8(&out, cp);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// All text of a string item (<si> or <is>): its <t>, or the <t> of each rich text run <r>.
// Phonetic guides (<rPh>) are not part of the text.
std::string ItemText(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node child = item.first_child(); child; child = child.next_sibling()) {
    const std::string_view name = LocalName(child.name());
    if (name == "t") {
      out += DecodeXstring(child.text().get());
    } else if (name == "r") {
      out += DecodeXstring(Child(child, "t").text().get());
    }
  }
  return out;
}

// Built-in number formats that show dates (ECMA-376 Part 1, 18.8.30, and Excel's East Asian ids).
bool IsBuiltinDateFormat(int64_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom format code shows a date when it has d or y, or m (month) without h or s (then m is
// minutes), outside quotes and brackets: "dd.mm.yyyy" and "[$-414]d. mmmm yyyy" are dates;
// "0.00", "# ##0 \"kr\"", "[Red]0", "hh:mm" and the elapsed time "[h]:mm" are not.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, date = false, month = false, time = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '[') {
      const size_t close = code.find(']', i);
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        time = true;  // [h], [mm], [ss]: elapsed time
      }
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as it is
    } else if (std::strchr("dDyY", c) != nullptr) {
      date = true;
    } else if (c == 'm' || c == 'M') {
      month = true;
    } else if (std::strchr("hHsS", c) != nullptr) {
      time = true;
    }
  }
  return date || (month && !time);
}

// The column number of a cell reference ("C14" → 3, "XFD1" → 16384); 0 when it is not one.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
  }
  if (i == 0 || col > kMaxColumn) return 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return 0;
  }
  return col;
}

// The shortest text that reads back as `value`, in plain decimal notation ("0.0000001", not
// "1e-07"): the package's number parser takes no exponents.
std::string FormatNumber(double value) {
  if (value == 0) return "0";  // also -0
  char buf[400];               // the longest double in fixed notation has 327 characters
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (ec != std::errc()) return "";
  return std::string(buf, end);
}

// The ZIP entry that a relationship's Target names (ECMA-376 Part 2, 9.3): "/xl/styles.xml" from
// the package's root, "worksheets/sheet1.xml" or "./../x.xml" from `folder` ("xl/"). Part names
// compare without regard to ASCII case (Part 2, 6.2.2.3). "" when the archive has no such entry.
std::string FindPart(const ZipArchive& zip, std::string_view folder, std::string_view target) {
  const std::string joined = !target.empty() && target[0] == '/'
                                 ? std::string(target.substr(1))
                                 : std::string(folder) + std::string(target);
  std::string path = std::filesystem::path(joined).lexically_normal().generic_string();
  if (zip.Contains(path)) return path;
  for (const std::string& entry : zip.entry_names()) {
    if (strcasecmp(entry.c_str(), path.c_str()) == 0) return entry;
  }
  return "";
}

// Finds, one at a time, the elements called `item` inside the first element called `container`
// (by local name), without parsing the text around them: a sheet's XML runs to hundreds of
// megabytes, and a parsed document takes several times the size of its text. Markup that may
// hold a "<" or ">" of its own (comments, CDATA, processing instructions, quoted attribute
// values) is stepped over whole; whether an item is well-formed is left to the XML parser.
class ElementScanner {
 public:
  enum class Step { kItem, kEnd, kTruncated };

  ElementScanner(std::string_view xml, std::string_view container, std::string_view item)
      : xml_(xml), container_(container), item_(item) {}

  // kItem with [*begin, *end) the item's markup; kEnd after the container (or when there is
  // none); kTruncated when the text ends inside the container.
  Step Next(size_t* begin, size_t* end) {
    Tag tag;
    while (!done_) {
      if (!NextTag(&tag)) {
        done_ = true;
        return inside_ || truncated_ ? Step::kTruncated : Step::kEnd;
      }
      const std::string_view local = LocalName(tag.name);
      if (!inside_) {
        if (!tag.closing && local == container_) {
          inside_ = !tag.empty;
          done_ = tag.empty;
        }
        continue;
      }
      if (tag.closing && local == container_) break;
      if (tag.closing || local != item_) continue;
      *begin = tag.begin;
      if (tag.empty) {
        *end = tag.end;
        return Step::kItem;
      }
      while (NextTag(&tag)) {
        if (tag.closing && LocalName(tag.name) == item_) {
          *end = tag.end;
          return Step::kItem;
        }
      }
      done_ = true;
      return Step::kTruncated;
    }
    done_ = true;
    return Step::kEnd;
  }

  size_t position() const { return pos_; }
  // Makes Next() return kEnd from now on.
  void Stop() {
    done_ = true;
    pos_ = xml_.size();
  }

 private:
  struct Tag {
    std::string_view name;
    size_t begin = 0, end = 0;
    bool closing = false, empty = false;  // </name>; <name/>
  };

  // The next start or end tag from pos_ on; false at the end of the text or of what can be read.
  bool NextTag(Tag* tag) {
    const size_t n = xml_.size();
    for (;;) {
      const size_t lt = xml_.find('<', pos_);
      if (lt == std::string_view::npos) {
        pos_ = n;
        return false;
      }
      const std::string_view rest = xml_.substr(lt);
      std::string_view skip_to;
      if (rest.starts_with("<!--")) {
        skip_to = "-->";
      } else if (rest.starts_with("<![CDATA[")) {
        skip_to = "]]>";
      } else if (rest.starts_with("<?")) {
        skip_to = "?>";
      } else if (rest.starts_with("<!")) {  // a DOCTYPE, perhaps with an internal subset
        const size_t stop = xml_.find_first_of("[>", lt);
        skip_to = stop != std::string_view::npos && xml_[stop] == '[' ? "]>" : ">";
      }
      if (!skip_to.empty()) {
        const size_t stop = xml_.find(skip_to, lt + 2);
        if (stop == std::string_view::npos) return Unfinished();
        pos_ = stop + skip_to.size();
        continue;
      }
      size_t p = lt + 1;
      tag->closing = p < n && xml_[p] == '/';
      if (tag->closing) ++p;
      const size_t name_begin = p;
      while (p < n && std::strchr(" \t\r\n/>", xml_[p]) == nullptr) ++p;
      tag->name = xml_.substr(name_begin, p - name_begin);
      for (char quote = 0; p < n; ++p) {
        const char c = xml_[p];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      if (p >= n) return Unfinished();
      tag->empty = !tag->closing && xml_[p - 1] == '/';
      tag->begin = lt;
      tag->end = pos_ = p + 1;
      return true;
    }
  }

  bool Unfinished() {
    truncated_ = true;
    pos_ = xml_.size();
    return false;
  }

  std::string_view xml_, container_, item_;
  size_t pos_ = 0;
  bool inside_ = false, done_ = false, truncated_ = false;
};

// The rows of one sheet, parsed one <row> at a time out of the sheet's XML, which it owns.
class SheetReader final : public TableReader {
 public:
  SheetReader(std::string display_name, std::string xml,
              std::shared_ptr<const XlsxSharedParts> shared, const XlsxLimits& limits)
      : name_(std::move(display_name)),
        xml_(std::move(xml)),
        shared_(std::move(shared)),
        rows_(xml_, "sheetData", "row"),
        limits_(limits) {}
  SheetReader(const SheetReader&) = delete;
  SheetReader& operator=(const SheetReader&) = delete;

  bool Next(Row* row) override {
    size_t begin = 0, end = 0;
    for (;;) {
      const ElementScanner::Step step = rows_.Next(&begin, &end);
      if (step != ElementScanner::Step::kItem) finished_ = true;
      if (step == ElementScanner::Step::kEnd) return false;
      if (step == ElementScanner::Step::kTruncated) {
        Problem(last_line_ + 1, 0,
                std::string("arket slutter midt i en rad (delen er avkortet)") + kResave);
        return false;
      }
      if (!ReadRow(begin, end)) continue;
      // Spreadsheets do not store trailing empty cells: rows are as wide as the first one.
      if (header_width_ == 0) header_width_ = cells_.size();
      row->line = static_cast<int>(last_line_);
      row->fields.resize(std::max(cells_.size(), header_width_));
      for (size_t i = 0; i < row->fields.size(); ++i) {
        row->fields[i] = {i < cells_.size() ? cells_[i] : std::string_view(),
                          static_cast<int>(i) + 1};
      }
      return true;
    }
  }

  const std::vector<core::Error>& problems() const override { return problems_; }
  size_t bytes_read() const override { return finished_ ? xml_.size() : rows_.position(); }
  size_t bytes_total() const override { return xml_.size(); }

 private:
  // Parses the row at [begin, end) of the XML into cells_; false when it is damaged or empty.
  bool ReadRow(size_t begin, size_t end) {
    // In place: the text of this row is not looked at again.
    const pugi::xml_parse_result parsed =
        doc_.load_buffer_inplace(xml_.data() + begin, end - begin, kXmlFlags, pugi::encoding_utf8);
    const pugi::xml_node row = doc_.first_child();
    if (!parsed || row.type() != pugi::node_element) {
      ++last_line_;
      Problem(last_line_, 0,
              std::string("raden er skadet (ugyldig XML: ") + parsed.description() + ")" + kResave);
      return false;
    }
    int64_t line = last_line_ + 1;
    if (const pugi::xml_attribute r = row.attribute("r")) {
      const std::optional<int64_t> number = ToInt(r.value());
      if (number && *number >= 1 && *number <= kMaxRow) {
        line = *number;
      } else {
        Problem(line, 0, "radnummeret er ugyldig (rad 1 til 1048576)");
      }
    }
    last_line_ = line;
    if (line > kMaxRow) {  // counted past Excel's last row: where the rest belongs is unknown
      Problem(line, 0, "arket har flere rader enn Excel tillater (1048576); resten er ikke lest");
      rows_.Stop();
      return false;
    }

    // Only cells with text count: Excel also writes empty cells that have a format.
    cells_.clear();
    owned_.clear();
    int last_col = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c.name()) != "c") continue;
      int col = last_col + 1;
      if (const pugi::xml_attribute ref = c.attribute("r")) {
        const int number = ColumnOf(ref.value());
        if (number == 0) {
          Problem(line, col, "cellereferansen er ugyldig (kolonne A til XFD)");
        } else {
          col = number;
        }
      }
      if (col > kMaxColumn) {
        Problem(line, col, "cellen ligger etter siste kolonne (XFD)");
        continue;
      }
      if (col <= last_col) {
        Problem(line, col, "cellene i raden står i feil rekkefølge eller to ganger");
        continue;
      }
      last_col = col;
      const std::string_view text = CellText(c, line, col);
      if (text.empty()) continue;
      // Shared strings are counted each time a cell shows one: what the sheet gives is bounded,
      // however often one long text is used (a shared-strings bomb).
      text_bytes_ += text.size();
      if (text_bytes_ > limits_.max_sheet_text_bytes) {
        Problem(line, col,
                "arket har mer enn " + SizeText(limits_.max_sheet_text_bytes) +
                    " tekst i cellene (delte tekster telt hver gang de brukes), som er grensen "
                    "for et ark; resten er ikke lest");
        rows_.Stop();
        return false;
      }
      cells_.resize(static_cast<size_t>(col) - 1);  // the empty cells before it
      cells_.push_back(text);
    }
    return !cells_.empty();
  }

  // The cell's text: a view into the shared strings, or into owned_ for the rest.
  std::string_view CellText(pugi::xml_node c, int64_t line, int col) {
    const std::string_view type = c.attribute("t").value();
    if (type == "inlineStr") return Own(ItemText(Child(c, "is")));
    const std::string_view v = Child(c, "v").text().get();  // "" when the cell has no value
    if (type == "s") {
      const std::optional<int64_t> index = ToInt(v);
      if (!index || *index < 0 || static_cast<uint64_t>(*index) >= shared_->strings.size()) {
        Problem(line, col, std::string("cellen viser til en tekst som mangler") + kResave);
        return {};
      }
      return shared_->strings[static_cast<size_t>(*index)];
    }
    if (type == "str" || type == "e") return Own(DecodeXstring(v));  // a formula's text; "#N/A"
    if (type == "b") return Own(std::string(v));                     // "1" or "0"
    if (type == "d") {  // ISO 8601, "2024-03-01T00:00:00" (rare; Excel writes serial numbers)
      if (v.size() >= 10 && (v.size() == 10 || v[10] == 'T') && core::ParseDate(v.substr(0, 10))) {
        return Own(std::string(v.substr(0, 10)));
      }
      return Own(std::string(v));
    }
    // A number ("n", the default); a date when its cell format says so.
    double number = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(number)) {
      return Own(std::string(v));  // not a number after all: as it is written
    }
    const std::optional<int64_t> style = ToInt(c.attribute("s").value());
    if (style && *style >= 0 && static_cast<uint64_t>(*style) < shared_->date_styles.size() &&
        shared_->date_styles[static_cast<size_t>(*style)]) {
      std::string iso = ExcelSerialToIso(number, shared_->date1904);
      if (!iso.empty()) return Own(std::move(iso));
    }
    return Own(FormatNumber(number));
  }

  std::string_view Own(std::string text) {
    owned_.push_back(std::move(text));
    return owned_.back();
  }

  void Problem(int64_t line, int column, std::string message) {
    if (problems_.size() > kMaxProblems) return;
    if (problems_.size() == kMaxProblems) {
      message = "arket har flere feil i oppbygningen; de er ikke vist";
      column = 0;
    }
    problems_.emplace_back(ErrorCode::kInvalidInput, std::move(message),
                           core::Location{name_, static_cast<int>(line), column});
  }

  std::string name_;  // "book.xlsx[sheet]"
  std::string xml_;   // parsed in place, row by row
  std::shared_ptr<const XlsxSharedParts> shared_;
  ElementScanner rows_;  // over xml_
  pugi::xml_document doc_;
  int64_t last_line_ = 0;
  bool finished_ = false;
  size_t header_width_ = 0;
  std::vector<std::string_view> cells_;  // of the current row: into shared_ or owned_
  std::deque<std::string> owned_;        // the current row's texts that are not shared
  XlsxLimits limits_;
  uint64_t text_bytes_ = 0;  // of every cell given so far
  std::vector<core::Error> problems_;
};

}  // namespace

std::string ExcelSerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial)) return "";
  const double day = std::floor(serial);
  int64_t days_since_1970 = 0;
  if (date1904) {
    if (day < 0 || day > 2957003) return "";  // 1904-01-01 … 9999-12-31
    days_since_1970 = static_cast<int64_t>(day) - 24107;
  } else {
    if (day < 1 || day > 2958465 || day == 60) return "";  // 1900-01-01 … 9999-12-31
    // Serials before the invented 1900-02-29 are one day short of the true count.
    days_since_1970 = static_cast<int64_t>(day) + (day < 60 ? 1 : 0) - 25569;
  }
  return core::Date(static_cast<int32_t>(days_since_1970)).ToIso();
}

XlsxWorkbook::XlsxWorkbook(std::string name, ZipArchive zip, const XlsxLimits& limits)
    : name_(std::move(name)), zip_(std::move(zip)), limits_(limits) {}
XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook::~XlsxWorkbook() = default;

core::Result<XlsxWorkbook> XlsxWorkbook::Open(const std::string& path, const XlsxLimits& limits) {
  auto zip = ZipArchive::OpenFile(path);
  if (!zip.ok() && zip.error().code() == ErrorCode::kIo) return zip.error();
  std::string name = zip.ok() ? zip->name() : zip.error().location().file;
  return FromArchive(std::move(name), std::move(zip), limits);
}

core::Result<XlsxWorkbook> XlsxWorkbook::OpenBytes(std::string name, std::string bytes,
                                                   const XlsxLimits& limits) {
  auto zip = ZipArchive::OpenBytes(name, std::move(bytes));
  return FromArchive(std::move(name), std::move(zip), limits);
}

core::Result<XlsxWorkbook> XlsxWorkbook::FromArchive(std::string name, core::Result<ZipArchive> zip,
                                                     const XlsxLimits& limits) {
  if (!zip.ok()) {
    return Error(ErrorCode::kInvalidInput,
                 "er ikke en .xlsx-arbeidsbok (" + zip.error().message() + ")", {name});
  }
  XlsxWorkbook book(std::move(name), std::move(*zip), limits);
  if (core::Status s = book.Load(); !s.ok()) return s.error();
  return book;
}

namespace {

// A whole (small) part of the workbook, parsed.
core::Result<std::unique_ptr<pugi::xml_document>> ParsePart(const ZipArchive& zip,
                                                            const std::string& entry,
                                                            const std::string& book,
                                                            uint64_t max_bytes) {
  auto bytes = zip.Read(entry, max_bytes);
  if (!bytes.ok()) {
    return Error(
        ErrorCode::kInvalidInput,
        "arbeidsboken er skadet: " + bytes.error().message() + " (" + entry + ")" + kResave,
        {book});
  }
  auto doc = std::make_unique<pugi::xml_document>();
  const pugi::xml_parse_result parsed = doc->load_buffer(bytes->data(), bytes->size(), kXmlFlags);
  if (!parsed) {
    return Error(ErrorCode::kInvalidInput,
                 "arbeidsboken er skadet: " + entry + " er ikke gyldig XML (" +
                     parsed.description() + ")" + kResave,
                 {book});
  }
  return doc;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct Relationship {
  std::string type, part;  // part: the ZIP entry, "" when the archive does not have it
};

// The relationships of the part in `folder` whose .rels entry is `rels` (ECMA-376 Part 2, 9.3),
// by Id; external targets left out. Empty when there is no such entry.
core::Result<std::map<std::string, Relationship>> ReadRelationships(const ZipArchive& zip,
                                                                    const std::string& rels,
                                                                    const std::string& folder,
                                                                    const std::string& book,
                                                                    uint64_t max_bytes) {
  std::map<std::string, Relationship> out;
  const std::string entry = FindPart(zip, "", rels);
  if (entry.empty()) return out;
  auto doc = ParsePart(zip, entry, book, max_bytes);
  if (!doc.ok()) return doc.error();
  for (pugi::xml_node r = Child(**doc, "Relationships").first_child(); r; r = r.next_sibling()) {
    if (LocalName(r.name()) != "Relationship") continue;
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    out.emplace(r.attribute("Id").value(),
                Relationship{r.attribute("Type").value(),
                             FindPart(zip, folder, r.attribute("Target").value())});
  }
  return out;
}

// The part of the relationship of type ".../`type`", or `fallback` when there is none.
std::string PartOfType(const std::map<std::string, Relationship>& rels, std::string_view type,
                       const ZipArchive& zip, const std::string& fallback) {
  for (const auto& [id, rel] : rels) {
    if (EndsWith(rel.type, type) && !rel.part.empty()) return rel.part;
  }
  return FindPart(zip, "", fallback);
}

}  // namespace

core::Status XlsxWorkbook::Load() {
  auto shared = std::make_shared<XlsxSharedParts>();
  const uint64_t small = limits_.max_other_part_bytes;

  // Every part unpacked: the archive says how much that is before anything is unpacked, and
  // Read never gives more than it says.
  uint64_t unpacked = 0;
  for (const std::string& entry : zip_.entry_names()) unpacked += zip_.DeclaredSize(entry);
  if (unpacked > limits_.max_workbook_bytes) {
    return Error(ErrorCode::kInvalidInput,
                 "arbeidsboken er " + SizeText(unpacked) + " pakket ut; grensen er " +
                     SizeText(limits_.max_workbook_bytes),
                 {name_});
  }

  // The package's relationships say where the workbook part is; Excel puts it in xl/.
  auto package_rels = ReadRelationships(zip_, "_rels/.rels", "", name_, small);
  if (!package_rels.ok()) return package_rels.error();
  const std::string workbook_part =
      PartOfType(*package_rels, "/officeDocument", zip_, "xl/workbook.xml");
  if (workbook_part.empty()) {
    return Error(ErrorCode::kInvalidInput,
                 "er ikke en .xlsx-arbeidsbok (ZIP-arkivet har ikke xl/workbook.xml)", {name_});
  }
  const size_t slash = workbook_part.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "" : workbook_part.substr(0, slash + 1);
  auto rels =
      ReadRelationships(zip_, folder + "_rels/" + workbook_part.substr(folder.size()) + ".rels",
                        folder, name_, small);
  if (!rels.ok()) return rels.error();

  auto workbook = ParsePart(zip_, workbook_part, name_, small);
  if (!workbook.ok()) return workbook.error();
  const pugi::xml_node wb = Child(**workbook, "workbook");
  const std::string_view date1904 = Child(wb, "workbookPr").attribute("date1904").value();
  shared->date1904 = date1904 == "1" || date1904 == "true" || date1904 == "on";
  for (pugi::xml_node sheet = Child(wb, "sheets").first_child(); sheet;
       sheet = sheet.next_sibling()) {
    if (LocalName(sheet.name()) != "sheet") continue;
    const auto rel = rels->find(PrefixedAttribute(sheet, "id"));
    sheet_names_.emplace_back(sheet.attribute("name").value());
    sheet_parts_.push_back(rel == rels->end() ? "" : rel->second.part);
  }

  const std::string strings_part =
      PartOfType(*rels, "/sharedStrings", zip_, folder + "sharedStrings.xml");
  if (!strings_part.empty()) {
    // Read item by item, like a sheet's rows: the list can be long.
    auto xml = zip_.Read(strings_part, limits_.max_shared_strings_bytes);
    if (!xml.ok()) {
      return Error(ErrorCode::kInvalidInput,
                   "arbeidsboken er skadet: " + xml.error().message() + " (" + strings_part + ")",
                   {name_});
    }
    ElementScanner items(*xml, "sst", "si");
    pugi::xml_document doc;
    size_t begin = 0, end = 0;
    for (;;) {
      const ElementScanner::Step step = items.Next(&begin, &end);
      if (step == ElementScanner::Step::kEnd) break;
      if (step == ElementScanner::Step::kTruncated ||
          !doc.load_buffer_inplace(xml->data() + begin, end - begin, kXmlFlags,
                                   pugi::encoding_utf8)) {
        return Error(ErrorCode::kInvalidInput,
                     "arbeidsboken er skadet: tekst nr. " +
                         std::to_string(shared->strings.size() + 1) + " i " + strings_part +
                         " er ikke gyldig XML" + kResave,
                     {name_});
      }
      shared->strings.push_back(ItemText(doc.first_child()));
    }
  }

  const std::string styles_part = PartOfType(*rels, "/styles", zip_, folder + "styles.xml");
  if (!styles_part.empty()) {
    auto styles = ParsePart(zip_, styles_part, name_, small);
    if (!styles.ok()) return styles.error();
    const pugi::xml_node root = Child(**styles, "styleSheet");
    std::set<int64_t> custom_dates;
    for (pugi::xml_node f = Child(root, "numFmts").first_child(); f; f = f.next_sibling()) {
      if (LocalName(f.name()) == "numFmt" && IsDateFormatCode(f.attribute("formatCode").value())) {
        custom_dates.insert(ToInt(f.attribute("numFmtId").value()).value_or(-1));
      }
    }
    for (pugi::xml_node xf = Child(root, "cellXfs").first_child(); xf; xf = xf.next_sibling()) {
      if (LocalName(xf.name()) != "xf") continue;
      const int64_t id = ToInt(xf.attribute("numFmtId").value()).value_or(0);
      shared->date_styles.push_back(IsBuiltinDateFormat(id) || custom_dates.count(id) > 0);
    }
  }
  shared_ = std::move(shared);
  return core::Ok{};
}

core::Result<std::unique_ptr<TableReader>> XlsxWorkbook::OpenSheet(std::string_view name) const {
  const auto found = std::find(sheet_names_.begin(), sheet_names_.end(), name);
  const std::string display = name_ + "[" + std::string(name) + "]";
  if (found == sheet_names_.end()) {
    return Error(ErrorCode::kNotFound, "arbeidsboken har ikke dette arket", {display});
  }
  const std::string& part = sheet_parts_[static_cast<size_t>(found - sheet_names_.begin())];
  if (part.empty()) {
    return Error(ErrorCode::kInvalidInput,
                 std::string("arbeidsboken er skadet: arkets innhold mangler") + kResave,
                 {display});
  }
  auto xml = zip_.Read(part, limits_.max_sheet_bytes);
  if (!xml.ok()) {
    return Error(ErrorCode::kInvalidInput,
                 "arket kan ikke leses: " + xml.error().message() + " (" + part + ")", {display});
  }
  if (xml->starts_with("\xFF\xFE") || xml->starts_with("\xFE\xFF")) {
    return Error(ErrorCode::kInvalidInput,
                 std::string("arket er lagret som UTF-16, som ikke støttes") + kResave, {display});
  }
  return std::unique_ptr<TableReader>(
      std::make_unique<SheetReader>(display, std::move(*xml), shared_, limits_));
}

}  // namespace agp::ingest
