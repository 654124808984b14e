#include "ingest/package_writer.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

// One CSV file written through a large buffer with fwrite: no stream formatting per field.
class CsvFile {
 public:
  explicit CsvFile(const fs::path& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) {
      errno_ = errno;
      return;
    }
    std::setvbuf(file_, nullptr, _IONBF, 0);  // this class buffers
    buf_.reserve(kFlushAt + 64 * 1024);
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (file_ != nullptr) std::fclose(file_);
  }

  bool ok() const { return file_ != nullptr && errno_ == 0; }

  void Header(std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) Text(name);
    EndRow();
  }

  // A text field, quoted when it holds a separator, a quote or a line break (RFC 4180).
  void Text(std::string_view v) {
    Separator();
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
      buf_.append(v);
      return;
    }
    buf_.push_back('"');
    for (char c : v) {
      if (c == '"') buf_.push_back('"');
      buf_.push_back(c);
    }
    buf_.push_back('"');
  }
  void Empty() { Separator(); }
  void Int(int64_t v) {
    Separator();
    char tmp[24];
    buf_.append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
  }
  // The shortest text that reads back as `v`, in plain notation: "600000", "37.5", "33.33".
  void Number(double v) {
    Separator();
    char tmp[512];  // plain notation of the largest double needs 309 digits
    buf_.append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed).ptr);
  }
  // YYYY-MM-DD.
  void Day(core::Date d) {
    Separator();
    buf_.append(d.ToIso());  // ten characters: no allocation (small-string buffer)
  }
  void EndRow() {
    buf_.push_back('\n');
    first_ = true;
    if (buf_.size() >= kFlushAt) Flush();
  }

  core::Status Close() {
    if (file_ == nullptr) return Failure("kan ikke opprette filen");
    Flush();
    if (std::fclose(file_) != 0 && errno_ == 0) errno_ = errno;
    file_ = nullptr;
    if (errno_ != 0) return Failure("kan ikke skrive filen");
    return core::Ok{};
  }

 private:
  static constexpr size_t kFlushAt = 4 << 20;

  void Separator() {
    if (!first_) buf_.push_back(',');
    first_ = false;
  }
  void Flush() {
    if (file_ != nullptr && errno_ == 0 && !buf_.empty() &&
        std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
      errno_ = errno != 0 ? errno : EIO;
    }
    buf_.clear();
  }
  Error Failure(std::string_view what) const {
    return Error(ErrorCode::kIo, std::string(what) + ": " + std::strerror(errno_),
                 {path_.string()});
  }

  fs::path path_;
  std::FILE* file_;
  int errno_ = 0;
  std::string buf_;
  bool first_ = true;
};

size_t At(int32_t index) { return static_cast<size_t>(index); }

core::Status WriteUnits(const core::Workforce& w, CsvFile& out) {
  out.Header({"unit_id", "parent_id", "name", "sector", "kind"});
  for (const core::Unit& u : w.units) {
    out.Text(u.key);
    out.Text(u.parent >= 0 ? std::string_view(w.units[At(u.parent)].key) : "");
    out.Text(u.name);
    out.Text(u.sector);
    out.Text(u.kind);
    out.EndRow();
  }
  return out.Close();
}

core::Status WriteEmployees(const core::Workforce& w, CsvFile& out) {
  out.Header({"employee_id", "name", "gender", "birth_year", "education"});
  for (const core::Employee& e : w.employees) {
    out.Text(e.key);
    out.Text(e.name);
    out.Text(core::ToCode(e.gender));
    out.Int(e.birth_year);
    out.Text(e.education);
    out.EndRow();
  }
  return out.Close();
}

