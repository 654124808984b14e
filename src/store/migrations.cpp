#include "store/migrations.h"

namespace agp::store {

// Dates are INTEGER days since 1970-01-01 (core::Date); in the sqlite3 shell,
// date(2440587.5 + start_date) shows one as YYYY-MM-DD. Keys from the package (`key`) are kept as
// text; internal ids are INTEGER PRIMARY KEYs that survive re-imports. Secondary indexes are
// those the code queries by; each costs time in every import (docs/performance.md).
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "workforce tables and import log", R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('data_version', '0');

CREATE TABLE unit (
  id        INTEGER PRIMARY KEY,
  key       TEXT NOT NULL,
  parent_id INTEGER REFERENCES unit(id),
  name      TEXT NOT NULL,
  sector    TEXT,
  kind      TEXT
);
CREATE UNIQUE INDEX unit_by_key ON unit(key);

CREATE TABLE employee (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL,
  name       TEXT,
  gender     TEXT NOT NULL CHECK (gender IN ('K', 'M', 'X')),
  birth_year INTEGER NOT NULL,
  education  TEXT
);
CREATE UNIQUE INDEX employee_by_key ON employee(key);

CREATE TABLE position (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL,
  employee_id INTEGER NOT NULL REFERENCES employee(id)
);
CREATE UNIQUE INDEX position_by_key ON position(key);

-- One row per period of constant attributes of a position; periods of a position do not overlap.
CREATE TABLE position_period (
  id             INTEGER PRIMARY KEY,
  position_id    INTEGER NOT NULL REFERENCES position(id),
  unit_id        INTEGER NOT NULL REFERENCES unit(id),
  start_date     INTEGER NOT NULL,
  end_date       INTEGER,            -- inclusive; NULL while ongoing
  percent        REAL NOT NULL CHECK (percent > 0 AND percent <= 100),
  employment     TEXT NOT NULL
                 CHECK (employment IN ('fast', 'midlertidig', 'vikar', 'laerling', 'timelonnet')),
  job_code       TEXT,
  job_title      TEXT,
  leader         INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1)),
  fulltime_hours REAL,
  end_reason     TEXT,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX position_period_by_position ON position_period(position_id);
CREATE INDEX position_period_by_unit ON position_period(unit_id);

CREATE TABLE absence (
  id          INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  position_id INTEGER REFERENCES position(id),  -- NULL: all the person's positions
  type        TEXT NOT NULL,
  start_date  INTEGER NOT NULL,
  end_date    INTEGER NOT NULL,                 -- inclusive
  grade       INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 100),
  CHECK (end_date >= start_date)
);

CREATE TABLE pay (
  id                 INTEGER PRIMARY KEY,
  employee_id        INTEGER NOT NULL REFERENCES employee(id),
  date               INTEGER NOT NULL,
  annual_base_salary REAL NOT NULL,   -- kroner a year at 100 %
  fixed_allowances   REAL NOT NULL DEFAULT 0
);

CREATE TABLE dialogue (
  id          INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  date        INTEGER NOT NULL
);

CREATE TABLE followup_event (
  id          INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  event       TEXT NOT NULL CHECK (event IN ('oppfolgingsplan', 'dialogmote1', 'dialogmote2')),
  date        INTEGER NOT NULL
);

