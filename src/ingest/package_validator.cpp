#include "ingest/package_validator.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <numeric>
#include <string>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "core/key_index.h"
#include "core/text.h"
#include "ingest/field_parse.h"
#include "ingest/national_id.h"
#include "ingest/package_schema.h"

namespace agp::ingest {
namespace {

using core::Date;
using core::Error;
using core::ErrorCode;
using core::KeyIndex;
using core::Location;

constexpr int64_t kProgressEveryRows = 1 << 15;

// «value», shortened, with line breaks and other control characters shown as escapes: messages
// quote what they found, never at length, never a control character raw (they reach terminals
// and pages), and never a national identity number (wherever it turns up, as a key too).
std::string Quote(std::string_view v) {
  const std::string masked = MaskNationalIds(v);
  constexpr size_t kShown = 40;  // bytes, cut between characters
  std::string out = "«";
  size_t i = 0;
  for (; i < masked.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(masked[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else if (c == 0xC2 && i + 1 < masked.size() &&
               static_cast<unsigned char>(masked[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(masked[i + 1]) <= 0x9F) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(masked[++i]));  // C1
    } else {
      out += masked[i];
    }
  }
  while (i < masked.size() && (static_cast<unsigned char>(masked[i]) & 0xC0) == 0x80) {
    out += masked[i++];  // the rest of a character cut at kShown
  }
  if (i < masked.size()) out += "…";
  return out + "»";
}

// Characters (UTF-8 code points) in `v`.
size_t CharCount(std::string_view v) {
  size_t n = 0;
  for (char c : v) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i]) return false;
  }
  return true;
}

class Problems {
 public:
  Problems(ValidationReport* report, size_t max) : report_(report), max_(max) {}
  void Error(std::string message, Location where) {
    if (report_->errors.size() < max_) {
      report_->errors.emplace_back(ErrorCode::kInvalidInput, std::move(message), std::move(where));
    }
    ++report_->error_count;
  }
  void Warning(std::string message, Location where) {
    if (report_->warnings.size() < max_) {
      report_->warnings.emplace_back(ErrorCode::kInvalidInput, std::move(message),
                                     std::move(where));
    }
    ++report_->warning_count;
  }

 private:
  ValidationReport* report_;
  size_t max_;
};

// The current data row of a table, seen through the table's header.
class RowView {
 public:
  RowView(const std::string* file, const std::vector<int>* columns,
          const std::vector<std::string_view>* names, Problems* problems)
      : file_(file), columns_(columns), names_(names), problems_(problems) {}

  void Reset(const Row* row) { row_ = row; }
  int line() const { return row_->line; }

  // The trimmed text of spec column `c`; empty when the column or the field is absent.
  std::string_view Text(int c) const {
    const Field* f = FieldOf(c);
    return f == nullptr ? std::string_view() : Trim(f->text);
  }

  // Whether the field of spec column `c` was refused (and reported) by CheckShape.
  bool Refused(int c) const {
    const Field* f = FieldOf(c);
    return f != nullptr && f->refused;
  }

  Location Where(int c) const {
    const int f = (*columns_)[static_cast<size_t>(c)];
    int column = 0;
    if (f >= 0 && static_cast<size_t>(f) < row_->fields.size()) {
      column = row_->fields[static_cast<size_t>(f)].column;
    } else if (!row_->fields.empty()) {
      column = row_->fields.back().column;
    }
    return {*file_, row_->line, column};
  }

  std::string_view Name(int c) const { return (*names_)[static_cast<size_t>(c)]; }

  void Fail(int c, std::string message) const { problems_->Error(std::move(message), Where(c)); }
  void Warn(int c, std::string message) const { problems_->Warning(std::move(message), Where(c)); }

  // A required value: reports and returns empty when missing (not again when it was refused).
  std::string_view Required(int c) const {
    std::string_view v = Text(c);
    if (v.empty() && !Refused(c)) Fail(c, fmt::format("{} mangler verdi", Name(c)));
    return v;
  }

  // A required key (unit_id, employee_id, position_id): empty after reporting when it is missing;
  // reported, and returned all the same, when it breaks the rule of KeyProblem.
  std::string_view Key(int c) const {
    std::string_view v = Required(c);
    if (v.empty()) return v;
    if (std::string why = KeyProblem(v); !why.empty()) {
      Fail(c, fmt::format("{} {} {}", Name(c), Quote(v), why));
    }
    return v;
  }