core::Status WritePositions(const core::Workforce& w, CsvFile& out) {
  out.Header({"position_id", "employee_id", "unit_id", "start_date", "end_date", "percent",
              "employment", "job_code", "job_title", "leader", "fulltime_hours", "end_reason"});
  for (const core::PositionPeriod& p : w.periods) {
    const core::Position& position = w.positions[At(p.position)];
    out.Text(position.key);
    out.Text(w.employees[At(position.employee)].key);
    out.Text(w.units[At(p.unit)].key);
    out.Day(p.start);
    if (p.end) {
      out.Day(*p.end);
    } else {
      out.Empty();
    }
    out.Number(p.percent);
    out.Text(core::ToCode(p.employment));
    out.Text(p.job_code);
    out.Text(p.job_title);
    out.Int(p.leader ? 1 : 0);
    if (p.fulltime_hours) {
      out.Number(*p.fulltime_hours);
    } else {
      out.Empty();
    }
    out.Text(core::ToCode(p.end_reason));
    out.EndRow();
  }
  return out.Close();
}

core::Status WriteAbsences(const core::Workforce& w, CsvFile& out) {
  out.Header({"employee_id", "position_id", "type", "start_date", "end_date", "grade"});
  for (const core::Absence& a : w.absences) {
    out.Text(w.employees[At(a.employee)].key);
    out.Text(a.position >= 0 ? std::string_view(w.positions[At(a.position)].key) : "");
    out.Text(a.type == core::AbsenceType::kOther
                 ? std::string_view(w.other_absence_types[At(a.other_type)])
                 : core::ToCode(a.type));
    out.Day(a.start);
    out.Day(a.end);
    out.Int(a.grade);
    out.EndRow();
  }
  return out.Close();
}

core::Status WritePay(const core::Workforce& w, CsvFile& out) {
  out.Header({"employee_id", "date", "annual_base_salary", "fixed_allowances"});
  for (const core::PayRecord& p : w.pay) {
    out.Text(w.employees[At(p.employee)].key);
    out.Day(p.date);
    out.Number(p.annual_base_salary);
    out.Number(p.fixed_allowances);
    out.EndRow();
  }
  return out.Close();
}

core::Status WriteDialogues(const core::Workforce& w, CsvFile& out) {
  out.Header({"employee_id", "date"});
  for (const core::Dialogue& d : w.dialogues) {
    out.Text(w.employees[At(d.employee)].key);
    out.Day(d.date);
    out.EndRow();
  }
  return out.Close();
}

core::Status WriteFollowup(const core::Workforce& w, CsvFile& out) {
  out.Header({"employee_id", "event", "date"});
  for (const core::FollowupEvent& f : w.followup) {
    out.Text(w.employees[At(f.employee)].key);
    out.Text(core::ToCode(f.kind));
    out.Day(f.date);
    out.EndRow();
  }
  return out.Close();
}

}  // namespace

core::Status WritePackage(const core::Workforce& w, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error(ErrorCode::kIo, "kan ikke opprette mappen: " + ec.message(), {dir.string()});

  using Writer = core::Status (*)(const core::Workforce&, CsvFile&);
  struct Part {
    const char* file;
    bool present;
    Writer write;
  };
  const Part parts[] = {
      {"units.csv", true, WriteUnits},
      {"employees.csv", true, WriteEmployees},
      {"positions.csv", true, WritePositions},
      {"absence.csv", true, WriteAbsences},
      {"pay.csv", w.present.pay, WritePay},
      {"dialogues.csv", w.present.dialogues, WriteDialogues},
      {"followup.csv", w.present.followup, WriteFollowup},
  };
  for (const Part& part : parts) {
    const fs::path path = dir / part.file;
    if (!part.present) {
      // A file left from an earlier package would be read as part of this one.
      fs::remove(path, ec);
      if (ec)
        return Error(ErrorCode::kIo, "kan ikke fjerne filen: " + ec.message(), {path.string()});
      continue;
    }
    CsvFile out(path);
    if (!out.ok()) return out.Close();
    if (auto status = part.write(w, out); !status.ok()) return status;
  }
  return core::Ok{};
}

}  // namespace agp::ingest
