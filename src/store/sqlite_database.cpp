// SQLite implementation of store::Database.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/key_index.h"
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

// Foreign keys are not enforced during the bulk write of ReplaceWorkforce: every reference it
// writes is an id that the same transaction has just inserted or kept, and what it deletes at the
// end has nothing left that refers to it (the tests run PRAGMA foreign_key_check after it).
// Checking ten million references one by one would double the time of a national import.
// The pragma is a no-op inside a transaction, so this is taken before BEGIN and undone after.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(SqliteConnection* db) : db_(db) {
    (void)db_->Exec("PRAGMA foreign_keys = OFF");
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  ~ForeignKeysOff() { (void)db_->Exec("PRAGMA foreign_keys = ON"); }

 private:
  SqliteConnection* db_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteConnection db) : db_(std::move(db)) {}

  Status Configure(bool in_memory) {
    // WAL lets readers see the last committed data while an import writes; NORMAL sync is
    // durable across application crashes and loses at most the last commit on power loss.
    std::string pragmas =
        "PRAGMA foreign_keys = ON;"
        "PRAGMA threads = 2;"
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA temp_store = MEMORY;"
        "PRAGMA cache_size = -262144;";
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

  // For each record, the id its key has in `table`, or a new id after the largest for keys not
  // stored yet.
  template <typename Record, typename KeyOf>
  Result<std::vector<int64_t>> AssignIds(const char* table, const std::vector<Record>& records,
                                         KeyOf key_of) {
    core::KeyIndex stored_keys;
    std::vector<int64_t> stored_ids;
    int64_t next = 1;
    Statement q(db_.get(), std::string("SELECT id, key FROM ") + table);
    while (q.Step()) {
      const int64_t id = q.Int(0);
      stored_keys.Insert(q.Text(1), static_cast<int32_t>(stored_ids.size()));
      stored_ids.push_back(id);
      next = std::max(next, id + 1);
    }
    if (!q.status().ok()) return q.status().error();
    std::vector<int64_t> ids(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      const int32_t k = stored_keys.Find(key_of(records[i]));
      ids[i] = k >= 0 ? stored_ids[static_cast<size_t>(k)] : next++;
    }
    return ids;
  }

  // The positions of `ids` in ascending order of id: rows inserted so are appended to the b-tree.
  static std::vector<size_t> IdOrder(const std::vector<int64_t>& ids) {
    std::vector<size_t> order(ids.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
    return order;
  }

  // Drops the secondary indexes of `tables` and returns the SQL that makes them again.
  Result<std::vector<std::string>> DropIndexes(const std::vector<std::string>& tables) {
    std::vector<std::pair<std::string, std::string>> found;  // name, sql
    Statement q(db_.get(),
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND "
                "sql IS NOT NULL");
    for (const std::string& t : tables) {
      q.Bind(1, t);
      while (q.Step()) found.emplace_back(q.Text(0), q.Text(1));
      q.Reset();
    }
    if (!q.status().ok()) return q.status().error();
    std::vector<std::string> sql;
    for (const auto& [name, create] : found) {
      if (Status s = db_.Exec("DROP INDEX \"" + name + "\""); !s.ok()) return s.error();
      sql.push_back(create);
    }
    return sql;
  }

  Status RestoreIndexes(const std::vector<std::string>& sql) {
    for (const std::string& create : sql) {
      if (Status s = db_.Exec(create); !s.ok()) return s;
    }
    return core::Ok{};
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

  ForeignKeysOff unchecked(&db_);
  Transaction tx(&db_);
  Status s = tx.Begin();
  if (!s.ok()) return s.error();
  Result<int64_t> old_version = DataVersion();
  if (!old_version.ok()) return old_version.error();
  const int64_t version = *old_version + 1;

  // Units, employees and positions keep the id they had when their key stays; new keys get new
  // ids. Every replaced table is emptied and loaded in id order (appends), its indexes dropped
  // first and built again at the end, inside the same transaction: sorting once is much faster
  // than updating a b-tree row by row.
  auto unit_ids =
      AssignIds("unit", w.units, [](const core::Unit& x) -> const std::string& { return x.key; });
  auto employee_ids = AssignIds(
      "employee", w.employees, [](const core::Employee& x) -> const std::string& { return x.key; });
  auto position_ids = AssignIds(
      "position", w.positions, [](const core::Position& x) -> const std::string& { return x.key; });
  if (!unit_ids.ok()) return unit_ids.error();
  if (!employee_ids.ok()) return employee_ids.error();
  if (!position_ids.ok()) return position_ids.error();

  std::vector<std::string> replaced = {"unit", "employee", "position", "position_period",
                                       "absence"};
  if (w.present.pay) replaced.emplace_back("pay");
  if (w.present.dialogues) replaced.emplace_back("dialogue");
  if (w.present.followup) replaced.emplace_back("followup_event");
  auto dropped = DropIndexes(replaced);
  if (!dropped.ok()) return dropped.error();
  for (const std::string& table : replaced) {
    if (s = db_.Exec("DELETE FROM " + table); !s.ok()) return s.error();
  }

  const auto u = [](int32_t i) { return static_cast<size_t>(i); };
  const std::vector<size_t> unit_order = IdOrder(*unit_ids);
  s = InsertRows(
      db_.get(), "INSERT INTO unit(id, key, parent_id, name, sector, kind)", 6, w.units.size(),
      [&](Statement& ins, int c, size_t k) {
        const size_t i = unit_order[k];
        const core::Unit& x = w.units[i];
        ins.Bind(c, (*unit_ids)[i]).Bind(c + 1, x.key);
        if (x.parent >= 0) {
          ins.Bind(c + 2, (*unit_ids)[u(x.parent)]);
        } else {
          ins.BindNull(c + 2);
        }
        ins.Bind(c + 3, x.name).BindOptionalText(c + 4, x.sector).BindOptionalText(c + 5, x.kind);
      },
      tick);
  if (!s.ok()) return s.error();

  const std::vector<size_t> employee_order = IdOrder(*employee_ids);
  s = InsertRows(
      db_.get(), "INSERT INTO employee(id, key, name, gender, birth_year, education)", 6,
      w.employees.size(),
      [&](Statement& ins, int c, size_t k) {
        const size_t i = employee_order[k];
        const core::Employee& e = w.employees[i];
        ins.Bind(c, (*employee_ids)[i]).Bind(c + 1, e.key).BindOptionalText(c + 2, e.name);
        ins.Bind(c + 3, core::ToCode(e.gender)).Bind(c + 4, static_cast<int64_t>(e.birth_year));
        ins.BindOptionalText(c + 5, e.education);
      },
      tick);
  if (!s.ok()) return s.error();

  const std::vector<size_t> position_order = IdOrder(*position_ids);
  s = InsertRows(
      db_.get(), "INSERT INTO position(id, key, employee_id)", 3, w.positions.size(),
      [&](Statement& ins, int c, size_t k) {
        const size_t i = position_order[k];
        ins.Bind(c, (*position_ids)[i]).Bind(c + 1, w.positions[i].key);
        ins.Bind(c + 2, (*employee_ids)[u(w.positions[i].employee)]);
      },
      tick);
  if (!s.ok()) return s.error();
  const std::vector<int64_t>& e_ids = *employee_ids;
  const std::vector<int64_t>& p_ids = *position_ids;
  const std::vector<int64_t>& u_ids = *unit_ids;

  s = InsertRows(
      db_.get(),
      "INSERT INTO position_period(position_id, unit_id, start_date, end_date, percent, "
      "employment, job_code, job_title, leader, fulltime_hours, end_reason)",
      11, w.periods.size(),
      [&](Statement& ins, int c, size_t i) {
        const core::PositionPeriod& p = w.periods[i];
        ins.Bind(c, p_ids[u(p.position)]).Bind(c + 1, u_ids[u(p.unit)]);
        ins.Bind(c + 2, static_cast<int64_t>(p.start.days()));
        if (p.end) {
          ins.Bind(c + 3, static_cast<int64_t>(p.end->days()));
        } else {
          ins.BindNull(c + 3);
        }
        ins.Bind(c + 4, p.percent).Bind(c + 5, core::ToCode(p.employment));
        ins.BindOptionalText(c + 6, p.job_code).BindOptionalText(c + 7, p.job_title);
        ins.Bind(c + 8, static_cast<int64_t>(p.leader ? 1 : 0));
        if (p.fulltime_hours) {
          ins.Bind(c + 9, *p.fulltime_hours);
        } else {
          ins.BindNull(c + 9);
        }
        ins.BindOptionalText(c + 10, core::ToCode(p.end_reason));
      },
      tick);
  if (!s.ok()) return s.error();

  s = InsertRows(
      db_.get(), "INSERT INTO absence(employee_id, position_id, type, start_date, end_date, grade)",
      6, w.absences.size(),
      [&](Statement& ins, int c, size_t i) {
        const core::Absence& a = w.absences[i];
        ins.Bind(c, e_ids[u(a.employee)]);
        if (a.position >= 0) {
          ins.Bind(c + 1, p_ids[u(a.position)]);
        } else {
          ins.BindNull(c + 1);
        }
        ins.Bind(c + 2, a.type == core::AbsenceType::kOther
                            ? std::string_view(w.other_absence_types[u(a.other_type)])
                            : core::ToCode(a.type));
        ins.Bind(c + 3, static_cast<int64_t>(a.start.days()));
        ins.Bind(c + 4, static_cast<int64_t>(a.end.days()));
        ins.Bind(c + 5, static_cast<int64_t>(a.grade));
      },
      tick);
  if (!s.ok()) return s.error();

  if (w.present.pay) {
    s = InsertRows(
        db_.get(), "INSERT INTO pay(employee_id, date, annual_base_salary, fixed_allowances)", 4,
        w.pay.size(),
        [&](Statement& ins, int c, size_t i) {
          const core::PayRecord& p = w.pay[i];
          ins.Bind(c, e_ids[u(p.employee)]).Bind(c + 1, static_cast<int64_t>(p.date.days()));
          ins.Bind(c + 2, p.annual_base_salary).Bind(c + 3, p.fixed_allowances);
        },
        tick);
    if (!s.ok()) return s.error();
  }
  if (w.present.dialogues) {
    s = InsertRows(
        db_.get(), "INSERT INTO dialogue(employee_id, date)", 2, w.dialogues.size(),
        [&](Statement& ins, int c, size_t i) {
          ins.Bind(c, e_ids[u(w.dialogues[i].employee)]);
          ins.Bind(c + 1, static_cast<int64_t>(w.dialogues[i].date.days()));
        },
        tick);
    if (!s.ok()) return s.error();
  }
  if (w.present.followup) {
    s = InsertRows(
        db_.get(), "INSERT INTO followup_event(employee_id, event, date)", 3, w.followup.size(),
        [&](Statement& ins, int c, size_t i) {
          const core::FollowupEvent& f = w.followup[i];
          ins.Bind(c, e_ids[u(f.employee)]).Bind(c + 1, core::ToCode(f.kind));
          ins.Bind(c + 2, static_cast<int64_t>(f.date.days()));
        },
        tick);
    if (!s.ok()) return s.error();
  }
  if (s = RestoreIndexes(*dropped); !s.ok()) return s.error();

  // Optional rows the package did not replace go with the employees who left.
  for (const char* table : {"pay", "dialogue", "followup_event"}) {
    if (std::find(replaced.begin(), replaced.end(), table) != replaced.end()) continue;
    s = db_.Exec(std::string("DELETE FROM ") + table +
                 " WHERE employee_id NOT IN (SELECT id FROM employee)");
    if (!s.ok()) return s.error();
  }

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
    const std::string v = std::to_string(version);
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
