// The database behind one interface: SQLite now, PostgreSQL later (DESIGN.md §2).
//
// The interface speaks in the domain's terms (replace the workforce, read the import log), not in
// SQL, so that a second backend implements the same operations and the layers above never see
// which one they talk to. Implementations are not thread-safe: one Database per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/records.h"

namespace agp::store {

// Rows per workforce table, keyed by table name ("units", "employees", "positions",
// "position_periods", "absences", "pay", "dialogues", "followup_events").
using TableCounts = std::map<std::string, int64_t>;

// One line of the import log: what was imported, when, and what it held.
struct ImportRecord {
  int64_t id = 0;
  std::string imported_at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string source;       // the package's path as given
  std::string checksum;     // hex digest of the package's files (see ingest::PackageChecksum)
  TableCounts counts;       // rows per table in the package
  int64_t warnings = 0;
  double seconds = 0;        // wall time of the whole import (ReplaceWorkforce adds its own)
  int64_t data_version = 0;  // the data version this import produced
};

// Materialised results (the metrics layer's): named blocks of bytes, stored with the data version
// they were computed from. The store does not look inside the blocks.
struct ResultSet {
  int64_t data_version = 0;
  std::string computed_at;                                  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  double seconds = 0;                                       // time the computation took
  std::string meta;                                         // JSON, for the owner
  std::vector<std::pair<std::string, std::string>> blocks;  // (name, bytes)
};

// One stored version of an employer policy. The store keeps the document as text and does not
// read it (the policy layer does).
struct PolicyVersion {
  int64_t id = 0;
  std::string policy_key;  // the policy's `id`
  int version = 0;         // 1, 2, … per policy_key
  std::string title;
  std::string valid_from, valid_to;  // ISO dates; valid_to "" when open-ended
  std::string loaded_at;             // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string source;                // the file it was loaded from
  std::string checksum;              // of the document, to recognise a repeated load
  std::string document;              // the canonical YAML
};

// A human assessment of one node of a policy for a period (DESIGN §5).
struct AssessmentRecord {
  int64_t id = 0;
  std::string policy_key, node_id, period;
  std::string verdict;  // lykkes | delvis | ikke
  std::string narrative;
  std::string evidence;  // JSON list of {title, url, file}
  std::string assessed_by, assessed_on;
  std::string recorded_at;  // UTC, when agp stored it
  std::string origin;       // "document" (from a policy file) or "agp"
};

// An account (DESIGN §6). `units` are unit keys: a leader's own units.
struct UserRecord {
  int64_t id = 0;
  std::string name;
  std::string role;           // admin | leader | union | viewer
  std::string password_hash;  // Argon2id (store/passwords.h)
  std::string created_at;
  bool disabled = false;
  std::vector<std::string> units;
  // Moves with every change of the account; a session from another epoch has ended (migration 5).
  int64_t session_epoch = 0;
};

// One line of the audit log: who did or saw what, when. Never personal data in `detail` beyond
// the ids needed to say what was seen.
struct AuditEntry {
  int64_t id = 0;
  std::string at;     // UTC
  std::string actor;  // a user name, or "cli:<os user>" for the command line
  std::string
      action;  // "import", "policy.load", "assessment.add", "user.add", "individuals.view" …
  std::string object;  // what it concerns: a package path, a policy id, a user name, a unit key
  std::string detail;  // a short text or JSON
};

// A follow-up event recorded in the app (DESIGN §10.2): a plan made or a dialogue meeting held on
// `date`, or the duty judged "åpenbart unødvendig" with a reason. Keyed by the employee's key
// (employee_id of the package), so it survives re-imports; appended, never changed.
struct FollowupRecord {
  int64_t id = 0;
  std::string employee_key;
  std::string event;  // oppfolgingsplan | dialogmote1
  int64_t date = 0;   // days since 1970-01-01
  bool unnecessary = false;
  std::string reason;  // required when unnecessary
  std::string recorded_by;
  std::string recorded_at;  // UTC
};

// One update of a policy measure's execution (DESIGN §10.3): its status and the unit that carries
// it out from now on, with an optional progress note. Appended, never changed; the newest update
// of a measure is its state. Keyed by the policy's id and the measure's key (policy::MeasureKey).
struct MeasureUpdateRecord {
  int64_t id = 0;
  std::string policy_key, measure_key;
  std::string status;     // planlagt | pågår | fullført | utsatt | avlyst
  std::string unit_key;   // "" when no unit is responsible yet
  std::string due;        // the due date from now on (ISO); "" keeps the earlier (or the plan's)
  std::string note;       // "" when the update only changes the status or the unit
  std::string note_date;  // ISO date the note is about; "" without a note
  std::string author;
  std::string recorded_at;  // UTC
};

// A measure a leader (or HR) added to a goal for one unit; its key is "lokal-<id>".
struct LocalMeasureRecord {
  int64_t id = 0;
  std::string policy_key, node_id;
  std::string title, owner;
  std::string due;  // ISO date or ""
  std::string unit_key;
  std::string created_by, created_at;
};

// One version of a unit's staffing plan (bemanningsplan, DESIGN §12): the plan as CSV in the
// contract's columns (the staffing layer reads and writes it; the store does not look inside),
// with who saved it, when and why. Appended, never changed: the newest version is the plan.
struct StaffingPlanRecord {
  int64_t id = 0;
  std::string unit_key;
  int version = 0;  // 1, 2, … per unit; filled in by AddStaffingPlan
  std::string plan_csv;
  std::string note;
  std::string saved_by, saved_at;
};

// A rota (turnus, DESIGN §12) made from one version of a unit's staffing plan: the grid as the
// CSV of §12's contract, what it was made for and what the check found. Kept as made.
struct StaffingRotaRecord {
  int64_t id = 0;
  std::string unit_key;
  int64_t plan_id = 0;  // the StaffingPlanRecord it was made from
  int weeks = 0;
  double weekend_frequency = 0;
  double full_time_hours = 0;
  bool agreed_rest = false;  // the agreed minimum rests (8 h / 28 h) instead of the law's
  std::string rota_csv;      // empty in listings (RotaListing); LoadStaffingRota has it
  int broken = 0;            // working-time rules broken, by the check of staffing/rota.h
  int uncovered = 0;         // shifts of the plan left without staff
  double seconds = 0;        // the solver's time
  std::string note;
  std::string made_by, made_at;
};

// Evidence that a measure is carried out: a link (`url`) or a file (`file_name`, `data`).
struct MeasureEvidenceRecord {
  int64_t id = 0;
  std::string policy_key, measure_key;
  std::string title;
  std::string url;
  std::string file_name, content_type;
  int64_t size = 0;
  std::string data;  // the file's bytes; empty in listings and once withdrawn
  std::string added_by, added_at;
  std::string withdrawn_by, withdrawn_at;  // "" unless withdrawn (the bytes are then gone)
};

// One core or other position active on a day, with its person: what a leader sees of the
// individuals behind a figure (DESIGN §6). Sick-leave days are health data; the caller audits.
struct StaffRow {
  std::string employee_key, name, gender;
  int birth_year = 0;
  std::string unit_key, unit_name, position_key;
  double percent = 0;
  std::string employment, job_title;
  bool leader = false;
  int64_t start_date = 0;  // days since 1970-01-01
  int sick_days = 0;       // calendar days of sick leave (egenmeldt, legemeldt) in the window
};

// Called now and then during long writes with (rows written, rows in all).
using ProgressFn = std::function<void(int64_t done, int64_t total)>;

// A replacement of the workforce data in progress: one transaction, written in steps (an import
// begins it only once the whole package is checked). WriteStructure comes first and Commit last;
// the others may come in any order between them, each at most once. Destroying the writer without
// a successful Commit rolls everything back; the database is then exactly as before.
class WorkforceWriter {
 public:
  virtual ~WorkforceWriter() = default;
  // Units, employees, positions and their periods. The records must stay alive and unchanged
  // until Commit.
  virtual core::Status WriteStructure(const core::Workforce& w) = 0;
  virtual core::Status WriteAbsences(const core::Workforce& w) = 0;
  // The optional parts; each does nothing unless `present` (given to BeginReplace) names it.
  virtual core::Status WritePay(const core::Workforce& w) = 0;
  virtual core::Status WriteDialogues(const core::Workforce& w) = 0;
  virtual core::Status WriteFollowup(const core::Workforce& w) = 0;
  // Finishes: appends `record` to the import log (its id and data_version are filled in), bumps
  // the data version, commits.
  virtual core::Result<ImportRecord> Commit(ImportRecord record) = 0;
  // Rows written so far; safe to read from another thread.
  virtual int64_t rows_written() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // The schema version the database is at, and the newest this build knows.
  virtual core::Result<int> SchemaVersion() = 0;
  static int LatestSchemaVersion();

