#include "ingest/package_writer.h"

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

// A CSV file written through a large buffer: national packages are ten million rows.
class CsvOut {
 public:
  explicit CsvOut(const fs::path& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    buf_.reserve(kFlushAt + 4096);
  }
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;
  ~CsvOut() {
    if (file_ != nullptr) std::fclose(file_);
  }

  CsvOut& Text(std::string_view v) {
    Sep();
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
      buf_.append(v);
    } else {
      buf_.push_back('"');
      for (char c : v) {
        if (c == '"') buf_.push_back('"');
        buf_.push_back(c);
      }
      buf_.push_back('"');
    }
    return *this;
  }
  CsvOut& Int(long long v) {
    Sep();
    char tmp[24];
    buf_.append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
    return *this;
  }
  CsvOut& Num(double v) {
    Sep();
    // Shortest round trip in plain notation: "600000", "37.5", never "6e+05" (which the package
    // format does not accept).
    char tmp[400];
    buf_.append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed).ptr);
    return *this;
  }
  CsvOut& Day(core::Date d) { return Text(d.ToIso()); }
  CsvOut& Empty() { return Text(""); }
  void EndRow() {
    buf_.push_back('\n');
    first_ = true;
    if (buf_.size() >= kFlushAt) Flush();
  }

  core::Status Close() {
    if (file_ == nullptr) return Error(ErrorCode::kIo, "kan ikke opprette filen", {path_.string()});
    Flush();
    const bool failed = failed_ || std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed)
      return Error(ErrorCode::kIo, "kan ikke skrive filen (er disken full?)", {path_.string()});
    return core::Ok{};
  }

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  void Sep() {
    if (!first_) buf_.push_back(',');
    first_ = false;
  }
  void Flush() {
    if (file_ != nullptr && !buf_.empty() &&
        std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
      failed_ = true;
    }
    buf_.clear();
  }

  fs::path path_;
  std::FILE* file_;
  std::string buf_;
  bool first_ = true;
  bool failed_ = false;
};

}  // namespace

core::Status WritePackage(const core::Workforce& w, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error(ErrorCode::kIo, "kan ikke opprette mappen: " + ec.message(), {dir.string()});
  auto index = [](int32_t i) { return static_cast<size_t>(i); };
  {
    CsvOut out(dir / "units.csv");
    out.Text("unit_id").Text("parent_id").Text("name").Text("sector").Text("kind").EndRow();
    for (const core::Unit& u : w.units) {
      out.Text(u.key).Text(u.parent >= 0 ? std::string_view(w.units[index(u.parent)].key) : "");
      out.Text(u.name).Text(u.sector).Text(u.kind).EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  {
    CsvOut out(dir / "employees.csv");
    out.Text("employee_id")
        .Text("name")
        .Text("gender")
        .Text("birth_year")
        .Text("education")
        .EndRow();
    for (const core::Employee& e : w.employees) {
      out.Text(e.key).Text(e.name).Text(core::ToCode(e.gender)).Int(e.birth_year).Text(e.education);
      out.EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  {
    CsvOut out(dir / "positions.csv");
    out.Text("position_id").Text("employee_id").Text("unit_id").Text("start_date").Text("end_date");
    out.Text("percent").Text("employment").Text("job_code").Text("job_title").Text("leader");
    out.Text("fulltime_hours").Text("end_reason").EndRow();
    for (const core::PositionPeriod& p : w.periods) {
      const core::Position& pos = w.positions[index(p.position)];
      out.Text(pos.key).Text(w.employees[index(pos.employee)].key).Text(w.units[index(p.unit)].key);
      out.Day(p.start);
      if (p.end) {
        out.Day(*p.end);
      } else {
        out.Empty();
      }
      out.Num(p.percent).Text(core::ToCode(p.employment)).Text(p.job_code).Text(p.job_title);
      out.Int(p.leader ? 1 : 0);
      if (p.fulltime_hours) {
        out.Num(*p.fulltime_hours);
      } else {
        out.Empty();
      }
      out.Text(core::ToCode(p.end_reason)).EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  {
    CsvOut out(dir / "absence.csv");
    out.Text("employee_id").Text("position_id").Text("type").Text("start_date").Text("end_date");
    out.Text("grade").EndRow();
    for (const core::Absence& a : w.absences) {
      out.Text(w.employees[index(a.employee)].key);
      out.Text(a.position >= 0 ? std::string_view(w.positions[index(a.position)].key) : "");
      out.Text(a.type == core::AbsenceType::kOther
                   ? std::string_view(w.other_absence_types[index(a.other_type)])
                   : core::ToCode(a.type));
      out.Day(a.start).Day(a.end).Int(a.grade).EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  if (w.present.pay) {
    CsvOut out(dir / "pay.csv");
    out.Text("employee_id")
        .Text("date")
        .Text("annual_base_salary")
        .Text("fixed_allowances")
        .EndRow();
    for (const core::PayRecord& p : w.pay) {
      out.Text(w.employees[index(p.employee)].key).Day(p.date).Num(p.annual_base_salary);
      out.Num(p.fixed_allowances).EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  if (w.present.dialogues) {
    CsvOut out(dir / "dialogues.csv");
    out.Text("employee_id").Text("date").EndRow();
    for (const core::Dialogue& d : w.dialogues) {
      out.Text(w.employees[index(d.employee)].key).Day(d.date).EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  if (w.present.followup) {
    CsvOut out(dir / "followup.csv");
    out.Text("employee_id").Text("event").Text("date").EndRow();
    for (const core::FollowupEvent& f : w.followup) {
      out.Text(w.employees[index(f.employee)].key).Text(core::ToCode(f.kind)).Day(f.date).EndRow();
    }
    if (auto s = out.Close(); !s.ok()) return s;
  }
  return core::Ok{};
}

}  // namespace agp::ingest