  std::optional<Date> DateAt(int c, bool required) const {
    std::string_view v = required ? Required(c) : Text(c);
    if (v.empty()) return std::nullopt;
    auto d = core::ParseDate(v);
    if (!d) {
      Fail(c, fmt::format("{}: {} er ikke en gyldig dato (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)",
                          Name(c), Quote(v)));
    }
    return d;
  }

  std::optional<double> NumberAt(int c, bool required) const {
    std::string_view v = required ? Required(c) : Text(c);
    if (v.empty()) return std::nullopt;
    auto n = ParseNumber(v);
    if (!n) Fail(c, fmt::format("{}: {} er ikke et tall", Name(c), Quote(v)));
    return n;
  }

 private:
  const Field* FieldOf(int c) const {
    const int f = (*columns_)[static_cast<size_t>(c)];
    if (f < 0 || static_cast<size_t>(f) >= row_->fields.size()) return nullptr;
    return &row_->fields[static_cast<size_t>(f)];
  }

  const std::string* file_;
  const std::vector<int>* columns_;
  const std::vector<std::string_view>* names_;
  Problems* problems_;
  const Row* row_ = nullptr;
};

class Validator {
 public:
  Validator(PackageSource& source, const ValidationOptions& options, core::Workforce* out,
            ValidationReport* report, const ReadProgressFn& progress)
      : w_(*out),
        source_(source),
        options_(options),
        report_(report),
        problems_(report, options.max_problems),
        progress_(progress) {}

  void Run() {
    for (const std::string& entry : source_.UnknownEntries()) {
      problems_.Warning(
          fmt::format("{} er ikke en del av pakkeformatet og blir ikke lest", Quote(entry)),
          {source_.name()});
    }
    std::vector<ValidationReport> parts(PackageFiles().size());
    std::thread absence_reader;
    for (const FileSpec& spec : PackageFiles()) {
      ValidationReport* part = &parts[Idx(spec.kind)];
      display_[Idx(spec.kind)] = std::string(spec.name) + ".csv";
      if (!source_.Has(spec)) {
        if (!spec.optional) {
          Problems(part, options_.max_problems)
              .Error(fmt::format("pakken mangler {}.csv (eller arket «{}»), som er påkrevd",
                                 spec.name, spec.name),
                     {source_.name()});
        }
        continue;
      }
      if (spec.kind == FileKind::kAbsence) {
        // The largest file, on a thread of its own while pay, dialogues and follow-up are read.
        absence_reader = std::thread([this, &spec, part] { ReadFile(spec, part); });
      } else {
        ReadFile(spec, part);
      }
    }
    if (absence_reader.joinable()) absence_reader.join();
    for (const ValidationReport& part : parts) Merge(part);
    w_.present.pay = readable_[Idx(FileKind::kPay)];
    w_.present.dialogues = readable_[Idx(FileKind::kDialogues)];
    w_.present.followup = readable_[Idx(FileKind::kFollowup)];
  }

 private:
  static size_t Idx(FileKind k) { return static_cast<size_t>(k); }

