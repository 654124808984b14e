#include "metrics/reference.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "core/period.h"

namespace agp::metrics {
namespace {

// One CSV record of a small reference file (RFC 4180 quoting), with the column where each field
// starts, for error messages.
struct Field {
  std::string text;
  int column;
};

// Splits `text` into records. Quoted fields may hold commas, doubled quotes and newlines.
core::Result<std::vector<std::pair<int, std::vector<Field>>>> SplitRecords(std::string_view text,
                                                                           std::string_view file) {
  std::vector<std::pair<int, std::vector<Field>>> records;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int line = 1;
  int column = 1;
  size_t i = 0;
  while (i < text.size()) {
    std::vector<Field> fields;
    const int record_line = line;
    while (true) {
      Field f{"", column};
      if (i < text.size() && text[i] == '"') {
        ++i;
        ++column;
        bool closed = false;
        while (i < text.size()) {
          const char c = text[i];
          if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            f.text += '"';
            i += 2;
            column += 2;
          } else if (c == '"') {
            ++i;
            ++column;
            closed = true;
            break;
          } else {
            f.text += c;
            ++i;
            if (c == '\n') {
              ++line;
              column = 1;
            } else {
              ++column;
            }
          }
        }
        if (!closed) {
          return core::Error(core::ErrorCode::kInvalidInput, "a quoted field is not closed",
                             {std::string(file), line, column});
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          f.text += text[i++];
          ++column;
        }
      }
      fields.push_back(std::move(f));
      if (i < text.size() && text[i] == ',') {
        ++i;
        ++column;
        continue;
      }
      break;
    }
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
    column = 1;
    if (!(fields.size() == 1 && fields[0].text.empty()))
      records.emplace_back(record_line, std::move(fields));
  }
  return records;
}

// Maps the header's names to field positions; errors name a missing column.
core::Result<std::map<std::string, size_t>> Columns(
    const std::vector<std::pair<int, std::vector<Field>>>& records,
    const std::vector<std::string>& required, std::string_view file) {
  if (records.empty()) {
    return core::Error(core::ErrorCode::kInvalidInput, "the file is empty",
                       {std::string(file), 1, 1});
  }
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < records[0].second.size(); ++i) at[records[0].second[i].text] = i;
  for (const std::string& name : required) {
    if (!at.count(name)) {
      return core::Error(core::ErrorCode::kInvalidInput, "the column '" + name + "' is missing",
                         {std::string(file), records[0].first, 1});
    }
  }
  return at;
}

core::Error FieldError(std::string_view file, int line, const Field& f, std::string message) {
  return core::Error(core::ErrorCode::kInvalidInput, std::move(message),
                     {std::string(file), line, f.column});
}

core::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error(core::ErrorCode::kNotFound, "cannot read " + path, {path, 0, 0});
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string FileName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

core::Result<ReferenceFigures> ReferenceFigures::Parse(std::string_view text,
                                                       std::string_view file) {
  auto records = SplitRecords(text, file);
  if (!records.ok()) return records.error();
  auto at = Columns(*records, {"indicator", "period", "value", "scope", "source"}, file);
  if (!at.ok()) return at.error();
  auto get = [&](const std::vector<Field>& fields, const char* name) -> const Field* {
    auto it = at->find(name);
    return it == at->end() || it->second >= fields.size() ? nullptr : &fields[it->second];
  };
  ReferenceFigures out;
  std::map<std::string, int> seen;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& [line, fields] = (*records)[r];
    if (fields.size() != (*records)[0].second.size()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "the row has " + std::to_string(fields.size()) + " fields, the header " +
                             std::to_string((*records)[0].second.size()),
                         {std::string(file), line, 1});
    }
    ReferenceFigure f;
    f.indicator = get(fields, "indicator")->text;
    if (f.indicator.empty())
      return FieldError(file, line, *get(fields, "indicator"), "the indicator is empty");
    const Field& period = *get(fields, "period");
    auto p = core::Period::Parse(period.text);
    if (!p) {
      return FieldError(file, line, period,
                        "'" + period.text + "' is not a period (2023, 2023-T1, 2023-Q1, 2023-03)");
    }
    f.period = p->ToString();
    f.year = p->year();
    const Field& value = *get(fields, "value");
    const char* end = value.text.data() + value.text.size();
    auto [ptr, ec] = std::from_chars(value.text.data(), end, f.value);
    if (value.text.empty() || ec != std::errc() || ptr != end) {
      return FieldError(file, line, value,
                        "'" + value.text + "' is not a number (use a decimal point)");
    }
    f.scope = get(fields, "scope")->text;
    if (f.scope.empty()) {
      return FieldError(file, line, *get(fields, "scope"),
                        "the scope is empty (whom the figure covers, e.g. kommunesektoren)");
    }
    f.source = get(fields, "source")->text;
    if (f.source.empty())
      return FieldError(file, line, *get(fields, "source"), "the source is empty");
    if (const Field* u = get(fields, "url")) f.url = u->text;
    if (const Field* n = get(fields, "note")) f.note = n->text;
    const std::string key = f.indicator + "|" + f.period + "|" + f.scope;
    if (auto [it, added] = seen.emplace(key, line); !added) {
      return FieldError(
          file, line, period,
          "the same indicator, period and scope as line " + std::to_string(it->second));
    }
    out.figures_.push_back(std::move(f));
  }
  return out;
}