CREATE TABLE import_log (
  id           INTEGER PRIMARY KEY,
  imported_at  TEXT NOT NULL,
  source       TEXT NOT NULL,
  checksum     TEXT NOT NULL,
  counts       TEXT NOT NULL,   -- JSON object: rows per table
  warnings     INTEGER NOT NULL,
  seconds      REAL NOT NULL,
  data_version INTEGER NOT NULL
);
)sql"},
      {2, "materialised indicator results", R"sql(
-- One set of results at a time, computed from the data version it names; each block is an
-- opaque, compressed piece of it (metrics/results.h owns the format).
CREATE TABLE result_set (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  data_version INTEGER NOT NULL,
  computed_at  TEXT NOT NULL,
  seconds      REAL NOT NULL,
  meta         TEXT NOT NULL
);
CREATE TABLE result_block (
  name TEXT PRIMARY KEY,
  data BLOB NOT NULL
);
)sql"},
      {3, "employer policies with versions, and assessments with history", R"sql(
-- Every version of every policy ever loaded; policy/policy_yaml.h owns the document's format.
CREATE TABLE policy_version (
  id          INTEGER PRIMARY KEY,
  policy_key  TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  title       TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT NOT NULL,
  loaded_at   TEXT NOT NULL,
  source      TEXT NOT NULL,
  checksum    TEXT NOT NULL,
  document    TEXT NOT NULL,
  UNIQUE (policy_key, version)
);
-- Human assessments of a goal for a period, never changed: a new one for the same node and
-- period supersedes the earlier (the newest id is current), and the earlier stay as history.
CREATE TABLE assessment (
  id          INTEGER PRIMARY KEY,
  policy_key  TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  period      TEXT NOT NULL,
  verdict     TEXT NOT NULL CHECK (verdict IN ('lykkes', 'delvis', 'ikke')),
  narrative   TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  origin      TEXT NOT NULL
);
CREATE INDEX assessment_by_node ON assessment(policy_key, node_id, period);
)sql"},
      {4, "users and the audit log", R"sql(
-- Accounts (DESIGN §6). The password is an Argon2id hash string (libsodium crypto_pwhash_str).
CREATE TABLE app_user (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'union', 'viewer')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
-- The units whose subtrees a leader answers for (unit keys, which survive re-imports).
CREATE TABLE app_user_unit (
  user_id  INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  unit_key TEXT NOT NULL,
  PRIMARY KEY (user_id, unit_key)
);
-- Every change and every view of individual-level data. Nobody may edit it: the triggers refuse
-- UPDATE and DELETE for every connection, the application's included.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
)sql"},
      {5, "session epochs: revoking access from another process", R"sql(
-- Sessions live in the web server's memory, but accounts are changed by the command line too,
-- another process. A session remembers its account's epoch at login; every change of the account
-- (disabled, enabled, a new role or units, "log out everywhere") moves it, and a server that
-- finds another epoch at a session's next request ends that session (issue 13 item 9).
ALTER TABLE app_user ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
)sql"},
      {6, "follow-up events recorded in the app", R"sql(
-- A plan made, a dialogue meeting held, or a duty judged "åpenbart unødvendig" (with a reason),
-- recorded by a leader or HR (DESIGN §10.2). Kept apart from the imported followup_event rows and
-- keyed by the employee's key, so that a re-import never removes them; appended, never changed.
CREATE TABLE followup_record (
  id           INTEGER PRIMARY KEY,
  employee_key TEXT NOT NULL,
  event        TEXT NOT NULL CHECK (event IN ('oppfolgingsplan', 'dialogmote1')),
  date         INTEGER NOT NULL,
  unnecessary  INTEGER NOT NULL DEFAULT 0 CHECK (unnecessary IN (0, 1)),
  reason       TEXT NOT NULL DEFAULT '',
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  CHECK (unnecessary = 0 OR reason <> '')
);
CREATE INDEX followup_record_by_employee ON followup_record(employee_key);
CREATE TRIGGER followup_record_no_update BEFORE UPDATE ON followup_record
BEGIN SELECT RAISE(ABORT, 'recorded follow-up events are not changed; record a new one'); END;
)sql"},
      {7, "measures in execution: updates, local measures, evidence", R"sql(
-- The execution of the policy's measures (DESIGN §10.3), beside the policy documents and keyed by
-- the policy's id and the measure's key (policy/policy.h MeasureKey), so that it survives a new
-- version of the policy that keeps the measure's id. Appended, never changed: the newest update
-- of a measure is its state, the earlier ones its history with the progress notes.
CREATE TABLE measure_update (
  id          INTEGER PRIMARY KEY,
  policy_key  TEXT NOT NULL,
  measure_key TEXT NOT NULL,
  status      TEXT NOT NULL
              CHECK (status IN ('planlagt', 'pågår', 'fullført', 'utsatt', 'avlyst')),
  unit_key    TEXT NOT NULL DEFAULT '',
  due         TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  note_date   TEXT NOT NULL DEFAULT '',
  author      TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX measure_update_by_measure ON measure_update(policy_key, measure_key, id);
CREATE TRIGGER measure_update_no_update BEFORE UPDATE ON measure_update
BEGIN SELECT RAISE(ABORT, 'measure updates are not changed; add a new one'); END;
CREATE TRIGGER measure_update_no_delete BEFORE DELETE ON measure_update
BEGIN SELECT RAISE(ABORT, 'measure updates are not deleted'); END;
-- Measures a leader adds to a goal for their unit; their key is "lokal-<id>".
CREATE TABLE measure_local (
  id          INTEGER PRIMARY KEY,
  policy_key  TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  title       TEXT NOT NULL CHECK (title <> ''),
  owner       TEXT NOT NULL DEFAULT '',
  due         TEXT NOT NULL DEFAULT '',
  unit_key    TEXT NOT NULL CHECK (unit_key <> ''),
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX measure_local_by_policy ON measure_local(policy_key);
-- Evidence that a measure is carried out: a link, or a file kept in the database (its content
-- type checked from its bytes, at most followup::kMaxEvidenceBytes), never served inline. Not
-- changed, but it may be withdrawn once (a file uploaded by mistake, with personal data in it):
-- then its bytes are gone and who withdrew it when stays.
CREATE TABLE measure_evidence (
  id           INTEGER PRIMARY KEY,
  policy_key   TEXT NOT NULL,
  measure_key  TEXT NOT NULL,
  title        TEXT NOT NULL CHECK (title <> ''),
  url          TEXT NOT NULL DEFAULT '',
  file_name    TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size         INTEGER NOT NULL DEFAULT 0,
  data         BLOB,
  added_by     TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT NOT NULL DEFAULT '',
  CHECK ((url <> '') <> (file_name <> ''))
);
CREATE INDEX measure_evidence_by_measure ON measure_evidence(policy_key, measure_key);
CREATE TRIGGER measure_evidence_only_withdrawn BEFORE UPDATE ON measure_evidence
WHEN OLD.withdrawn_at <> '' OR NEW.withdrawn_at = '' OR NEW.withdrawn_by = ''
  OR NEW.data IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.policy_key IS NOT OLD.policy_key
  OR NEW.measure_key IS NOT OLD.measure_key OR NEW.title IS NOT OLD.title
  OR NEW.url IS NOT OLD.url OR NEW.file_name IS NOT OLD.file_name
  OR NEW.content_type IS NOT OLD.content_type OR NEW.size IS NOT OLD.size
  OR NEW.added_by IS NOT OLD.added_by OR NEW.added_at IS NOT OLD.added_at
BEGIN SELECT RAISE(ABORT, 'evidence is not changed; it can only be withdrawn, once'); END;
CREATE TRIGGER measure_evidence_no_delete BEFORE DELETE ON measure_evidence
BEGIN SELECT RAISE(ABORT, 'evidence is not deleted; withdraw it'); END;
)sql"},
      {8, "staffing plans per unit, with versions", R"sql(
-- A unit's staffing plan (bemanningsplan, DESIGN §12) as the CSV of its contract; each save is a
-- new version, never changed or deleted, keyed by the unit's key so that a re-import keeps it.
CREATE TABLE staffing_plan (
  id        INTEGER PRIMARY KEY,
  unit_key  TEXT NOT NULL CHECK (unit_key <> ''),
  version   INTEGER NOT NULL CHECK (version > 0),
  plan_csv  TEXT NOT NULL CHECK (plan_csv <> ''),
  note      TEXT NOT NULL DEFAULT '',
  saved_by  TEXT NOT NULL,
  saved_at  TEXT NOT NULL,
  UNIQUE (unit_key, version)
);
CREATE TRIGGER staffing_plan_no_update BEFORE UPDATE ON staffing_plan
BEGIN SELECT RAISE(ABORT, 'a staffing plan is not changed; save a new version'); END;
CREATE TRIGGER staffing_plan_no_delete BEFORE DELETE ON staffing_plan
BEGIN SELECT RAISE(ABORT, 'staffing plans are not deleted'); END;
)sql"},
      {9, "rotas made from staffing plans", R"sql(
-- A rota (turnus, DESIGN §12) made from one version of a unit's staffing plan: the grid as the
-- CSV of §12's contract with what it was made for (weeks, weekend frequency F, full-time hours H,
-- the agreed rests or the law's) and what the check found. Kept as made, never changed.
CREATE TABLE staffing_rota (
  id                INTEGER PRIMARY KEY,
  unit_key          TEXT NOT NULL CHECK (unit_key <> ''),
  plan_id           INTEGER NOT NULL REFERENCES staffing_plan(id),
  weeks             INTEGER NOT NULL CHECK (weeks > 0),
  weekend_frequency REAL NOT NULL CHECK (weekend_frequency > 0),
  full_time_hours   REAL NOT NULL CHECK (full_time_hours > 0),
  agreed_rest       INTEGER NOT NULL CHECK (agreed_rest IN (0, 1)),
  rota_csv          TEXT NOT NULL CHECK (rota_csv <> ''),
  broken            INTEGER NOT NULL CHECK (broken >= 0),
  uncovered         INTEGER NOT NULL CHECK (uncovered >= 0),
  seconds           REAL NOT NULL,
  note              TEXT NOT NULL DEFAULT '',
  made_by           TEXT NOT NULL,
  made_at           TEXT NOT NULL
);
CREATE INDEX staffing_rota_unit ON staffing_rota(unit_key, id);
CREATE TRIGGER staffing_rota_no_update BEFORE UPDATE ON staffing_rota
BEGIN SELECT RAISE(ABORT, 'a rota is not changed; make a new one'); END;
CREATE TRIGGER staffing_rota_no_delete BEFORE DELETE ON staffing_rota
BEGIN SELECT RAISE(ABORT, 'rotas are not deleted'); END;
)sql"},
  };
  return kMigrations;
}

}  // namespace agp::store
