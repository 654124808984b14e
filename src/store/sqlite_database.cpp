// SQLite implementation of store::Database.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/key_index.h"
#include "core/role.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_workforce_writer.h"

namespace agp::store {
namespace {

using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;

// Rows per table as the import log and CountRows name them, and the table each lives in.
constexpr std::pair<const char*, const char*> kTables[] = {
    {"units", "unit"},         {"employees", "employee"},
    {"positions", "position"}, {"position_periods", "position_period"},
    {"absences", "absence"},   {"pay", "pay"},
    {"dialogues", "dialogue"}, {"followup_events", "followup_event"},
};

// How long a statement waits for another connection's write to finish before it fails with
// SQLITE_BUSY. Imports hold the write lock only while they write the records they have checked
// (ingest/importer.cpp); a national package takes ten seconds or more to write.
constexpr int kBusyTimeoutMs = 30000;
// How long an audit entry outside a transaction keeps trying before its action fails: an entry
// is never dropped for a slow writer (issue 13, item 4).
constexpr auto kAuditPatience = std::chrono::minutes(2);

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

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteConnection db) : db_(std::move(db)) {}

  Status Configure(bool in_memory) {
    // WAL lets readers see the last committed data while an import writes; NORMAL sync is
    // durable across application crashes and loses at most the last commit on power loss.
    // 16 KiB pages: a WAL frame is a page plus 24 bytes, so every frame write straddles file
    // system blocks; bigger pages mean a quarter as many, and a national import is 20 % faster
    // than with the default 4 KiB (docs/performance.md). Applies to new databases only.
    std::string pragmas =
        "PRAGMA page_size = 16384;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA threads = 2;"
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA temp_store = MEMORY;"
        "PRAGMA cache_size = -32768;";
    if (!in_memory) pragmas += "PRAGMA journal_mode = WAL;";
    sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
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

  Result<std::unique_ptr<WorkforceWriter>> BeginReplace(
      const core::OptionalParts& present) override {
    return BeginSqliteReplace(&db_, present);
  }
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

  core::Status Atomically(const std::function<core::Status()>& body) override {
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s;
    core::Status result = body();  // an exception rolls back in ~Transaction
    if (!result.ok()) return result;
    return tx.Commit();
  }

  Result<std::string> ChangeStamp() override {
    Statement q(
        db_.get(),
        "SELECT (SELECT value FROM meta WHERE key = 'data_version'), "
        "(SELECT COALESCE(MAX(data_version), 0) || '@' || COALESCE(MAX(computed_at), '') "
        "FROM result_set), (SELECT COALESCE(MAX(id), 0) FROM policy_version), "
        "(SELECT COALESCE(MAX(id), 0) FROM assessment), "
        "(SELECT COALESCE(MAX(id), 0) || '.' || COUNT(*) || '.' || COALESCE(SUM(session_epoch), 0) "
        "FROM app_user), "
        // The execution of measures (migration 7); follow-up records move the data version.
        "(SELECT COALESCE(MAX(id), 0) FROM measure_update) || '.' || "
        "(SELECT COALESCE(MAX(id), 0) FROM measure_local) || '.' || "
        "(SELECT COALESCE(MAX(id), 0) || '-' || COUNT(NULLIF(withdrawn_at, '')) "
        "FROM measure_evidence) || '.' || "
        // Staffing plans (migration 8) and rotas (migration 9).
        "(SELECT COALESCE(MAX(id), 0) FROM staffing_plan) || '.' || "
        "(SELECT COALESCE(MAX(id), 0) FROM staffing_rota)");
    if (!q.Step()) return q.status().ok() ? std::string() : Result<std::string>(q.status().error());
    return q.Text(0) + ":" + q.Text(1) + ":" + q.Text(2) + ":" + q.Text(3) + ":" + q.Text(4) + ":" +
           q.Text(5);
  }

  core::Status SaveResults(const ResultSet& results) override {
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s;
    if (core::Status s = db_.Exec("DELETE FROM result_block; DELETE FROM result_set"); !s.ok())
      return s;
    Statement head(db_.get(),
                   "INSERT INTO result_set(id, data_version, computed_at, seconds, meta) "
                   "VALUES (1, ?, ?, ?, ?)");
    head.Bind(1, results.data_version)
        .Bind(2, results.computed_at)
        .Bind(3, results.seconds)
        .Bind(4, results.meta);
    if (core::Status s = head.Run(); !s.ok()) return s;
    Statement block(db_.get(), "INSERT INTO result_block(name, data) VALUES (?, ?)");
    for (const auto& [name, data] : results.blocks) {
      block.Reset();
      block.Bind(1, name);
      sqlite3_bind_blob64(block.get(), 2, data.data(), data.size(), SQLITE_STATIC);
      if (core::Status s = block.Run(); !s.ok()) return s;
    }
    return tx.Commit();
  }

  Result<std::optional<ResultSet>> LoadResults(bool with_blocks) override {
    // One read transaction, so that the header and the blocks belong together.
    // (Inside Atomically the open transaction already is one.)
    const bool own = sqlite3_get_autocommit(db_.get()) != 0;
    if (own) {
      if (core::Status s = db_.Exec("BEGIN"); !s.ok()) return s.error();
    }
    struct End {
      SqliteConnection* db;
      bool own;
      ~End() {
        if (own) (void)db->Exec("COMMIT");
      }
    } end{&db_, own};
    Statement head(db_.get(),
                   "SELECT data_version, computed_at, seconds, meta FROM result_set WHERE id = 1");
    if (!head.Step()) {
      if (!head.status().ok()) return head.status().error();
      return std::optional<ResultSet>();
    }
    ResultSet r;
    r.data_version = head.Int(0);
    r.computed_at = head.Text(1);
    r.seconds = head.Real(2);
    r.meta = head.Text(3);
    if (with_blocks) {
      Statement q(db_.get(), "SELECT name, data FROM result_block ORDER BY name");
      while (q.Step()) {
        const void* data = sqlite3_column_blob(q.get(), 1);
        const int size = sqlite3_column_bytes(q.get(), 1);
        r.blocks.emplace_back(
            q.Text(0), std::string(static_cast<const char*>(data), static_cast<size_t>(size)));
      }
      if (!q.status().ok()) return q.status().error();
    }
    return std::optional<ResultSet>(std::move(r));
  }

  Result<PolicyVersion> AddPolicyVersion(
      PolicyVersion v, const std::vector<AssessmentRecord>& assessments) override {
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s.error();
    Statement last(
        db_.get(),
        "SELECT id, version, checksum, loaded_at FROM policy_version WHERE policy_key = ? "
        "ORDER BY version DESC LIMIT 1");
    last.Bind(1, v.policy_key);
    v.version = 1;
    if (last.Step()) {
      if (last.Text(2) == v.checksum) {  // the same document again: nothing new
        auto same = LoadPolicyVersion(v.policy_key, static_cast<int>(last.Int(1)));
        if (!same.ok()) return same.error();
        return std::move(**same);
      }
      v.version = static_cast<int>(last.Int(1)) + 1;
    }
    if (!last.status().ok()) return last.status().error();
    Statement insert(db_.get(),
                     "INSERT INTO policy_version(policy_key, version, title, valid_from, valid_to, "
                     "loaded_at, source, checksum, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, v.policy_key)
        .Bind(2, int64_t{v.version})
        .Bind(3, v.title)
        .Bind(4, v.valid_from)
        .Bind(5, v.valid_to)
        .Bind(6, v.loaded_at)
        .Bind(7, v.source)
        .Bind(8, v.checksum)
        .Bind(9, v.document);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    v.id = sqlite3_last_insert_rowid(db_.get());
    for (const AssessmentRecord& a : assessments) {
      if (core::Status s = InsertAssessment(a); !s.ok()) return s.error();
    }
    if (core::Status s = tx.Commit(); !s.ok()) return s.error();
    return v;
  }

  Result<std::vector<PolicyVersion>> PolicyVersions() override {
    Statement q(db_.get(),
                "SELECT id, policy_key, version, title, valid_from, valid_to, loaded_at, source, "
                "checksum FROM policy_version ORDER BY policy_key, version");
    std::vector<PolicyVersion> out;
    while (q.Step()) out.push_back(VersionRow(q));
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<std::optional<PolicyVersion>> LoadPolicyVersion(const std::string& policy_key,
                                                         int version) override {
    Statement q(
        db_.get(),
        "SELECT id, policy_key, version, title, valid_from, valid_to, loaded_at, source, "
        "checksum, document FROM policy_version WHERE policy_key = ? AND (? = 0 OR version = ?) "
        "ORDER BY version DESC LIMIT 1");
    q.Bind(1, policy_key).Bind(2, int64_t{version}).Bind(3, int64_t{version});
    if (!q.Step()) {
      if (!q.status().ok()) return q.status().error();
      return std::optional<PolicyVersion>();
    }
    PolicyVersion v = VersionRow(q);
    v.document = q.Text(9);
    return std::optional<PolicyVersion>(std::move(v));
  }

  Result<std::vector<AssessmentRecord>> Assessments(const std::string& policy_key) override {
    Statement q(
        db_.get(),
        "SELECT id, policy_key, node_id, period, verdict, narrative, evidence, assessed_by, "
        "assessed_on, recorded_at, origin FROM assessment WHERE policy_key = ? ORDER BY id");
    q.Bind(1, policy_key);
    std::vector<AssessmentRecord> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6),
                     q.Text(7), q.Text(8), q.Text(9), q.Text(10)});
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  core::Status AddAssessment(const AssessmentRecord& a) override { return InsertAssessment(a); }

  Result<std::vector<StaffRow>> StaffOn(const std::string& unit_key, int64_t day,
                                        int64_t sick_from) override {
    Statement q(db_.get(), R"sql(
WITH RECURSIVE sub(id) AS (
  SELECT id FROM unit WHERE key = ?1
  UNION ALL SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id
),
sick(employee_id, days) AS MATERIALIZED (
  SELECT employee_id, SUM(MIN(end_date, ?2) - MAX(start_date, ?3) + 1) FROM absence
  WHERE type IN ('egenmeldt', 'legemeldt') AND start_date <= ?2 AND end_date >= ?3
  GROUP BY employee_id
)
SELECT e.key, COALESCE(e.name, ''), e.gender, e.birth_year, u.key, u.name, p.key, pp.percent,
       pp.employment, COALESCE(pp.job_title, ''), pp.leader, pp.start_date, COALESCE(sick.days, 0)
FROM position_period pp
JOIN sub ON pp.unit_id = sub.id
JOIN unit u ON u.id = pp.unit_id
JOIN position p ON p.id = pp.position_id
JOIN employee e ON e.id = p.employee_id
LEFT JOIN sick ON sick.employee_id = e.id
WHERE pp.start_date <= ?2 AND (pp.end_date IS NULL OR pp.end_date >= ?2)
ORDER BY u.name, u.key, e.name, e.key, p.key
)sql");
    q.Bind(1, unit_key).Bind(2, day).Bind(3, sick_from);
    std::vector<StaffRow> out;
    while (q.Step()) {
      StaffRow r;
      r.employee_key = q.Text(0);
      r.name = q.Text(1);
      r.gender = q.Text(2);
      r.birth_year = static_cast<int>(q.Int(3));
      r.unit_key = q.Text(4);
      r.unit_name = q.Text(5);
      r.position_key = q.Text(6);
      r.percent = q.Real(7);
      r.employment = q.Text(8);
      r.job_title = q.Text(9);
      r.leader = q.Int(10) != 0;
      r.start_date = q.Int(11);
      r.sick_days = static_cast<int>(q.Int(12));
      out.push_back(std::move(r));
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<FollowupRecord> AddFollowupRecord(FollowupRecord r) override {
    if (r.event != "oppfolgingsplan" && r.event != "dialogmote1") {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "ukjent oppfølgingshendelse «" + r.event + "»");
    }
    if (r.unnecessary && r.reason.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "«åpenbart unødvendig» må ha en begrunnelse");
    }
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s.error();
    Statement known(db_.get(), "SELECT 1 FROM employee WHERE key = ?");
    known.Bind(1, r.employee_key);
    if (!known.Step()) {
      if (!known.status().ok()) return known.status().error();
      return core::Error(core::ErrorCode::kInvalidInput, "ukjent ansatt");
    }
    Statement insert(db_.get(),
                     "INSERT INTO followup_record(employee_key, event, date, unnecessary, reason, "
                     "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, r.employee_key)
        .Bind(2, r.event)
        .Bind(3, r.date)
        .Bind(4, int64_t{r.unnecessary ? 1 : 0})
        .Bind(5, r.reason)
        .Bind(6, r.recorded_by)
        .Bind(7, r.recorded_at);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    r.id = sqlite3_last_insert_rowid(db_.get());
    // The figures count these events: the stored results are now older than the data.
    if (core::Status s = db_.Exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = "
                                  "'data_version'");
        !s.ok()) {
      return s.error();
    }
    if (core::Status s = tx.Commit(); !s.ok()) return s.error();
    return r;
  }

  Result<std::vector<FollowupRecord>> FollowupRecords(const std::string& employee_key) override {
    Statement q(db_.get(),
                "SELECT id, employee_key, event, date, unnecessary, reason, recorded_by, "
                "recorded_at FROM followup_record WHERE ?1 = '' OR employee_key = ?1 ORDER BY id");
    q.Bind(1, employee_key);
    std::vector<FollowupRecord> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Int(4) != 0, q.Text(5), q.Text(6),
                     q.Text(7)});
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<MeasureUpdateRecord> AddMeasureUpdate(MeasureUpdateRecord u) override {
    static constexpr const char* kStatuses[] = {"planlagt", "pågår", "fullført", "utsatt",
                                                "avlyst"};
    if (std::find(std::begin(kStatuses), std::end(kStatuses), u.status) == std::end(kStatuses)) {
      return core::Error(core::ErrorCode::kInvalidInput, "ukjent status «" + u.status + "»");
    }
    if (u.policy_key.empty() || u.measure_key.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "tiltaket mangler policy eller nøkkel");
    }
    Statement insert(db_.get(),
                     "INSERT INTO measure_update(policy_key, measure_key, status, unit_key, due, "
                     "note, note_date, author, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, u.policy_key)
        .Bind(2, u.measure_key)
        .Bind(3, u.status)
        .Bind(4, u.unit_key)
        .Bind(5, u.due)
        .Bind(6, u.note)
        .Bind(7, u.note_date)
        .Bind(8, u.author)
        .Bind(9, u.recorded_at);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    u.id = sqlite3_last_insert_rowid(db_.get());
    return u;
  }