  // Replaces the workforce data with `workforce` in one transaction: units, employees, positions
  // and absences always; pay, dialogues and follow-up events when `workforce.present` says the
  // package had them (otherwise the stored rows of employees still present are kept). Internal
  // ids of units, employees and positions whose keys stay are kept. Appends `record` (its id and
  // data_version are filled in) to the import log and bumps the data version. On any failure
  // nothing is changed. Readers on other connections see the old data until the commit.
  core::Result<ImportRecord> ReplaceWorkforce(const core::Workforce& workforce, ImportRecord record,
                                              const ProgressFn& progress = {});

  // The same, step by step (see WorkforceWriter). The writer must not outlive the database, and
  // nothing else may use the database while it is open.
  virtual core::Result<std::unique_ptr<WorkforceWriter>> BeginReplace(
      const core::OptionalParts& present) = 0;

  // Reads the whole workforce back (for the metrics engine and for tests).
  virtual core::Result<core::Workforce> LoadWorkforce() = 0;

  virtual core::Result<TableCounts> CountRows() = 0;
  // The import log, newest first.
  virtual core::Result<std::vector<ImportRecord>> ImportLog() = 0;
  // Increases with every change of the workforce data; 0 for an empty database.
  virtual core::Result<int64_t> DataVersion() = 0;
  // A short text that changes whenever the data, the results, the policies, the assessments or
  // the users change: readers that cache what they show compare it to know when to reload.
  virtual core::Result<std::string> ChangeStamp() = 0;
  // Replaces the stored results with `results` in one transaction.
  virtual core::Status SaveResults(const ResultSet& results) = 0;
  // The stored results, or nullopt when none have been computed. `with_blocks` false reads only
  // the header (data_version, computed_at, seconds, meta).
  virtual core::Result<std::optional<ResultSet>> LoadResults(bool with_blocks = true) = 0;