  // Reads one file into the workforce; its problems go to `into`. Files after `positions` may be
  // read on two threads at once: they write different vectors and only read the earlier ones.
  void ReadFile(const FileSpec& spec, ValidationReport* into) {
    Problems problems(into, options_.max_problems);
    auto opened = source_.OpenTable(spec);
    if (!opened.ok()) {
      problems.Error(opened.error().message(), opened.error().location());
      return;
    }
    OpenedTable& table = *opened;
    const std::string& file = table.display_name;
    display_[Idx(spec.kind)] = file;
    FileSummary summary;
    summary.name = file;
    if (table.encoding) summary.encoding = std::string(ToString(*table.encoding));
    summary.separator = table.separator;
    if (table.text) summary.bytes = table.text->view().size();

    Row row;
    if (!table.reader->Next(&row)) {
      problems.Error("filen er tom (overskriftsraden mangler)", {file, 1, 0});
      into->files.push_back(summary);
      return;
    }
    // Header: spec column → field index.
    std::vector<int> columns(spec.columns.size(), -1);
    std::vector<std::string_view> names;
    for (const ColumnSpec& c : spec.columns) names.push_back(c.name);
    bool complete = true;
    const size_t header_fields = row.fields.size();
    for (size_t f = 0; f < row.fields.size(); ++f) {
      const std::string name = Lower(Trim(row.fields[f].text));
      const Location where{file, row.line, row.fields[f].column};
      if (name.empty()) {
        problems.Warning("kolonnen har ingen overskrift og blir ikke lest", where);
        continue;
      }
      auto it = std::find_if(spec.columns.begin(), spec.columns.end(),
                             [&](const ColumnSpec& c) { return c.name == name; });
      if (it == spec.columns.end()) {
        problems.Warning(fmt::format("ukjent kolonne {} blir ikke lest", Quote(name)), where);
        continue;
      }
      const size_t c = static_cast<size_t>(it - spec.columns.begin());
      if (columns[c] >= 0) {
        problems.Error(fmt::format("kolonnen {} står to ganger", Quote(name)), where);
        complete = false;
        continue;
      }
      columns[c] = static_cast<int>(f);
    }
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (spec.columns[c].required && columns[c] < 0) {
        problems.Error(fmt::format("mangler den påkrevde kolonnen {}", Quote(spec.columns[c].name)),
                       {file, row.line, 1});
        complete = false;
      }
    }
    if (!complete) {
      // Rows cannot be read reliably; later files are not checked against this one.
      into->files.push_back(summary);
      size_t reported = 0;
      Structure(*table.reader, problems, &reported);
      return;
    }