  Result<std::vector<MeasureUpdateRecord>> MeasureUpdates(const std::string& policy_key) override {
    Statement q(db_.get(),
                "SELECT id, policy_key, measure_key, status, unit_key, due, note, note_date, "
                "author, recorded_at FROM measure_update WHERE ?1 = '' OR policy_key = ?1 "
                "ORDER BY id");
    q.Bind(1, policy_key);
    std::vector<MeasureUpdateRecord> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6),
                     q.Text(7), q.Text(8), q.Text(9)});
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<LocalMeasureRecord> AddLocalMeasure(LocalMeasureRecord m) override {
    if (m.title.find_first_not_of(" \t\r\n") == std::string::npos) {
      return core::Error(core::ErrorCode::kInvalidInput, "tiltaket må ha en tittel");
    }
    if (m.unit_key.empty() || m.policy_key.empty() || m.node_id.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "et lokalt tiltak hører til et mål og en enhet");
    }
    Statement insert(db_.get(),
                     "INSERT INTO measure_local(policy_key, node_id, title, owner, due, unit_key, "
                     "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, m.policy_key)
        .Bind(2, m.node_id)
        .Bind(3, m.title)
        .Bind(4, m.owner)
        .Bind(5, m.due)
        .Bind(6, m.unit_key)
        .Bind(7, m.created_by)
        .Bind(8, m.created_at);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    m.id = sqlite3_last_insert_rowid(db_.get());
    return m;
  }

  Result<StaffingPlanRecord> AddStaffingPlan(StaffingPlanRecord p) override {
    if (p.unit_key.empty() || p.plan_csv.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "en bemanningsplan hører til en enhet");
    }
    Statement insert(db_.get(),
                     "INSERT INTO staffing_plan(unit_key, version, plan_csv, note, saved_by, "
                     "saved_at) SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2, ?3, ?4, ?5 "
                     "FROM staffing_plan WHERE unit_key = ?1");
    insert.Bind(1, p.unit_key)
        .Bind(2, p.plan_csv)
        .Bind(3, p.note)
        .Bind(4, p.saved_by)
        .Bind(5, p.saved_at);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    p.id = sqlite3_last_insert_rowid(db_.get());
    Statement q(db_.get(), "SELECT version FROM staffing_plan WHERE id = ?");
    q.Bind(1, p.id);
    if (!q.Step())
      return q.status().ok() ? core::Error(core::ErrorCode::kInternal, "the plan vanished")
                             : q.status().error();
    p.version = static_cast<int>(q.Int(0));
    return p;
  }

  Result<std::vector<StaffingPlanRecord>> StaffingPlans(const std::string& unit_key) override {
    Statement q(db_.get(),
                "SELECT id, unit_key, version, plan_csv, note, saved_by, saved_at FROM "
                "staffing_plan WHERE ?1 = '' OR unit_key = ?1 ORDER BY id");
    q.Bind(1, unit_key);
    std::vector<StaffingPlanRecord> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), static_cast<int>(q.Int(2)), q.Text(3), q.Text(4),
                     q.Text(5), q.Text(6)});
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<StaffingRotaRecord> AddStaffingRota(StaffingRotaRecord r) override {
    if (r.unit_key.empty() || r.rota_csv.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "en turnus hører til en enhet");
    }
    Statement plan(db_.get(), "SELECT 1 FROM staffing_plan WHERE id = ?1 AND unit_key = ?2");
    plan.Bind(1, r.plan_id).Bind(2, r.unit_key);
    if (!plan.Step()) {
      if (!plan.status().ok()) return plan.status().error();
      return core::Error(core::ErrorCode::kInvalidInput,
                         "turnusen er ikke laget fra en bemanningsplan for enheten");
    }
    Statement insert(db_.get(),
                     "INSERT INTO staffing_rota(unit_key, plan_id, weeks, weekend_frequency, "
                     "full_time_hours, agreed_rest, rota_csv, broken, uncovered, seconds, note, "
                     "made_by, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                     "?13)");
    insert.Bind(1, r.unit_key)
        .Bind(2, r.plan_id)
        .Bind(3, static_cast<int64_t>(r.weeks))
        .Bind(4, r.weekend_frequency)
        .Bind(5, r.full_time_hours)
        .Bind(6, static_cast<int64_t>(r.agreed_rest ? 1 : 0))
        .Bind(7, r.rota_csv)
        .Bind(8, static_cast<int64_t>(r.broken))
        .Bind(9, static_cast<int64_t>(r.uncovered))
        .Bind(10, r.seconds)
        .Bind(11, r.note)
        .Bind(12, r.made_by)
        .Bind(13, r.made_at);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    r.id = sqlite3_last_insert_rowid(db_.get());
    return r;
  }

  static constexpr const char* kRotaColumns =
      "id, unit_key, plan_id, weeks, weekend_frequency, full_time_hours, agreed_rest, broken, "
      "uncovered, seconds, note, made_by, made_at";

  static StaffingRotaRecord RotaRow(Statement& q) {
    StaffingRotaRecord r;
    r.id = q.Int(0);
    r.unit_key = q.Text(1);
    r.plan_id = q.Int(2);
    r.weeks = static_cast<int>(q.Int(3));
    r.weekend_frequency = q.Real(4);
    r.full_time_hours = q.Real(5);
    r.agreed_rest = q.Int(6) != 0;
    r.broken = static_cast<int>(q.Int(7));
    r.uncovered = static_cast<int>(q.Int(8));
    r.seconds = q.Real(9);
    r.note = q.Text(10);
    r.made_by = q.Text(11);
    r.made_at = q.Text(12);
    return r;
  }

  Result<std::vector<StaffingRotaRecord>> StaffingRotas(const std::string& unit_key) override {
    Statement q(db_.get(), std::string("SELECT ") + kRotaColumns +
                               " FROM staffing_rota WHERE ?1 = '' OR unit_key = ?1 ORDER BY id "
                               "DESC");
    q.Bind(1, unit_key);
    std::vector<StaffingRotaRecord> out;
    while (q.Step()) out.push_back(RotaRow(q));
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<std::optional<StaffingRotaRecord>> LoadStaffingRota(int64_t id) override {
    Statement q(db_.get(), std::string("SELECT ") + kRotaColumns +
                               ", rota_csv FROM staffing_rota WHERE id = ?1");
    q.Bind(1, id);
    if (!q.Step()) {
      if (!q.status().ok()) return q.status().error();
      return std::optional<StaffingRotaRecord>();
    }
    StaffingRotaRecord r = RotaRow(q);
    r.rota_csv = q.Text(13);
    return std::optional<StaffingRotaRecord>(std::move(r));
  }

  Result<std::vector<LocalMeasureRecord>> LocalMeasures(const std::string& policy_key) override {
    Statement q(db_.get(),
                "SELECT id, policy_key, node_id, title, owner, due, unit_key, created_by, "
                "created_at FROM measure_local WHERE ?1 = '' OR policy_key = ?1 ORDER BY id");
    q.Bind(1, policy_key);
    std::vector<LocalMeasureRecord> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6),
                     q.Text(7), q.Text(8)});
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<MeasureEvidenceRecord> AddMeasureEvidence(MeasureEvidenceRecord e) override {
    if (e.title.find_first_not_of(" \t\r\n") == std::string::npos) {
      return core::Error(core::ErrorCode::kInvalidInput, "dokumentasjonen må ha en tittel");
    }
    if (e.url.empty() == e.file_name.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "dokumentasjonen er enten en lenke eller en fil");
    }
    if (e.policy_key.empty() || e.measure_key.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "tiltaket mangler policy eller nøkkel");
    }
    e.size = static_cast<int64_t>(e.data.size());
    Statement insert(db_.get(),
                     "INSERT INTO measure_evidence(policy_key, measure_key, title, url, file_name, "
                     "content_type, size, data, added_by, added_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(1, e.policy_key)
        .Bind(2, e.measure_key)
        .Bind(3, e.title)
        .Bind(4, e.url)
        .Bind(5, e.file_name)
        .Bind(6, e.content_type)
        .Bind(7, e.size);
    if (e.file_name.empty()) {
      insert.BindNull(8);
    } else {
      sqlite3_bind_blob64(insert.get(), 8, e.data.data(), e.data.size(), SQLITE_STATIC);
    }
    insert.Bind(9, e.added_by).Bind(10, e.added_at);
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    e.id = sqlite3_last_insert_rowid(db_.get());
    e.data.clear();
    return e;
  }

  Result<std::vector<MeasureEvidenceRecord>> MeasureEvidence(
      const std::string& policy_key) override {
    Statement q(db_.get(),
                "SELECT id, policy_key, measure_key, title, url, file_name, content_type, size, "
                "added_by, added_at, withdrawn_by, withdrawn_at FROM measure_evidence "
                "WHERE ?1 = '' OR policy_key = ?1 ORDER BY id");
    q.Bind(1, policy_key);
    std::vector<MeasureEvidenceRecord> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6),
                     q.Int(7), "", q.Text(8), q.Text(9), q.Text(10), q.Text(11)});
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<std::optional<MeasureEvidenceRecord>> LoadMeasureEvidence(int64_t id) override {
    Statement q(db_.get(),
                "SELECT id, policy_key, measure_key, title, url, file_name, content_type, size, "
                "added_by, added_at, withdrawn_by, withdrawn_at, data FROM measure_evidence "
                "WHERE id = ?");
    q.Bind(1, id);
    if (!q.Step()) {
      if (!q.status().ok()) return q.status().error();
      return std::optional<MeasureEvidenceRecord>();
    }
    MeasureEvidenceRecord e{q.Int(0),  q.Text(1),  q.Text(2), q.Text(3), q.Text(4),
                            q.Text(5), q.Text(6),  q.Int(7),  "",        q.Text(8),
                            q.Text(9), q.Text(10), q.Text(11)};
    if (const void* blob = sqlite3_column_blob(q.get(), 12); blob != nullptr) {
      e.data.assign(static_cast<const char*>(blob),
                    static_cast<size_t>(sqlite3_column_bytes(q.get(), 12)));
    }
    return std::optional<MeasureEvidenceRecord>(std::move(e));
  }

  core::Status WithdrawMeasureEvidence(int64_t id, const std::string& by,
                                       const std::string& at) override {
    if (by.empty() || at.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "hvem og når mangler");
    }
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s;
    Statement q(db_.get(), "SELECT withdrawn_at FROM measure_evidence WHERE id = ?");
    q.Bind(1, id);
    if (!q.Step()) {
      if (!q.status().ok()) return q.status().error();
      return core::Error(core::ErrorCode::kNotFound, "fant ikke dokumentasjonen");
    }
    if (!q.Text(0).empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "dokumentasjonen er alt trukket tilbake");
    }
    Statement update(db_.get(),
                     "UPDATE measure_evidence SET data = NULL, withdrawn_by = ?, withdrawn_at = ? "
                     "WHERE id = ?");
    update.Bind(1, by).Bind(2, at).Bind(3, id);
    if (core::Status s = update.Run(); !s.ok()) return s;
    return tx.Commit();
  }

  Result<std::vector<std::string>> UnitKeys() override {
    Statement q(db_.get(), "SELECT key FROM unit ORDER BY key");
    std::vector<std::string> out;
    while (q.Step()) out.push_back(q.Text(0));
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  Result<UserRecord> AddUser(UserRecord user) override {
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s.error();
    Statement taken(db_.get(), "SELECT 1 FROM app_user WHERE name = ?");
    taken.Bind(1, user.name);
    if (taken.Step()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "det finnes allerede en bruker som heter «" + user.name + "»");
    }
    Statement insert(db_.get(),
                     "INSERT INTO app_user(name, role, password_hash, created_at, disabled) "
                     "VALUES (?, ?, ?, ?, ?)");
    insert.Bind(1, user.name)
        .Bind(2, user.role)
        .Bind(3, user.password_hash)
        .Bind(4, user.created_at)
        .Bind(5, int64_t{user.disabled ? 1 : 0});
    if (core::Status s = insert.Run(); !s.ok()) return s.error();
    user.id = sqlite3_last_insert_rowid(db_.get());
    Statement unit(db_.get(),
                   "INSERT OR IGNORE INTO app_user_unit(user_id, unit_key) VALUES (?, ?)");
    for (const std::string& key : user.units) {
      unit.Reset();
      unit.Bind(1, user.id).Bind(2, key);
      if (core::Status s = unit.Run(); !s.ok()) return s.error();
    }
    if (core::Status s = tx.Commit(); !s.ok()) return s.error();
    return user;
  }

  Result<std::optional<UserRecord>> FindUser(const std::string& name) override {
    auto users = ReadUsers(name);
    if (!users.ok()) return users.error();
    if (users->empty()) return std::optional<UserRecord>();
    return std::optional<UserRecord>(std::move(users->front()));
  }

  Result<std::vector<UserRecord>> Users() override { return ReadUsers(std::nullopt); }

  Result<UserRecord> SetUserDisabled(const std::string& name, bool disabled) override {
    return ChangeUser(name, [disabled](UserRecord& u) { u.disabled = disabled; });
  }

  Result<UserRecord> SetUserRole(const std::string& name, const std::string& role,
                                 std::vector<std::string> units) override {
    const auto parsed = core::ParseRole(role);
    if (!parsed) {
      return Error(ErrorCode::kInvalidInput,
                   "ukjent rolle «" + role + "» (admin, leader, union eller viewer)");
    }
    if (*parsed == core::Role::kLeader && units.empty()) {
      return Error(ErrorCode::kInvalidInput, "en leder må ha minst én egen enhet");
    }
    if (*parsed != core::Role::kLeader && !units.empty()) {
      return Error(ErrorCode::kInvalidInput, "bare ledere har egne enheter");
    }
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    return ChangeUser(name, [&](UserRecord& u) {
      u.role = role;
      u.units = units;
    });
  }

  Result<UserRecord> EndSessions(const std::string& name) override {
    return ChangeUser(name, [](UserRecord&) {});
  }

  Result<AuditEntry> AppendAudit(AuditEntry e) override {
    // Outside a transaction a busy database is waited for again and again, up to kAuditPatience
    // (inside one, the transaction already holds the write lock, or began with an error).
    const auto give_up = std::chrono::steady_clock::now() + kAuditPatience;
    while (true) {
      Statement q(
          db_.get(),
          "INSERT INTO audit_log(at, actor, action, object, detail) VALUES (?, ?, ?, ?, ?)");
      q.Bind(1, e.at).Bind(2, e.actor).Bind(3, e.action).Bind(4, e.object).Bind(5, e.detail);
      q.Step();
      if (q.status().ok()) break;
      const bool busy = (sqlite3_errcode(db_.get()) & 0xff) == SQLITE_BUSY;
      if (!busy || sqlite3_get_autocommit(db_.get()) == 0 ||
          std::chrono::steady_clock::now() >= give_up) {
        return q.status().error();
      }
    }
    e.id = sqlite3_last_insert_rowid(db_.get());
    return e;
  }

  Result<std::vector<AuditEntry>> AuditLog(int limit) override {
    Statement q(
        db_.get(),
        "SELECT id, at, actor, action, object, detail FROM audit_log ORDER BY id DESC LIMIT ?");
    q.Bind(1, int64_t{limit});
    std::vector<AuditEntry> out;
    while (q.Step())
      out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
    if (!q.status().ok()) return q.status().error();
    return out;
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
  static bool ActiveAdmin(const UserRecord& u) { return u.role == "admin" && !u.disabled; }

  // Reads the user, applies `change` (role, units, disabled), refuses to leave no enabled admin,
  // writes it back and moves its session epoch: one transaction.
  Result<UserRecord> ChangeUser(const std::string& name,
                                const std::function<void(UserRecord&)>& change) {
    Transaction tx(&db_);
    if (core::Status s = tx.Begin(); !s.ok()) return s.error();
    auto users = ReadUsers(name);
    if (!users.ok()) return users.error();
    if (users->empty()) return Error(ErrorCode::kNotFound, "brukeren «" + name + "» finnes ikke");
    UserRecord u = std::move(users->front());
    const bool was_admin = ActiveAdmin(u);
    change(u);
    if (was_admin && !ActiveAdmin(u)) {
      Statement others(db_.get(),
                       "SELECT count(*) FROM app_user WHERE role = 'admin' AND disabled = 0 "
                       "AND id <> ?");
      others.Bind(1, u.id);
      if (!others.Step()) {
        return others.status().ok() ? Error(ErrorCode::kIo, "count failed")
                                    : others.status().error();
      }
      if (others.Int(0) == 0) {
        return Error(ErrorCode::kInvalidInput,
                     "«" + name +
                         "» er den siste aktive administratoren; gi en annen bruker rollen admin "
                         "først, ellers kan ingen endre brukerne i nettappen");
      }
    }
    Statement update(
        db_.get(),
        "UPDATE app_user SET role = ?, disabled = ?, session_epoch = session_epoch + 1 "
        "WHERE id = ?");
    update.Bind(1, u.role).Bind(2, int64_t{u.disabled ? 1 : 0}).Bind(3, u.id);
    if (core::Status s = update.Run(); !s.ok()) return s.error();
    Statement clear(db_.get(), "DELETE FROM app_user_unit WHERE user_id = ?");
    clear.Bind(1, u.id);
    if (core::Status s = clear.Run(); !s.ok()) return s.error();
    Statement unit(db_.get(),
                   "INSERT OR IGNORE INTO app_user_unit(user_id, unit_key) VALUES (?, ?)");
    for (const std::string& key : u.units) {
      unit.Reset();
      unit.Bind(1, u.id).Bind(2, key);
      if (core::Status s = unit.Run(); !s.ok()) return s.error();
    }
    if (core::Status s = tx.Commit(); !s.ok()) return s.error();
    ++u.session_epoch;
    return u;
  }

  Result<std::vector<UserRecord>> ReadUsers(const std::optional<std::string>& name) {
    // One query, by the unique index on name when one is asked for: the web app reads the
    // account of every signed-in request (web/session.h FindCurrentSession).
    static constexpr std::string_view kColumns =
        "SELECT id, name, role, password_hash, created_at, disabled, session_epoch, "
        "(SELECT json_group_array(unit_key) FROM (SELECT unit_key FROM app_user_unit "
        "WHERE user_id = app_user.id ORDER BY unit_key)) FROM app_user ";
    Statement q(db_.get(), std::string(kColumns) + (name ? "WHERE name = ?" : "ORDER BY name"));
    if (name) q.Bind(1, *name);
    std::vector<UserRecord> out;
    while (q.Step()) {
      UserRecord u;
      u.id = q.Int(0);
      u.name = q.Text(1);
      u.role = q.Text(2);
      u.password_hash = q.Text(3);
      u.created_at = q.Text(4);
      u.disabled = q.Int(5) != 0;
      u.session_epoch = q.Int(6);
      const auto units = nlohmann::json::parse(q.View(7), nullptr, /*allow_exceptions=*/false);
      if (units.is_array()) {
        for (const auto& unit : units) {
          if (unit.is_string()) u.units.push_back(unit.get<std::string>());
        }
      }
      out.push_back(std::move(u));
    }
    if (!q.status().ok()) return q.status().error();
    return out;
  }

  static PolicyVersion VersionRow(const Statement& q) {
    PolicyVersion v;
    v.id = q.Int(0);
    v.policy_key = q.Text(1);
    v.version = static_cast<int>(q.Int(2));
    v.title = q.Text(3);
    v.valid_from = q.Text(4);
    v.valid_to = q.Text(5);
    v.loaded_at = q.Text(6);
    v.source = q.Text(7);
    v.checksum = q.Text(8);
    return v;
  }

  core::Status InsertAssessment(const AssessmentRecord& a) {
    Statement q(
        db_.get(),
        "INSERT INTO assessment(policy_key, node_id, period, verdict, narrative, evidence, "
        "assessed_by, assessed_on, recorded_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.Bind(1, a.policy_key)
        .Bind(2, a.node_id)
        .Bind(3, a.period)
        .Bind(4, a.verdict)
        .Bind(5, a.narrative)
        .Bind(6, a.evidence)
        .Bind(7, a.assessed_by)
        .Bind(8, a.assessed_on)
        .Bind(9, a.recorded_at)
        .Bind(10, a.origin);
    return q.Run();
  }

  SqliteConnection db_;
};

// Upserts keep the internal id of a key that stays, so that later tables (assessments, audit
// entries) that refer to an employee or unit survive a re-import.
Result<core::Workforce> SqliteDatabase::LoadWorkforce() {
  core::Workforce w;
  w.present = {true, true, true};
  // Internal ids are assigned densely (sqlite_workforce_writer.cpp), so an id's index is a
  // vector lookup rather than a hash.
  auto max_id = [&](const char* table) -> int64_t {
    Statement q(db_.get(), std::string("SELECT coalesce(max(id), 0) FROM ") + table);
    return q.Step() ? q.Int(0) : 0;
  };
  auto count = [&](const char* table) -> size_t {
    Statement q(db_.get(), std::string("SELECT count(*) FROM ") + table);
    return q.Step() ? static_cast<size_t>(q.Int(0)) : 0;
  };
  struct IdIndex {
    std::vector<int32_t> index;
    int32_t at(int64_t id) const {
      if (id < 0 || id >= static_cast<int64_t>(index.size()) || index[id] < 0) {
        throw std::out_of_range("dangling id in the database");
      }
      return index[id];
    }
    void Set(int64_t id, int32_t i) {
      if (id >= static_cast<int64_t>(index.size())) index.resize(id + 1, -1);
      index[id] = i;
    }
  };
  IdIndex unit_index, employee_index, position_index;
  unit_index.index.assign(max_id("unit") + 1, -1);
  employee_index.index.assign(max_id("employee") + 1, -1);
  position_index.index.assign(max_id("position") + 1, -1);
  w.employees.reserve(count("employee"));
  w.positions.reserve(count("position"));
  w.periods.reserve(count("position_period"));
  w.absences.reserve(count("absence"));
  w.pay.reserve(count("pay"));
  w.dialogues.reserve(count("dialogue"));
  w.followup.reserve(count("followup_event"));
  {
    Statement q(db_.get(), "SELECT id, key, parent_id, name, sector, kind FROM unit ORDER BY id");
    std::vector<int64_t> parents;
    while (q.Step()) {
      unit_index.Set(q.Int(0), static_cast<int32_t>(w.units.size()));
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
      employee_index.Set(q.Int(0), static_cast<int32_t>(w.employees.size()));
      w.employees.push_back({q.Text(1), q.Text(2),
                             core::ParseGender(q.View(3)).value_or(core::Gender::kOther),
                             static_cast<int>(q.Int(4)), q.Text(5)});
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    Statement q(db_.get(), "SELECT id, key, employee_id FROM position ORDER BY id");
    while (q.Step()) {
      position_index.Set(q.Int(0), static_cast<int32_t>(w.positions.size()));
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
      p.employment = core::ParseEmployment(q.View(5)).value_or(core::Employment::kPermanent);
      p.job_code = q.Text(6);
      p.job_title = q.Text(7);
      p.leader = q.Int(8) != 0;
      if (!q.IsNull(9)) p.fulltime_hours = q.Real(9);
      p.end_reason = core::ParseEndReason(q.View(10)).value_or(core::EndReason::kNone);
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
      const std::string_view type = q.View(2);
      if (type == "egenmeldt") {
        a.type = core::AbsenceType::kSelfCertified;
      } else if (type == "legemeldt") {
        a.type = core::AbsenceType::kDoctorCertified;
      } else {
        a.type = core::AbsenceType::kOther;
        auto [it, added] = other_types.emplace(std::string(type),
                                               static_cast<int32_t>(w.other_absence_types.size()));
        if (added) w.other_absence_types.emplace_back(type);
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
           core::ParseFollowupKind(q.View(1)).value_or(core::FollowupKind::kFollowupPlan),
           core::Date(static_cast<int32_t>(q.Int(2)))});
    }
    if (!q.status().ok()) return q.status().error();
  }
  {
    // Events recorded in the app, for the employees of the data (DESIGN §10.2).
    Statement q(db_.get(),
                "SELECT e.id, r.event, r.date, r.unnecessary FROM followup_record r "
                "JOIN employee e ON e.key = r.employee_key ORDER BY r.id");
    while (q.Step()) {
      core::FollowupEvent f{
          employee_index.at(q.Int(0)),
          core::ParseFollowupKind(q.View(1)).value_or(core::FollowupKind::kFollowupPlan),
          core::Date(static_cast<int32_t>(q.Int(2)))};
      f.recorded_in_app = true;
      f.unnecessary = q.Int(3) != 0;
      w.followup.push_back(f);
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
