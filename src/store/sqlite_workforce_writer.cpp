#include "store/sqlite_workforce_writer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "core/key_index.h"

namespace agp::store {
namespace {

using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;

size_t U(int32_t i) { return static_cast<size_t>(i); }

// The positions of `ids` in ascending order of id: rows inserted so are appended to the b-tree.
std::vector<size_t> IdOrder(const std::vector<int64_t>& ids) {
  std::vector<size_t> order(ids.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
  return order;
}

// Foreign keys are not enforced during the bulk write: every reference it writes is an id that the
// same transaction has just inserted or kept, and what it deletes has nothing left that refers to
// it (the tests run PRAGMA foreign_key_check after it). Checking ten million references one by one
// would double the time of a national import. The pragma does nothing inside a transaction, so it
// is set before BEGIN and restored after the end.
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

// Every replaced table is emptied and loaded in id order, its indexes dropped first and built again
// at the end, inside the same transaction: sorting once is much faster than updating a b-tree row
// by row. Units, employees and positions keep the id they had when their key stays.
class SqliteWorkforceWriter final : public WorkforceWriter {
 public:
  SqliteWorkforceWriter(SqliteConnection* db, const core::OptionalParts& present)
      : db_(db), present_(present), unchecked_(db), tx_(db) {}

  Status Begin() {
    if (Status s = tx_.Begin(); !s.ok()) return s;
    replaced_ = {"unit", "employee", "position", "position_period", "absence"};
    if (present_.pay) replaced_.emplace_back("pay");
    if (present_.dialogues) replaced_.emplace_back("dialogue");
    if (present_.followup) replaced_.emplace_back("followup_event");
    // Ids of the keys stored now, before the tables are emptied.
    for (const char* table : {"unit", "employee", "position"}) {
      if (Status s = ReadStoredIds(table); !s.ok()) return s;
    }
    if (Status s = DropIndexes(); !s.ok()) return s;
    for (const std::string& table : replaced_) {
      if (Status s = db_->Exec("DELETE FROM " + table); !s.ok()) return s;
    }
    return core::Ok{};
  }

  Status WriteStructure(const core::Workforce& w) override {
    unit_ids_ = AssignIds(0, w.units, [](const core::Unit& x) { return std::string_view(x.key); });
    employee_ids_ =
        AssignIds(1, w.employees, [](const core::Employee& x) { return std::string_view(x.key); });
    position_ids_ =
        AssignIds(2, w.positions, [](const core::Position& x) { return std::string_view(x.key); });
    for (Stored& st : stored_) st = Stored{};  // no longer needed

    const std::vector<size_t> units = IdOrder(unit_ids_);
    Status s = Insert("INSERT INTO unit(id, key, parent_id, name, sector, kind)", 6, units.size(),
                      [&](Statement& ins, int c, size_t k) {
                        const size_t i = units[k];
                        const core::Unit& x = w.units[i];
                        ins.Bind(c, unit_ids_[i]).Bind(c + 1, x.key);
                        if (x.parent >= 0) {
                          ins.Bind(c + 2, unit_ids_[U(x.parent)]);
                        } else {
                          ins.BindNull(c + 2);
                        }
                        ins.Bind(c + 3, x.name).BindOptionalText(c + 4, x.sector);
                        ins.BindOptionalText(c + 5, x.kind);
                      });
    if (!s.ok()) return s;

    const std::vector<size_t> employees = IdOrder(employee_ids_);
    s = Insert("INSERT INTO employee(id, key, name, gender, birth_year, education)", 6,
               employees.size(), [&](Statement& ins, int c, size_t k) {
                 const size_t i = employees[k];
                 const core::Employee& e = w.employees[i];
                 ins.Bind(c, employee_ids_[i]).Bind(c + 1, e.key).BindOptionalText(c + 2, e.name);
                 ins.Bind(c + 3, core::ToCode(e.gender));
                 ins.Bind(c + 4, static_cast<int64_t>(e.birth_year));
                 ins.BindOptionalText(c + 5, e.education);
               });
    if (!s.ok()) return s;

    const std::vector<size_t> positions = IdOrder(position_ids_);
    s = Insert("INSERT INTO position(id, key, employee_id)", 3, positions.size(),
               [&](Statement& ins, int c, size_t k) {
                 const size_t i = positions[k];
                 ins.Bind(c, position_ids_[i]).Bind(c + 1, w.positions[i].key);
                 ins.Bind(c + 2, employee_ids_[U(w.positions[i].employee)]);
               });
    if (!s.ok()) return s;

    s = Insert(
        "INSERT INTO position_period(position_id, unit_id, start_date, end_date, percent, "
        "employment, job_code, job_title, leader, fulltime_hours, end_reason)",
        11, w.periods.size(), [&](Statement& ins, int c, size_t i) {
          const core::PositionPeriod& p = w.periods[i];
          ins.Bind(c, position_ids_[U(p.position)]).Bind(c + 1, unit_ids_[U(p.unit)]);
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
        });
    if (!s.ok()) return s;
    return RestoreIndexes({"unit", "employee", "position", "position_period"});
  }

  Status WriteAbsences(const core::Workforce& w) override {
    Status s =
        Insert("INSERT INTO absence(employee_id, position_id, type, start_date, end_date, grade)",
               6, w.absences.size(), [&](Statement& ins, int c, size_t i) {
                 const core::Absence& a = w.absences[i];
                 ins.Bind(c, employee_ids_[U(a.employee)]);
                 if (a.position >= 0) {
                   ins.Bind(c + 1, position_ids_[U(a.position)]);
                 } else {
                   ins.BindNull(c + 1);
                 }
                 ins.Bind(c + 2, a.type == core::AbsenceType::kOther
                                     ? std::string_view(w.other_absence_types[U(a.other_type)])
                                     : core::ToCode(a.type));
                 ins.Bind(c + 3, static_cast<int64_t>(a.start.days()));
                 ins.Bind(c + 4, static_cast<int64_t>(a.end.days()));
                 ins.Bind(c + 5, static_cast<int64_t>(a.grade));
               });
    if (!s.ok()) return s;
    return RestoreIndexes({"absence"});
  }

  Status WritePay(const core::Workforce& w) override {
    if (present_.pay) {
      Status s = Insert("INSERT INTO pay(employee_id, date, annual_base_salary, fixed_allowances)",
                        4, w.pay.size(), [&](Statement& ins, int c, size_t i) {
                          const core::PayRecord& p = w.pay[i];
                          ins.Bind(c, employee_ids_[U(p.employee)]);
                          ins.Bind(c + 1, static_cast<int64_t>(p.date.days()));
                          ins.Bind(c + 2, p.annual_base_salary).Bind(c + 3, p.fixed_allowances);
                        });
      if (!s.ok()) return s;
    }
    return RestoreIndexes({"pay"});
  }

  Status WriteDialogues(const core::Workforce& w) override {
    if (present_.dialogues) {
      Status s = Insert("INSERT INTO dialogue(employee_id, date)", 2, w.dialogues.size(),
                        [&](Statement& ins, int c, size_t i) {
                          ins.Bind(c, employee_ids_[U(w.dialogues[i].employee)]);
                          ins.Bind(c + 1, static_cast<int64_t>(w.dialogues[i].date.days()));
                        });
      if (!s.ok()) return s;
    }
    return RestoreIndexes({"dialogue"});
  }

  Status WriteFollowup(const core::Workforce& w) override {
    if (present_.followup) {
      // Events recorded in the app live in followup_record (a workforce read back carries them).
      std::vector<size_t> imported;
      imported.reserve(w.followup.size());
      for (size_t i = 0; i < w.followup.size(); ++i) {
        if (!w.followup[i].recorded_in_app) imported.push_back(i);
      }
      Status s =
          Insert("INSERT INTO followup_event(employee_id, event, date)", 3, imported.size(),
                 [&](Statement& ins, int c, size_t k) {
                   const core::FollowupEvent& f = w.followup[imported[k]];
                   ins.Bind(c, employee_ids_[U(f.employee)]).Bind(c + 1, core::ToCode(f.kind));
                   ins.Bind(c + 2, static_cast<int64_t>(f.date.days()));
                 });
      if (!s.ok()) return s;
    }
    return RestoreIndexes({"followup_event"});
  }

  Result<ImportRecord> Commit(ImportRecord record) override {
    // Indexes of tables that no step wrote (their rows stay deleted: an empty part).
    for (auto& [table, creates] : dropped_indexes_) {
      for (const std::string& create : creates) {
        if (Status s = db_->Exec(create); !s.ok()) return s.error();
      }
      creates.clear();
    }
    // Optional rows the package did not replace go with the employees who left.
    for (const char* table : {"pay", "dialogue", "followup_event"}) {
      if (std::find(replaced_.begin(), replaced_.end(), table) != replaced_.end()) continue;
      Status s = db_->Exec(std::string("DELETE FROM ") + table +
                           " WHERE employee_id NOT IN (SELECT id FROM employee)");
      if (!s.ok()) return s.error();
    }
    Statement version(db_->get(),
                      "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = "
                      "'data_version' RETURNING CAST(value AS INTEGER)");
    if (!version.Step()) {
      return version.status().ok() ? Error(ErrorCode::kIo, "database: no data version")
                                   : version.status().error();
    }
    record.data_version = version.Int(0);
    version.Reset();
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [k, v] : record.counts) counts[k] = v;
    Statement log(db_->get(),
                  "INSERT INTO import_log(imported_at, source, checksum, counts, warnings, "
                  "seconds, data_version) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    const std::string counts_json = counts.dump();
    log.Bind(1, record.imported_at).Bind(2, record.source).Bind(3, record.checksum);
    log.Bind(4, counts_json).Bind(5, record.warnings).Bind(6, record.seconds);
    log.Bind(7, record.data_version);
    if (!log.Step()) {
      return log.status().ok() ? Error(ErrorCode::kIo, "database: import log")
                               : log.status().error();
    }
    record.id = log.Int(0);
    log.Reset();
    if (Status s = tx_.Commit(); !s.ok()) return s.error();
    return record;
  }

  int64_t rows_written() const override { return rows_.load(std::memory_order_relaxed); }

 private:
  template <typename BindRow>
  Status Insert(std::string_view head, int columns, size_t count, BindRow bind) {
    return InsertRows(db_->get(), head, columns, count, bind,
                      [this] { rows_.fetch_add(1, std::memory_order_relaxed); });
  }

  Status ReadStoredIds(const char* table) {
    Stored& st = stored_[stored_count_++];
    Statement q(db_->get(), std::string("SELECT id, key FROM ") + table);
    while (q.Step()) {
      const int64_t id = q.Int(0);
      st.keys.Insert(q.Text(1), static_cast<int32_t>(st.ids.size()));
      st.ids.push_back(id);
      st.next = std::max(st.next, id + 1);
    }
    return q.status();
  }

  // For each record, the id its key had (table `which` of unit, employee, position), or a new id
  // after the largest.
  template <typename Record, typename KeyOf>
  std::vector<int64_t> AssignIds(size_t which, const std::vector<Record>& records, KeyOf key_of) {
    Stored& st = stored_[which];
    std::vector<int64_t> ids(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      const int32_t k = st.keys.Find(key_of(records[i]));
      ids[i] = k >= 0 ? st.ids[static_cast<size_t>(k)] : st.next++;
    }
    return ids;
  }

  // Builds the dropped indexes of `tables` again, once their rows are in.
  Status RestoreIndexes(std::initializer_list<const char*> tables) {
    for (const char* table : tables) {
      for (const std::string& create : dropped_indexes_[table]) {
        if (Status s = db_->Exec(create); !s.ok()) return s;
      }
      dropped_indexes_[table].clear();
    }
    return core::Ok{};
  }

  Status DropIndexes() {
    std::vector<std::string> names;
    Statement q(db_->get(),
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND "
                "sql IS NOT NULL");
    for (const std::string& t : replaced_) {
      q.Bind(1, t);
      while (q.Step()) {
        names.push_back(q.Text(0));
        dropped_indexes_[t].push_back(q.Text(1));
      }
      q.Reset();
    }
    if (!q.status().ok()) return q.status();
    for (const std::string& name : names) {
      if (Status s = db_->Exec("DROP INDEX \"" + name + "\""); !s.ok()) return s;
    }
    return core::Ok{};
  }

  struct Stored {
    core::KeyIndex keys;
    std::vector<int64_t> ids;
    int64_t next = 1;
  };

  SqliteConnection* db_;
  core::OptionalParts present_;
  ForeignKeysOff unchecked_;  // declared before tx_: restored after the rollback or commit
  Transaction tx_;
  std::vector<std::string> replaced_;
  std::map<std::string, std::vector<std::string>> dropped_indexes_;  // table → CREATE INDEX …
  Stored stored_[3];
  size_t stored_count_ = 0;
  std::vector<int64_t> unit_ids_, employee_ids_, position_ids_;
  std::atomic<int64_t> rows_{0};
};

}  // namespace

Result<std::unique_ptr<WorkforceWriter>> BeginSqliteReplace(SqliteConnection* db,
                                                            const core::OptionalParts& present) {
  auto writer = std::make_unique<SqliteWorkforceWriter>(db, present);
  if (Status s = writer->Begin(); !s.ok()) return s.error();
  return std::unique_ptr<WorkforceWriter>(std::move(writer));
}

}  // namespace agp::store