  // Adds `v` as the next version of its policy (its version and id are filled in) in one
  // transaction, with `assessments`. When the newest stored version has the same checksum,
  // nothing is added and that version is returned: loading the same file twice is harmless.
  virtual core::Result<PolicyVersion> AddPolicyVersion(
      PolicyVersion v, const std::vector<AssessmentRecord>& assessments) = 0;
  // Every stored version, without the documents; by policy, then version.
  virtual core::Result<std::vector<PolicyVersion>> PolicyVersions() = 0;
  // One version with its document; `version` 0 is the newest. nullopt when there is none.
  virtual core::Result<std::optional<PolicyVersion>> LoadPolicyVersion(
      const std::string& policy_key, int version = 0) = 0;
  // Every assessment of a policy, oldest first (the history; the last per node and period counts).
  virtual core::Result<std::vector<AssessmentRecord>> Assessments(
      const std::string& policy_key) = 0;
  virtual core::Status AddAssessment(const AssessmentRecord& a) = 0;

  // Positions active on `day` (days since 1970-01-01) in the subtree of the unit `unit_key`,
  // ordered by unit, name, position; each with the person's sick-leave days between
  // `sick_from` and `day` (inclusive). Empty when the unit does not exist.
  virtual core::Result<std::vector<StaffRow>> StaffOn(const std::string& unit_key, int64_t day,
                                                      int64_t sick_from) = 0;
  // Appends a follow-up event recorded in the app (its id is filled in) and bumps the data
  // version, so that the results are recomputed. kInvalidInput for an unknown employee key or
  // event, or "unnecessary" without a reason.
  virtual core::Result<FollowupRecord> AddFollowupRecord(FollowupRecord r) = 0;
  // Every recorded follow-up event, oldest first; `employee_key` empty for all.
  virtual core::Result<std::vector<FollowupRecord>> FollowupRecords(
      const std::string& employee_key = {}) = 0;
  // The execution of measures (DESIGN §10.3). Each append is one transaction and moves the
  // change stamp. kInvalidInput for an unknown status, a missing title, or evidence that is both
  // or neither a link and a file.
  virtual core::Result<MeasureUpdateRecord> AddMeasureUpdate(MeasureUpdateRecord u) = 0;
  // Every update, oldest first; `policy_key` empty for all policies.
  virtual core::Result<std::vector<MeasureUpdateRecord>> MeasureUpdates(
      const std::string& policy_key = {}) = 0;
  virtual core::Result<LocalMeasureRecord> AddLocalMeasure(LocalMeasureRecord m) = 0;
  virtual core::Result<std::vector<LocalMeasureRecord>> LocalMeasures(
      const std::string& policy_key = {}) = 0;
  virtual core::Result<MeasureEvidenceRecord> AddMeasureEvidence(MeasureEvidenceRecord e) = 0;
  // Every piece of evidence without its bytes, oldest first.
  virtual core::Result<std::vector<MeasureEvidenceRecord>> MeasureEvidence(
      const std::string& policy_key = {}) = 0;
  // One piece with its bytes; nullopt when there is none with that id.
  virtual core::Result<std::optional<MeasureEvidenceRecord>> LoadMeasureEvidence(int64_t id) = 0;
  // Withdraws a piece of evidence: its bytes are erased, the record says who withdrew it when.
  // kNotFound for an unknown id, kInvalidInput when it is withdrawn already.
  virtual core::Status WithdrawMeasureEvidence(int64_t id, const std::string& by,
                                               const std::string& at) = 0;
  // Staffing plans (DESIGN §12): a new version of a unit's plan, its id and version filled in
  // (one statement, so two savers never get the same version); kInvalidInput without a unit or
  // a plan. Moves the change stamp.
  virtual core::Result<StaffingPlanRecord> AddStaffingPlan(StaffingPlanRecord p) = 0;
  // Every version, oldest first; `unit_key` empty for every unit.
  virtual core::Result<std::vector<StaffingPlanRecord>> StaffingPlans(
      const std::string& unit_key = {}) = 0;
  // Rotas (DESIGN §12): a new rota, its id filled in; kInvalidInput without a unit, a grid or a
  // plan of that unit. Moves the change stamp.
  virtual core::Result<StaffingRotaRecord> AddStaffingRota(StaffingRotaRecord r) = 0;
  // The rotas of a unit (empty: every unit), newest first, without their grids.
  virtual core::Result<std::vector<StaffingRotaRecord>> StaffingRotas(
      const std::string& unit_key = {}) = 0;
  // One rota with its grid; nullopt when there is none with that id.
  virtual core::Result<std::optional<StaffingRotaRecord>> LoadStaffingRota(int64_t id) = 0;
  // The keys of the stored units (unit_id of the package), in key order.
  virtual core::Result<std::vector<std::string>> UnitKeys() = 0;
  // Adds a user with their units in one transaction; fills in the id. kInvalidInput when the name
  // is taken.
  virtual core::Result<UserRecord> AddUser(UserRecord user) = 0;
  virtual core::Result<std::optional<UserRecord>> FindUser(const std::string& name) = 0;
  virtual core::Result<std::vector<UserRecord>> Users() = 0;
  // Changes of an account (DESIGN §6). Each is one transaction (part of the open one inside
  // Atomically) that also moves the account's session epoch, so that every session opened before
  // it ends at its next request, in any process that serves this database; ChangeStamp moves too.
  // Each returns the account as it now is. kNotFound when there is no user `name`; kInvalidInput,
  // with nothing changed, when the change would leave no enabled admin (nobody could manage the
  // users from the web app then).
  virtual core::Result<UserRecord> SetUserDisabled(const std::string& name, bool disabled) = 0;
  // A new role and units: a leader needs at least one unit (unit keys, not checked against the
  // units table), the other roles have none; kInvalidInput otherwise, or for an unknown role.
  virtual core::Result<UserRecord> SetUserRole(const std::string& name, const std::string& role,
                                               std::vector<std::string> units) = 0;
  // Ends every session of the user and changes nothing else ("log out everywhere").
  virtual core::Result<UserRecord> EndSessions(const std::string& name) = 0;
  // Appends to the audit log (which cannot be changed afterwards); fills in the id. Waits for
  // another connection's write (two minutes at most, outside a transaction) rather than lose
  // the entry; an error means the entry is not stored, and the action it records must fail.
  virtual core::Result<AuditEntry> AppendAudit(AuditEntry entry) = 0;
  // The newest `limit` entries, newest first.
  virtual core::Result<std::vector<AuditEntry>> AuditLog(int limit) = 0;

  // Runs `body` as one transaction: what it writes through this Database (the operations' own
  // transactions become part of it) is committed together when it returns OK, and nothing at all
  // when it returns an error or throws. For a change and its audit entry, which must not part.
  // Not for workforce replacement (BeginReplace), which has its own transaction.
  virtual core::Status Atomically(const std::function<core::Status()>& body) = 0;
  // PRAGMA integrity_check or the backend's equivalent: "ok" or what is wrong.
  virtual core::Result<std::string> CheckIntegrity() = 0;
};

struct SqliteOptions {
  bool create = true;  // create the file when missing (agp init); false: it must exist
};

// Opens (and migrates) a SQLite database at `path`; ":memory:" for a private in-memory one.
// WAL journal (readers never wait for a writer), foreign keys on, and a busy timeout of 30 s:
// a writer waits that long for another connection's write before it fails.
core::Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path,
                                                   const SqliteOptions& options = {});

}  // namespace agp::store