core::Result<ReferenceFigures> ReferenceFigures::Load(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  return Parse(*text, FileName(path));
}

const ReferenceFigure* ReferenceFigures::Find(std::string_view indicator, std::string_view period,
                                              std::string_view scope) const {
  auto wanted = core::Period::Parse(period);
  if (!wanted) return nullptr;
  if (scope.empty()) {
    for (const ReferenceFigure& f : figures_) {
      if (f.indicator == indicator) {
        scope = f.scope;
        break;
      }
    }
  }
  const std::string text = wanted->ToString();
  const std::string year = std::to_string(wanted->year());
  const ReferenceFigure* exact = nullptr;
  const ReferenceFigure* same_year = nullptr;
  const ReferenceFigure* earlier = nullptr;
  for (const ReferenceFigure& f : figures_) {
    if (f.indicator != indicator || f.scope != scope) continue;
    if (f.period == text) exact = &f;
    if (f.period == year) same_year = &f;
    if (f.period.size() == 4 && f.year < wanted->year() &&
        (earlier == nullptr || f.year > earlier->year)) {
      earlier = &f;
    }
  }
  return exact != nullptr ? exact : same_year != nullptr ? same_year : earlier;
}

core::Result<Deadlines> Deadlines::Parse(std::string_view text, std::string_view file) {
  auto records = SplitRecords(text, file);
  if (!records.ok()) return records.error();
  auto at = Columns(*records, {"key", "days", "valid_from", "source"}, file);
  if (!at.ok()) return at.error();
  Deadlines out;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& [line, fields] = (*records)[r];
    if (fields.size() != (*records)[0].second.size()) {
      return core::Error(core::ErrorCode::kInvalidInput, "the row has the wrong number of fields",
                         {std::string(file), line, 1});
    }
    Deadline d;
    d.key = fields[at->at("key")].text;
    const Field& days = fields[at->at("days")];
    const char* end = days.text.data() + days.text.size();
    auto [ptr, ec] = std::from_chars(days.text.data(), end, d.days);
    if (days.text.empty() || ec != std::errc() || ptr != end || d.days < 1) {
      return FieldError(file, line, days, "'" + days.text + "' is not a whole number of days");
    }
    const Field& from = fields[at->at("valid_from")];
    auto date = core::ParseDate(from.text);
    if (!date)
      return FieldError(file, line, from, "'" + from.text + "' is not a date (YYYY-MM-DD)");
    d.valid_from = *date;
    d.source = fields[at->at("source")].text;
    if (auto n = at->find("note"); n != at->end()) d.note = fields[n->second].text;
    out.deadlines_.push_back(std::move(d));
  }
  return out;
}

core::Result<Deadlines> Deadlines::Load(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  return Parse(*text, FileName(path));
}

core::Result<int> Deadlines::DaysOn(std::string_view key, core::Date day) const {
  const Deadline* best = nullptr;
  for (const Deadline& d : deadlines_) {
    if (d.key == key && d.valid_from <= day &&
        (best == nullptr || d.valid_from > best->valid_from)) {
      best = &d;
    }
  }
  if (best == nullptr) {
    return core::Error(core::ErrorCode::kNotFound, "deadlines.csv has no '" + std::string(key) +
                                                       "' in force on " + day.ToIso());
  }
  return best->days;
}

}  // namespace agp::metrics