    // The contract's name of each field of the header, "" for the unknown ones (for messages).
    std::vector<std::string_view> field_names(header_fields);
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (columns[c] >= 0) field_names[static_cast<size_t>(columns[c])] = spec.columns[c].name;
    }
    RowView view(&file, &columns, &names, &problems);
    int64_t rows = 0;
    size_t structure_reported = table.reader->problems().size();
    while (table.reader->Next(&row)) {
      ++rows;
      // The reader's own problems (quoting) first, in line order with the rest.
      Structure(*table.reader, problems, &structure_reported);
      view.Reset(&row);
      CheckShape(row, field_names, file, problems);
      switch (spec.kind) {
        case FileKind::kUnits:
          UnitRow(view);
          break;
        case FileKind::kEmployees:
          EmployeeRow(view);
          break;
        case FileKind::kPositions:
          PositionRow(view);
          break;
        case FileKind::kAbsence:
          AbsenceRow(view);
          break;
        case FileKind::kPay:
          PayRow(view);
          break;
        case FileKind::kDialogues:
          DialogueRow(view);
          break;
        case FileKind::kFollowup:
          FollowupRow(view);
          break;
      }
      if (rows % kProgressEveryRows == 0) {
        Progress(file, table.reader->bytes_read(), table.reader->bytes_total());
      }
    }
    Progress(file, table.reader->bytes_total(), table.reader->bytes_total());
    Structure(*table.reader, problems, &structure_reported);
    summary.rows = rows;
    into->files.push_back(summary);
    readable_[Idx(spec.kind)] = true;
    if (spec.kind == FileKind::kUnits) CheckUnitTree(problems);
    if (spec.kind == FileKind::kPositions) CheckPositionPeriods(problems);
    if (options_.on_file_read) options_.on_file_read(spec.kind, into->error_count == 0);
  }

  // Appends a file's report to the whole, in file order, within the limit.
  void Merge(const ValidationReport& part) {
    for (const Error& e : part.errors) {
      if (report_->errors.size() < options_.max_problems) report_->errors.push_back(e);
    }
    for (const Error& e : part.warnings) {
      if (report_->warnings.size() < options_.max_problems) report_->warnings.push_back(e);
    }
    report_->error_count += part.error_count;
    report_->warning_count += part.warning_count;
    report_->files.insert(report_->files.end(), part.files.begin(), part.files.end());
  }

  void Progress(const std::string& file, size_t done, size_t total) {
    if (!progress_) return;
    std::lock_guard<std::mutex> lock(progress_mutex_);
    progress_(file, done, total);
  }

  // Reports the reader's problems from number `*reported` on.
  void Structure(const TableReader& reader, Problems& problems, size_t* reported) {
    const auto& found = reader.problems();
    for (; *reported < found.size(); ++*reported) {
      problems.Error(found[*reported].message(), found[*reported].location());
    }
  }

  // For every field of every row: its length, control characters and national identity numbers.
  // A field with one of these problems is reported here and refused (emptied), so that it is
  // neither quoted nor kept. Then the field count.
  void CheckShape(Row& row, const std::vector<std::string_view>& field_names,
                  const std::string& file, Problems& problems) {
    const size_t header_fields = field_names.size();
    for (size_t i = 0; i < row.fields.size(); ++i) {
      Field& f = row.fields[i];
      const std::string_view t = f.text;
      // "name: " before the message; a view, so that the common case costs nothing.
      const std::string_view name = i < header_fields ? field_names[i] : std::string_view();
      const std::string_view colon = name.empty() ? "" : ": ";
      std::string problem;
      if (t.size() > kMaxFieldChars && CharCount(t) > kMaxFieldChars) {
        problem = fmt::format(
            "{}{}feltet har {} tegn; et felt kan ha høyst {} (en nøkkel, en kode, et tall, en dato "
            "eller et kort navn)",
            name, colon, CharCount(t), kMaxFieldChars);
      } else if (t.size() >= 11 && ContainsNationalId(t)) {
        problem =
            "verdien ser ut som et fødselsnummer; pakken må være pseudonymisert (bruk et internt "
            "ansattnummer), og ingenting er lest inn";
      } else if (std::string control = core::ControlCharacterIn(t);  // tabs around it are fine
                 !control.empty() && !(control = core::ControlCharacterIn(Trim(t))).empty()) {
        problem = fmt::format(
            "{}{}verdien inneholder kontrolltegnet {}, som ikke kan stå i en tekst (linjeskift, "
            "tabulator, escape o.l.); fjern det i kildesystemet",
            name, colon, control);
      }
      if (problem.empty()) continue;
      problems.Error(std::move(problem), {file, row.line, f.column});
      f.text = {};
      f.refused = true;
    }
    if (row.fields.size() < header_fields) {
      problems.Error(fmt::format("raden har {} felt, men overskriften har {}", row.fields.size(),
                                 header_fields),
                     {file, row.line, row.fields.back().column});
    } else if (row.fields.size() > header_fields) {
      for (size_t f = header_fields; f < row.fields.size(); ++f) {
        if (!Trim(row.fields[f].text).empty()) {
          problems.Error(fmt::format("raden har {} felt, men overskriften har {}",
                                     row.fields.size(), header_fields),
                         {file, row.line, row.fields[f].column});
          break;
        }
      }
    }
  }

  // Registers `key` in `index` or reports the duplicate; returns false for a duplicate.
  bool AddKey(KeyIndex& index, std::vector<int>& lines, std::string_view key, int32_t value,
              const RowView& row, int c) {
    const auto [existing, added] = index.Insert(key, value);
    if (!added) {
      row.Fail(c, fmt::format("{} {} finnes allerede på linje {}", row.Name(c), Quote(key),
                              lines[static_cast<size_t>(existing)]));
    }
    return added;
  }

  // The last key looked up at one place and what it found: exports come sorted by person, so
  // consecutive rows mostly name the same employee and position.
  struct Memo {
    std::string key;
    int32_t value = -1;
  };

  // The index of `key` in `index`, or -1 after reporting it (when the other file was readable).
  int32_t Reference(const KeyIndex& index, Memo& memo, FileKind target, std::string_view key,
                    const RowView& row, int c) {
    if (memo.value >= 0 && key == memo.key) return memo.value;
    const int32_t found = index.Find(key);
    if (found >= 0) {
      memo.key.assign(key);
      memo.value = found;
      return found;
    }
    if (readable_[Idx(target)]) {
      row.Fail(c, fmt::format("ukjent {} {} (finnes ikke i {})", row.Name(c), Quote(key),
                              display_[Idx(target)]));
    }
    return -1;
  }

  void UnitRow(const RowView& r) {
    core::Unit u;
    const std::string_view key = r.Key(col::kUnitId);
    u.name = std::string(r.Required(col::kUnitName));
    u.sector = std::string(r.Text(col::kSector));
    u.kind = std::string(r.Text(col::kKind));
    if (key.empty()) return;
    if (!AddKey(units_, unit_lines_, key, static_cast<int32_t>(w_.units.size()), r, col::kUnitId))
      return;
    u.key = std::string(key);
    unit_lines_.push_back(r.line());
    unit_parent_keys_.emplace_back(r.Text(col::kParentId));
    unit_parent_where_.push_back(r.Where(col::kParentId));
    w_.units.push_back(std::move(u));
  }

  void EmployeeRow(const RowView& r) {
    core::Employee e;
    const std::string_view key = r.Key(col::kEmployeeId);
    e.name = std::string(r.Text(col::kName));
    e.education = std::string(r.Text(col::kEducation));
    bool ok = !key.empty();
    if (std::string_view g = r.Required(col::kGender); !g.empty()) {
      if (auto gender = core::ParseGender(g)) {
        e.gender = *gender;
      } else {
        r.Fail(col::kGender,
               fmt::format("gender: {} er ukjent (bruk K, M eller X; kvinne, mann eller F)",
                           Quote(g)));
        ok = false;
      }
    } else {
      ok = false;
    }
    if (std::string_view y = r.Required(col::kBirthYear); !y.empty()) {
      auto year = ParseInteger(y);
      const int this_year = options_.today.year();
      if (!year) {
        r.Fail(col::kBirthYear, fmt::format("birth_year: {} er ikke et årstall", Quote(y)));
        ok = false;
      } else if (*year < 1900 || *year > this_year) {
        r.Fail(col::kBirthYear, fmt::format("birth_year: {} er utenfor 1900–{}", *year, this_year));
        ok = false;
      } else {
        e.birth_year = static_cast<int>(*year);
      }
    } else {
      ok = false;
    }
    if (key.empty()) return;
    if (!AddKey(employees_, employee_lines_, key, static_cast<int32_t>(w_.employees.size()), r,
                col::kEmployeeId))
      return;
    (void)ok;  // a bad attribute is reported; the key still resolves references
    e.key = std::string(key);
    employee_lines_.push_back(r.line());
    w_.employees.push_back(std::move(e));
  }

  void PositionRow(const RowView& r) {
    core::PositionPeriod p;
    const std::string_view key = r.Key(col::kPositionId);
    const std::string_view employee_key = r.Required(col::kPosEmployeeId);
    const std::string_view unit_key = r.Required(col::kPosUnitId);
    const int32_t employee =
        employee_key.empty() ? -1
                             : Reference(employees_, memo_.position_employee, FileKind::kEmployees,
                                         employee_key, r, col::kPosEmployeeId);
    p.unit = unit_key.empty() ? -1
                              : Reference(units_, memo_.position_unit, FileKind::kUnits, unit_key,
                                          r, col::kPosUnitId);
    auto start = r.DateAt(col::kStartDate, true);
    auto end = r.DateAt(col::kEndDate, false);
    if (start && end && *end < *start) {
      r.Fail(col::kEndDate,
             fmt::format("end_date {} er før start_date {}", end->ToIso(), start->ToIso()));
    }
    if (auto pct = r.NumberAt(col::kPercent, true)) {
      if (*pct <= 0 || *pct > 100) {
        r.Fail(col::kPercent,
               fmt::format("percent: {} må være større enn 0 og høyst 100", r.Text(col::kPercent)));
      } else {
        p.percent = *pct;
      }
    }
    if (std::string_view e = r.Required(col::kEmployment); !e.empty()) {
      if (auto emp = core::ParseEmployment(e)) {
        p.employment = *emp;
      } else {
        r.Fail(col::kEmployment,
               fmt::format("employment: {} er ukjent (bruk fast, midlertidig, vikar, laerling "
                           "eller timelonnet)",
                           Quote(e)));
      }
    }
    p.job_code = std::string(r.Text(col::kJobCode));
    p.job_title = std::string(r.Text(col::kJobTitle));
    if (std::string_view l = r.Text(col::kLeader); !l.empty()) {
      if (auto flag = ParseFlag(l)) {
        p.leader = *flag;
      } else {
        r.Fail(col::kLeader, fmt::format("leader: {} må være 0 eller 1", Quote(l)));
      }
    }
    if (auto hours = r.NumberAt(col::kFulltimeHours, false)) {
      if (*hours <= 0 || *hours > 60) {
        r.Fail(col::kFulltimeHours,
               fmt::format("fulltime_hours: {} er ikke en ukentlig arbeidstid (f.eks. 37,5, 35,5 "
                           "eller 33,6)",
                           r.Text(col::kFulltimeHours)));
      } else {
        p.fulltime_hours = *hours;
      }
    }
    if (std::string_view reason = r.Text(col::kEndReason); !reason.empty()) {
      if (auto er = core::ParseEndReason(reason)) {
        p.end_reason = *er;
        if (!end) r.Warn(col::kEndReason, "end_reason er oppgitt, men end_date mangler");
      } else {
        r.Fail(col::kEndReason,
               fmt::format("end_reason: {} er ukjent (bruk egen_oppsigelse, pensjon_alder, afp, "
                           "ufore, oppsigelse, dodsfall, midlertidig_utlopt eller annet)",
                           Quote(reason)));
      }
    }
    if (key.empty()) return;
    // The position itself: created by its first row, so that absences find it even when a row
    // has a bad date; later rows must name the same employee.
    const auto [position, added] =
        positions_.Insert(key, static_cast<int32_t>(w_.positions.size()));
    if (added) {
      w_.positions.push_back({std::string(key), employee});
      position_first_line_.push_back(r.line());
    } else {
      const core::Position& pos = w_.positions[static_cast<size_t>(position)];
      if (employee >= 0 && pos.employee >= 0 && pos.employee != employee) {
        r.Fail(
            col::kPosEmployeeId,
            fmt::format("stillingen {} tilhører {} på linje {}, ikke {}", Quote(key),
                        Quote(w_.employees[static_cast<size_t>(pos.employee)].key),
                        position_first_line_[static_cast<size_t>(position)], Quote(employee_key)));
      }
    }
    if (!start) return;
    p.start = *start;
    p.end = end;
    p.position = position;
    period_lines_.push_back(r.line());
    w_.periods.push_back(std::move(p));
  }

  void AbsenceRow(const RowView& r) {
    core::Absence a;
    const std::string_view employee_key = r.Required(col::kAbsEmployeeId);
    a.employee = employee_key.empty()
                     ? -1
                     : Reference(employees_, memo_.absence_employee, FileKind::kEmployees,
                                 employee_key, r, col::kAbsEmployeeId);
    if (std::string_view pk = r.Text(col::kAbsPositionId); !pk.empty()) {
      a.position = Reference(positions_, memo_.absence_position, FileKind::kPositions, pk, r,
                             col::kAbsPositionId);
      if (a.position >= 0 && a.employee >= 0) {
        const int32_t owner = w_.positions[static_cast<size_t>(a.position)].employee;
        if (owner >= 0 && owner != a.employee) {
          r.Fail(col::kAbsPositionId,
                 fmt::format("stillingen {} tilhører {}, ikke {}", Quote(pk),
                             Quote(w_.employees[static_cast<size_t>(owner)].key),
                             Quote(employee_key)));
        }
      }
    }
    const std::string_view type = r.Required(col::kType);
    if (EqualsIgnoreCase(type, "egenmeldt")) {
      a.type = core::AbsenceType::kSelfCertified;
    } else if (EqualsIgnoreCase(type, "legemeldt")) {
      a.type = core::AbsenceType::kDoctorCertified;
    } else if (!type.empty()) {
      a.type = core::AbsenceType::kOther;
      const std::string type_lower = Lower(type);
      auto [it, added] =
          other_types_.try_emplace(type_lower, static_cast<int32_t>(w_.other_absence_types.size()));
      if (added) w_.other_absence_types.push_back(type_lower);
      a.other_type = it->second;
    }
    auto start = r.DateAt(col::kAbsStartDate, true);
    auto end = r.DateAt(col::kAbsEndDate, true);
    if (start && end && *end < *start) {
      r.Fail(col::kAbsEndDate,
             fmt::format("end_date {} er før start_date {}", end->ToIso(), start->ToIso()));
    }
    if (std::string_view g = r.Text(col::kGrade); !g.empty()) {
      auto grade = ParseInteger(g);
      if (!grade || *grade < 20 || *grade > 100) {
        r.Fail(col::kGrade, fmt::format("grade: {} må være et helt tall fra 20 til 100", Quote(g)));
      } else if (a.type == core::AbsenceType::kSelfCertified && *grade != 100) {
        r.Fail(col::kGrade, fmt::format("grade: egenmelding er alltid 100 %, ikke {}", *grade));
      } else {
        a.grade = static_cast<uint8_t>(*grade);
      }
    }
    if (a.employee < 0 || type.empty() || !start || !end) return;
    a.start = *start;
    a.end = *end;
    w_.absences.push_back(a);
  }

  int32_t EmployeeRef(const RowView& r, int c) {
    const std::string_view key = r.Required(c);
    return key.empty()
               ? -1
               : Reference(employees_, memo_.optional_employee, FileKind::kEmployees, key, r, c);
  }

  void PayRow(const RowView& r) {
    core::PayRecord p;
    p.employee = EmployeeRef(r, col::kPayEmployeeId);
    auto date = r.DateAt(col::kPayDate, true);
    auto salary = r.NumberAt(col::kAnnualBaseSalary, true);
    if (salary) {
      if (*salary <= 0) {
        r.Fail(col::kAnnualBaseSalary, "annual_base_salary må være større enn 0");
        salary.reset();
      } else if (*salary < 100000) {
        r.Warn(col::kAnnualBaseSalary,
               fmt::format("annual_base_salary {} ser ut som en månedslønn; kolonnen skal ha "
                           "årslønn omregnet til 100 %",
                           r.Text(col::kAnnualBaseSalary)));
      }
    }
    if (auto allowances = r.NumberAt(col::kFixedAllowances, false)) {
      if (*allowances < 0) {
        r.Fail(col::kFixedAllowances, "fixed_allowances kan ikke være negativ");
      } else {
        p.fixed_allowances = *allowances;
      }
    }
    if (p.employee < 0 || !date || !salary) return;
    p.date = *date;
    p.annual_base_salary = *salary;
    w_.pay.push_back(p);
  }

  void DialogueRow(const RowView& r) {
    const int32_t employee = EmployeeRef(r, col::kDlgEmployeeId);
    auto date = r.DateAt(col::kDlgDate, true);
    if (employee >= 0 && date) w_.dialogues.push_back({employee, *date});
  }

  void FollowupRow(const RowView& r) {
    core::FollowupEvent f;
    f.employee = EmployeeRef(r, col::kFupEmployeeId);
    bool ok = f.employee >= 0;
    if (std::string_view e = r.Required(col::kEvent); !e.empty()) {
      if (auto kind = core::ParseFollowupKind(e)) {
        f.kind = *kind;
      } else {
        r.Fail(col::kEvent,
               fmt::format("event: {} er ukjent (bruk oppfolgingsplan, dialogmote1 eller "
                           "dialogmote2)",
                           Quote(e)));
        ok = false;
      }
    } else {
      ok = false;
    }
    auto date = r.DateAt(col::kFupDate, true);
    if (!ok || !date) return;
    f.date = *date;
    w_.followup.push_back(f);
  }

  // Parents resolve, exactly one root, no cycles.
  void CheckUnitTree(Problems& problems) {
    const std::string& file = display_[Idx(FileKind::kUnits)];
    std::vector<int32_t> roots;
    for (size_t i = 0; i < w_.units.size(); ++i) {
      const std::string& parent = unit_parent_keys_[i];
      if (parent.empty()) {
        roots.push_back(static_cast<int32_t>(i));
        continue;
      }
      const int32_t parent_index = units_.Find(parent);
      if (parent_index < 0) {
        problems.Error(
            fmt::format("ukjent parent_id {} (finnes ikke som unit_id i {})", Quote(parent), file),
            unit_parent_where_[i]);
      } else {
        w_.units[i].parent = parent_index;
      }
    }
    if (w_.units.empty()) {
      problems.Error("units har ingen enheter", {file});
    } else if (roots.size() > 1) {
      std::string names;
      for (size_t k = 0; k < roots.size() && k < 5; ++k) {
        names += (k ? ", " : "") + Quote(w_.units[static_cast<size_t>(roots[k])].key);
      }
      if (roots.size() > 5) names += fmt::format(" og {} til", roots.size() - 5);
      problems.Error(fmt::format("enhetstreet har {} rotenheter ({}); bare én enhet (kommunen) kan "
                                 "stå uten parent_id",
                                 roots.size(), names),
                     {file, unit_lines_[static_cast<size_t>(roots[1])], 0});
    }
    // Cycles: walk up from every unit; 0 = unvisited, 1 = on the current path, 2 = done.
    std::vector<uint8_t> state(w_.units.size(), 0);
    for (size_t start = 0; start < w_.units.size(); ++start) {
      std::vector<int32_t> path;
      int32_t u = static_cast<int32_t>(start);
      while (u >= 0 && state[static_cast<size_t>(u)] == 0) {
        state[static_cast<size_t>(u)] = 1;
        path.push_back(u);
        u = w_.units[static_cast<size_t>(u)].parent;
      }
      if (u >= 0 && state[static_cast<size_t>(u)] == 1) {
        const auto from = std::find(path.begin(), path.end(), u);
        std::string chain;
        for (auto it = from; it != path.end(); ++it)
          chain += w_.units[static_cast<size_t>(*it)].key + " → ";
        chain += w_.units[static_cast<size_t>(u)].key;
        problems.Error(fmt::format("enhetstreet går i ring: {}", chain),
                       unit_parent_where_[static_cast<size_t>(u)]);
        for (int32_t v : path) w_.units[static_cast<size_t>(v)].parent = -1;  // break it
      }
      for (int32_t v : path) state[static_cast<size_t>(v)] = 2;
    }
  }

  // Periods of one position must not overlap.
  void CheckPositionPeriods(Problems& problems) {
    const std::string& file = display_[Idx(FileKind::kPositions)];
    std::vector<int32_t> order(w_.periods.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      const auto& pa = w_.periods[static_cast<size_t>(a)];
      const auto& pb = w_.periods[static_cast<size_t>(b)];
      return pa.position != pb.position ? pa.position < pb.position : pa.start < pb.start;
    });
    for (size_t k = 1; k < order.size(); ++k) {
      const auto& prev = w_.periods[static_cast<size_t>(order[k - 1])];
      const auto& cur = w_.periods[static_cast<size_t>(order[k])];
      if (prev.position != cur.position) continue;
      if (!prev.end || *prev.end >= cur.start) {
        problems.Error(
            fmt::format(
                "stillingen {} har overlappende perioder: denne ({} – {}) og linje {} ({} – {})",
                Quote(w_.positions[static_cast<size_t>(cur.position)].key), cur.start.ToIso(),
                cur.end ? cur.end->ToIso() : "løpende",
                period_lines_[static_cast<size_t>(order[k - 1])], prev.start.ToIso(),
                prev.end ? prev.end->ToIso() : "løpende"),
            {file, period_lines_[static_cast<size_t>(order[k])], 0});
      }
    }
  }

  core::Workforce& w_;
  PackageSource& source_;
  const ValidationOptions& options_;
  ValidationReport* report_;
  Problems problems_;
  const ReadProgressFn& progress_;
  std::mutex progress_mutex_;
  std::string display_[7];
  bool readable_[7] = {};
  KeyIndex units_, employees_, positions_;
  // One memo per place of lookup; the absence memos are used by the absence thread only.
  struct {
    Memo position_employee, position_unit, absence_employee, absence_position, optional_employee;
  } memo_;
  std::vector<int> unit_lines_, employee_lines_, position_first_line_, period_lines_;
  std::vector<std::string> unit_parent_keys_;
  std::vector<Location> unit_parent_where_;
  std::unordered_map<std::string, int32_t> other_types_;
};

}  // namespace

void ValidatePackage(PackageSource& source, const ValidationOptions& options, core::Workforce* out,
                     ValidationReport* report, const ReadProgressFn& progress) {
  Validator(source, options, out, report, progress).Run();
}

core::Workforce ValidatePackage(PackageSource& source, const ValidationOptions& options,
                                ValidationReport* report, const ReadProgressFn& progress) {
  core::Workforce w;
  ValidatePackage(source, options, &w, report, progress);
  return w;
}

}  // namespace agp::ingest
