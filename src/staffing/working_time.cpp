#include "staffing/working_time.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <map>

#include "core/field_parse.h"

namespace agp::staffing {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::string_view, 7> kColumns = {"key",    "value",   "unit", "valid_from",
                                                      "source", "checked", "note"};
constexpr size_t kRequired = 5;  // key … source

}  // namespace

core::Result<WorkingTimeRules> WorkingTimeRules::Read(core::TableReader& reader,
                                                      const std::string& file) {
  core::Row row;
  if (!reader.Next(&row)) {
    return Error(ErrorCode::kInvalidInput, "filen er tom (overskriftsraden mangler)", {file, 1, 0});
  }
  std::array<int, kColumns.size()> at{};
  at.fill(-1);
  for (size_t f = 0; f < row.fields.size(); ++f) {
    for (size_t c = 0; c < kColumns.size(); ++c) {
      if (core::Trim(row.fields[f].text) == kColumns[c]) at[c] = static_cast<int>(f);
    }
  }
  for (size_t c = 0; c < kRequired; ++c) {
    if (at[c] < 0) {
      return Error(ErrorCode::kInvalidInput,
                   fmt::format("mangler den påkrevde kolonnen «{}»", kColumns[c]),
                   {file, row.line, 1});
    }
  }
  WorkingTimeRules out;
  std::map<std::pair<std::string, int32_t>, int> seen;  // (key, valid_from) → line
  while (reader.Next(&row)) {
    auto field = [&](size_t c) -> std::string_view {
      const int f = at[c];
      if (f < 0 || static_cast<size_t>(f) >= row.fields.size()) return {};
      return core::Trim(row.fields[static_cast<size_t>(f)].text);
    };
    auto where = [&](size_t c) {
      const int f = at[c];
      const int column = f >= 0 && static_cast<size_t>(f) < row.fields.size()
                             ? row.fields[static_cast<size_t>(f)].column
                             : 0;
      return core::Location{file, row.line, column};
    };
    WorkingTimeRule r;
    r.key = std::string(field(0));
    if (r.key.empty()) return Error(ErrorCode::kInvalidInput, "key mangler verdi", where(0));
    const std::string_view value = field(1);
    const char* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, r.value);
    if (value.empty() || ec != std::errc() || ptr != end) {
      return Error(ErrorCode::kInvalidInput,
                   fmt::format("«{}» er ikke et tall (bruk desimalpunktum)", value), where(1));
    }
    r.unit = std::string(field(2));
    const auto from = core::ParseDate(field(3));
    if (!from) {
      return Error(ErrorCode::kInvalidInput,
                   fmt::format("«{}» er ikke en dato (ÅÅÅÅ-MM-DD)", field(3)), where(3));
    }
    r.valid_from = *from;
    r.source = std::string(field(4));
    if (r.source.empty()) {
      return Error(ErrorCode::kInvalidInput, "source mangler verdi: hver regel har sin kilde",
                   where(4));
    }
    r.checked = std::string(field(5));
    r.note = std::string(field(6));
    if (auto [it, added] = seen.emplace(std::pair{r.key, r.valid_from.days()}, row.line); !added) {
      return Error(ErrorCode::kInvalidInput,
                   fmt::format("{} med valid_from {} står også på linje {}", r.key,
                               r.valid_from.ToIso(), it->second),
                   where(3));
    }
    out.rules_.push_back(std::move(r));
  }
  if (!reader.problems().empty()) return reader.problems().front();
  return out;
}

const WorkingTimeRule* WorkingTimeRules::Find(std::string_view key, core::Date day) const {
  const WorkingTimeRule* best = nullptr;
  for (const WorkingTimeRule& r : rules_) {
    if (r.key == key && r.valid_from <= day &&
        (best == nullptr || r.valid_from > best->valid_from)) {
      best = &r;
    }
  }
  return best;
}

core::Result<double> WorkingTimeRules::Value(std::string_view key, core::Date day) const {
  if (const WorkingTimeRule* r = Find(key, day)) return r->value;
  return Error(ErrorCode::kNotFound,
               fmt::format("working_time.csv har ingen regel «{}» i kraft {}", key, day.ToIso()));
}

}  // namespace agp::staffing
