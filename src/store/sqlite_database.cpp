// SQLite implementation of store::Database.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/database.h"
#include "store/migrations.h"
#include "store/sqlite_statement.h"

namespace agp::store {
namespace {

using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;

constexpr int64_t kProgressEvery = 1 << 16;

// Rows per table as the import log and CountRows name them, and the table each lives in.
constexpr std::pair<const char*, const char*> kTables[] = {
    {"units", "unit"},         {"employees", "employee"},
    {"positions", "position"}, {"position_periods", "position_period"},
    {"absences", "absence"},   {"pay", "pay"},
    {"dialogues", "dialogue"}, {"followup_events", "followup_event"},
};

std::string CountsToJson(const TableCounts& counts) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : counts) j[k] = v;
  return j.dump();
}

TableCounts CountsFromJson(const std::string& text) {
  TableCounts counts;
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (v.is_number_integer()) counts[k] = v.get<int64_t>();
    }
  }
  return counts;
}

// Rolls back unless committed: every early return in ReplaceWorkforce leaves the database as it
// was.
class Transaction {
 public:
  explicit Transaction(SqliteConnection* db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (open_) (void)db_->Exec("ROLLBACK");
  }
  Status Begin() {
    Status s = db_->Exec("BEGIN IMMEDIATE");
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = db_->Exec("COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  SqliteConnection* db_;
  bool open_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteConnection db) : db_(std::move(db)) {}

  Status Configure(bool in_memory) {
    // WAL lets readers see the last committed data while an import writes; NORMAL sync is
    // durable across application crashes and loses at most the last commit on power loss.
    std::string pragmas =
        "PRAGMA foreign_keys = ON;"
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA temp_store = MEMORY;"
        "PRAGMA cache_size = -131072;";
    if (!in_memory) pragmas += "PRAGMA journal_mode = WAL;";
    sqlite3_busy_timeout(db_.get(), 10000);
    return db_.Exec(pragmas);
  }

  Status Migrate() {
    Status s = db_.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migration ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
    if (!s.ok()) return s;
    Result<int> current = SchemaVersion();
    if (!current.ok()) return current.error();
    if (*current > LatestSchemaVersion()) {
      return Error(ErrorCode::kInternal,
                   "the database has schema version " + std::to_string(*current) +
                       ", newer than this agp knows (" + std::to_string(LatestSchemaVersion()) +
                       "); upgrade agp");
    }
    for (const Migration& m : Migrations()) {
      if (m.version <= *current) continue;
      Transaction tx(&db_);
      if (s = tx.Begin(); !s.ok()) return s;
      if (s = db_.Exec(std::string(m.sql)); !s.ok()) {
        return Error(ErrorCode::kInternal,
                     "migration " + std::to_string(m.version) + " failed: " + s.error().message());
      }
      Statement record(db_.get(),
                       "INSERT INTO schema_migration(version, description, applied_at) "
                       "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
      record.Bind(1, static_cast<int64_t>(m.version)).Bind(2, m.description);
      if (s = record.Run(); !s.ok()) return s;
      if (s = tx.Commit(); !s.ok()) return s;
    }
    return core::Ok{};
  }

  Result<int> SchemaVersion() override {
    Statement q(db_.get(), "SELECT coalesce(max(version), 0) FROM schema_migration");
    if (!q.Step())
      return q.status().ok() ? Error(ErrorCode::kIo, "no schema version") : q.status().error();
    return static_cast<int>(q.Int(0));
  }

  Result<ImportRecord> ReplaceWorkforce(const core::Workforce& w, ImportRecord record,
                                        const ProgressFn& progress) override;
  Result<core::Workforce> LoadWorkforce() override;

  Result<TableCounts> CountRows() override {
    TableCounts counts;
    for (const auto& [name, table] : kTables) {
      Statement q(db_.get(), std::string("SELECT count(*) FROM ") + table);
      if (!q.Step())
        return q.status().ok() ? Error(ErrorCode::kIo, "count failed") : q.status().error();
      counts[name] = q.Int(0);
    }
    return counts;
  }

  Result<std::vector<ImportRecord>> ImportLog() override {
    Statement q(db_.get(),
                "SELECT id, imported_at, source, checksum, counts, warnings, seconds, data_version "
                "FROM import_log ORDER BY id DESC");
    std::vector<ImportRecord> out;
    while (q.Step()) {
      ImportRecord r;
      r.id = q.Int(0);
      r.imported_at = q.Text(1);
      r.source = q.Text(2);
      r.checksum = q.Text(3);
      r.counts = CountsFromJson(q.Text(4));
      r.warnings = q.Int(5);
      r.seconds = q.Real(6);
      r.data_version = q.Int(7);
      out.push_back(std::move(r));
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<int64_t> DataVersion() override {
    Statement q(db_.get(), "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version'");
    if (!q.Step()) return q.status().ok() ? int64_t{0} : Result<int64_t>(q.status().error());
    return q.Int(0);
  }

  Result<std::string> CheckIntegrity() override {
    Statement q(db_.get(), "PRAGMA integrity_check");
    std::string out;
    while (q.Step()) {
      if (!out.empty()) out += '\n';
      out += q.Text(0);
    }
    if (!q.status().ok()) return q.status().error();
    Statement fk(db_.get(), "PRAGMA foreign_key_check");
    if (fk.Step())
      out += (out == "ok" ? "\n" : "") + std::string("foreign key violations in ") + fk.Text(0);
    return out;
  }

 private:
  SqliteConnection db_;
};

// Upserts keep the internal id of a key that stays, so that later tables (assessments, audit
// entries) that refer to an employee or unit survive a re-import.
Result<ImportRecord> SqliteDatabase::ReplaceWorkforce(const core::Workforce& w, ImportRecord record,
                                                      const ProgressFn& progress) {
  const int64_t total = static_cast<int64_t>(
      w.units.size() + w.employees.size() + w.positions.size() + w.periods.size() +
      w.absences.size() + (w.present.pay ? w.pay.size() : 0) +
      (w.present.dialogues ? w.dialogues.size() : 0) +
      (w.present.followup ? w.followup.size() : 0));
  const auto started = std::chrono::steady_clock::now();
  int64_t done = 0;
  auto tick = [&] {
    if (progress && (++done % kProgressEvery) == 0) progress(done, total);
  };

  Transaction tx(&db_);
  Status s = tx.Begin();
  if (!s.ok()) return s.error();
  Result<int64_t> old_version = DataVersion();
  if (!old_version.ok()) return old_version.error();
  const int64_t version = *old_version + 1;

  // Self-references of units and deletions in any order are checked at the commit.
  if (s = db_.Exec("PRAGMA defer_foreign_keys = ON;"
                   "DELETE FROM position_period; DELETE FROM absence;");
      !s.ok())
    return s.error();
  if (w.present.pay && !(s = db_.Exec("DELETE FROM pay")).ok()) return s.error();
  if (w.present.dialogues && !(s = db_.Exec("DELETE FROM dialogue")).ok()) return s.error();
  if (w.present.followup && !(s = db_.Exec("DELETE FROM followup_event")).ok()) return s.error();

  // Units, parents after all are known.
  std::vector<int64_t> unit_ids(w.units.size());
  {
    Statement up(db_.get(),
                 "INSERT INTO unit(key, parent_id, name, sector, kind, seen) "
                 "VALUES (?, NULL, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET parent_id = NULL, "
                 "name = excluded.name, sector = excluded.sector, kind = excluded.kind, "
                 "seen = excluded.seen RETURNING id");
    for (size_t i = 0; i < w.units.size(); ++i) {
      const core::Unit& u = w.units[i];
      up.Bind(1, u.key).Bind(2, u.name).BindOptionalText(3, u.sector).BindOptionalText(4, u.kind);
      up.Bind(5, version);
      if (!up.Step())
        return up.status().ok() ? Error(ErrorCode::kIo, "unit upsert") : up.status().error();
      unit_ids[i] = up.Int(0);
      up.Reset();
      tick();
    }
    if (!up.status().ok()) return up.status().error();
    Statement parent(db_.get(), "UPDATE unit SET parent_id = ? WHERE id = ?");
    for (size_t i = 0; i < w.units.size(); ++i) {
      if (w.units[i].parent < 0) continue;
      parent.Bind(1, unit_ids[static_cast<size_t>(w.units[i].parent)]).Bind(2, unit_ids[i]);
      if (s = parent.Run(); !s.ok()) return s.error();
    }
  }

  std::vector<int64_t> employee_ids(w.employees.size());
  {
    Statement up(db_.get(),
                 "INSERT INTO employee(key, name, gender, birth_year, education, seen) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET name = excluded.name, "
                 "gender = excluded.gender, birth_year = excluded.birth_year, "
                 "education = excluded.education, seen = excluded.seen RETURNING id");
    for (size_t i = 0; i < w.employees.size(); ++i) {
      const core::Employee& e = w.employees[i];
      up.Bind(1, e.key).BindOptionalText(2, e.name).Bind(3, core::ToCode(e.gender));
      up.Bind(4, static_cast<int64_t>(e.birth_year)).BindOptionalText(5, e.education);
      up.Bind(6, version);
      if (!up.Step())
        return up.status().ok() ? Error(ErrorCode::kIo, "employee upsert") : up.status().error();
      employee_ids[i] = up.Int(0);
      up.Reset();
      tick();
    }
    if (!up.status().ok()) return up.status().error();
  }

  std::vector<int64_t> position_ids(w.positions.size());
  {
    Statement up(db_.get(),
                 "INSERT INTO position(key, employee_id, seen) VALUES (?, ?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET employee_id = excluded.employee_id, "
                 "seen = excluded.seen RETURNING id");
    for (size_t i = 0; i < w.positions.size(); ++i) {
      const core::Position& p = w.positions[i];
      up.Bind(1, p.key).Bind(2, employee_ids[static_cast<size_t>(p.employee)]).Bind(3, version);
      if (!up.Step())
        return up.status().ok() ? Error(ErrorCode::kIo, "position upsert") : up.status().error();
      position_ids[i] = up.Int(0);
      up.Reset();
      tick();
    }
    if (!up.status().ok()) return up.status().error();
  }

  {
    Statement ins(
        db_.get(),
        "INSERT INTO position_period(position_id, unit_id, start_date, end_date, percent, "
        "employment, job_code, job_title, leader, fulltime_hours, end_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const core::PositionPeriod& p : w.periods) {
      ins.Bind(1, position_ids[static_cast<size_t>(p.position)]);
      ins.Bind(2, unit_ids[static_cast<size_t>(p.unit)]);
      ins.Bind(3, static_cast<int64_t>(p.start.days()));
      if (p.end) {
        ins.Bind(4, static_cast<int64_t>(p.end->days()));
      } else {
        ins.BindNull(4);
      }
      ins.Bind(5, p.percent).Bind(6, core::ToCode(p.employment));
      ins.BindOptionalText(7, p.job_code).BindOptionalText(8, p.job_title);
      ins.Bind(9, static_cast<int64_t>(p.leader ? 1 : 0));
      if (p.fulltime_hours) {
        ins.Bind(10, *p.fulltime_hours);
      } else {
        ins.BindNull(10);
      }
      ins.BindOptionalText(11, core::ToCode(p.end_reason));
      if (s = ins.Run(); !s.ok()) return s.error();
      tick();
    }
  }

  {
    Statement ins(
        db_.get(),
        "INSERT INTO absence(employee_id, position_id, type, start_date, end_date, grade) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    for (const core::Absence& a : w.absences) {
      ins.Bind(1, employee_ids[static_cast<size_t>(a.employee)]);
      if (a.position >= 0) {
        ins.Bind(2, position_ids[static_cast<size_t>(a.position)]);
      } else {
        ins.BindNull(2);
      }
      ins.Bind(3, a.type == core::AbsenceType::kOther
                      ? std::string_view(w.other_absence_types[static_cast<size_t>(a.other_type)])
                      : core::ToCode(a.type));
      ins.Bind(4, static_cast<int64_t>(a.start.days())).Bind(5, static_cast<int64_t>(a.end.days()));
      ins.Bind(6, static_cast<int64_t>(a.grade));
      if (s = ins.Run(); !s.ok()) return s.error();
      tick();
    }
  }

  if (w.present.pay) {
    Statement ins(db_.get(),
                  "INSERT INTO pay(employee_id, date, annual_base_salary, fixed_allowances) "
                  "VALUES (?, ?, ?, ?)");
    for (const core::PayRecord& p : w.pay) {
      ins.Bind(1, employee_ids[static_cast<size_t>(p.employee)]);
      ins.Bind(2, static_cast<int64_t>(p.date.days()));
      ins.Bind(3, p.annual_base_salary).Bind(4, p.fixed_allowances);
      if (s = ins.Run(); !s.ok()) return s.error();
      tick();
    }
  }
  if (w.present.dialogues) {
    Statement ins(db_.get(), "INSERT INTO dialogue(employee_id, date) VALUES (?, ?)");
    for (const core::Dialogue& d : w.dialogues) {
      ins.Bind(1, employee_ids[static_cast<size_t>(d.employee)]);
      ins.Bind(2, static_cast<int64_t>(d.date.days()));
      if (s = ins.Run(); !s.ok()) return s.error();
      tick();
    }
  }
  if (w.present.followup) {
    Statement ins(db_.get(),
                  "INSERT INTO followup_event(employee_id, event, date) VALUES (?, ?, ?)");
    for (const core::FollowupEvent& f : w.followup) {
      ins.Bind(1, employee_ids[static_cast<size_t>(f.employee)]);
      ins.Bind(2, core::ToCode(f.kind)).Bind(3, static_cast<int64_t>(f.date.days()));
      if (s = ins.Run(); !s.ok()) return s.error();
      tick();
    }
  }

  // What the package no longer has goes, with the kept optional rows of departed employees.
  const std::string v = std::to_string(version);
  const std::string gone = "(SELECT id FROM employee WHERE seen <> " + v + ")";
  s = db_.Exec("DELETE FROM pay WHERE employee_id IN " + gone +
               ";DELETE FROM dialogue WHERE employee_id IN " + gone +
               ";DELETE FROM followup_event WHERE employee_id IN " + gone +
               ";DELETE FROM position WHERE seen <> " + v + ";DELETE FROM employee WHERE seen <> " +
               v + ";DELETE FROM unit WHERE seen <> " + v + ";");
  if (!s.ok()) return s.error();

  record.data_version = version;
  record.seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  {
    Statement log(
        db_.get(),
        "INSERT INTO import_log(imported_at, source, checksum, counts, warnings, seconds, "
        "data_version) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const std::string counts = CountsToJson(record.counts);
    log.Bind(1, record.imported_at).Bind(2, record.source).Bind(3, record.checksum);
    log.Bind(4, counts).Bind(5, record.warnings).Bind(6, record.seconds).Bind(7, version);
    if (s = log.Run(); !s.ok()) return s.error();
    record.id = sqlite3_last_insert_rowid(db_.get());
    Statement meta(db_.get(), "UPDATE meta SET value = ? WHERE key = 'data_version'");
    if (s = meta.Bind(1, v).Run(); !s.ok()) return s.error();
  }
  if (s = tx.Commit(); !s.ok()) return s.error();
  if (progress) progress(total, total);
  return record;
}

Result<core::Workforce> SqliteDatabase::LoadWorkforce() {
  core::Workforce w;
  w.present = {true, true, true};
  std::unordered_map<int64_t, int32_t> unit_index, employee_index, position_index;
  {
    Statement q(db_.get(), "SELECT id, key, parent_id, name, sector, kind FROM unit ORDER BY id");
    std::vector<int64_t> parents;
    while (q.Step()) {
      unit_index[q.Int(0)] = static_cast<int32_t>(w.units.size());
      parents.push_back(q.IsNull(2) ? -1 : q.Int(2));
      w.units.push_back({q.Text(1), -1, q.Text(3), q.Text(4), q.Text(5)});
    }
    if (!q.status().ok()) return q.status().error();
    for (size_t i = 0; i < parents.size(); ++i) {
      if (parents[i] >= 0) w.units[i].parent = unit_index.at(parents[i]);
    }
  }
  {
    Statement q(db_.get(),
                "SELECT id, key, name, gender, birth_year, education FROM employee ORDER BY id");
    while (q.Step()) {
      employee_index[q.Int(0)] = static_cast<int32_t>(w.employees.size());
      w.employees.push_back({q.Text(1), q.Text(2),
                             core::ParseGender(q.Text(3)).value_or(core::Gender::kOther),
                             static_cast<int>(q.Int(4)), q.Text(5)});
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(db_.get(), "SELECT id, key, employee_id FROM position ORDER BY id");
    while (q.Step()) {
      position_index[q.Int(0)] = static_cast<int32_t>(w.positions.size());
      w.positions.push_back({q.Text(1), employee_index.at(q.Int(2))});
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(db_.get(),
                "SELECT position_id, unit_id, start_date, end_date, percent, employment, job_code, "
                "job_title, leader, fulltime_hours, end_reason FROM position_period ORDER BY id");
    while (q.Step()) {
      core::PositionPeriod p;
      p.position = position_index.at(q.Int(0));
      p.unit = unit_index.at(q.Int(1));
      p.start = core::Date(static_cast<int32_t>(q.Int(2)));
      if (!q.IsNull(3)) p.end = core::Date(static_cast<int32_t>(q.Int(3)));
      p.percent = q.Real(4);
      p.employment = core::ParseEmployment(q.Text(5)).value_or(core::Employment::kPermanent);
      p.job_code = q.Text(6);
      p.job_title = q.Text(7);
      p.leader = q.Int(8) != 0;
      if (!q.IsNull(9)) p.fulltime_hours = q.Real(9);
      p.end_reason = core::ParseEndReason(q.Text(10)).value_or(core::EndReason::kNone);
      w.periods.push_back(std::move(p));
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(db_.get(),
                "SELECT employee_id, position_id, type, start_date, end_date, grade FROM absence "
                "ORDER BY id");
    std::unordered_map<std::string, int32_t> other_types;
    while (q.Step()) {
      core::Absence a;
      a.employee = employee_index.at(q.Int(0));
      a.position = q.IsNull(1) ? -1 : position_index.at(q.Int(1));
      const std::string type = q.Text(2);
      if (type == "egenmeldt") {
        a.type = core::AbsenceType::kSelfCertified;
      } else if (type == "legemeldt") {
        a.type = core::AbsenceType::kDoctorCertified;
      } else {
        a.type = core::AbsenceType::kOther;
        auto [it, added] =
            other_types.emplace(type, static_cast<int32_t>(w.other_absence_types.size()));
        if (added) w.other_absence_types.push_back(type);
        a.other_type = it->second;
      }
      a.start = core::Date(static_cast<int32_t>(q.Int(3)));
      a.end = core::Date(static_cast<int32_t>(q.Int(4)));
      a.grade = static_cast<uint8_t>(q.Int(5));
      w.absences.push_back(a);
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(
        db_.get(),
        "SELECT employee_id, date, annual_base_salary, fixed_allowances FROM pay ORDER BY id");
    while (q.Step()) {
      w.pay.push_back({employee_index.at(q.Int(0)), core::Date(static_cast<int32_t>(q.Int(1))),
                       q.Real(2), q.Real(3)});
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(db_.get(), "SELECT employee_id, date FROM dialogue ORDER BY id");
    while (q.Step()) {
      w.dialogues.push_back(
          {employee_index.at(q.Int(0)), core::Date(static_cast<int32_t>(q.Int(1)))});
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(db_.get(), "SELECT employee_id, event, date FROM followup_event ORDER BY id");
    while (q.Step()) {
      w.followup.push_back(
          {employee_index.at(q.Int(0)),
           core::ParseFollowupKind(q.Text(1)).value_or(core::FollowupKind::kFollowupPlan),
           core::Date(static_cast<int32_t>(q.Int(2)))});
    }
    if (!q.status().ok()) return q.status().error();
  }
  return w;
}

}  // namespace

int Database::LatestSchemaVersion() { return Migrations().back().version; }

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path,
                                             const SqliteOptions& options) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteConnection conn(raw);
  if (rc != SQLITE_OK) {
    std::string why = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
    if (!options.create && rc == SQLITE_CANTOPEN) {
      return Error(ErrorCode::kNotFound,
                   "no database at " + path + " (create one with 'agp init' or 'agp demo')");
    }
    return Error(ErrorCode::kIo, "cannot open database " + path + ": " + why);
  }
  auto db = std::make_unique<SqliteDatabase>(std::move(conn));
  if (Status s = db->Configure(path == ":memory:"); !s.ok()) {
    return Error(ErrorCode::kIo, path + ": " + s.error().message());
  }
  if (Status s = db->Migrate(); !s.ok()) return s.error();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace agp::store
