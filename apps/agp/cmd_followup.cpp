// agp followup duties|dialogues|record|measures: the leader's follow-up duties (DESIGN §10).
// `duties` prints the sick-leave worklist of §10.2 (its CSV is a contract), `dialogues` the
// development dialogues due (§10.4), `record` records a plan made, a meeting held or a duty judged
// «åpenbart unødvendig» as the web app does, `measures` lists the policy's measures in execution
// (§10.3). Every listing of individuals is written to the audit log.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "data_dir.h"
#include "followup/dialogues_due.h"
#include "followup/duties.h"
#include "followup/measures.h"
#include "metrics/followup_index.h"
#include "metrics/reference.h"
#include "policy/policy_store.h"
#include "store/database.h"

namespace agp::app {
namespace {

struct FollowupOptions {
  std::string date;
  std::string unit;
  std::string format = "table";
  std::string employee;
  std::string event;
  std::string unnecessary;  // the reason
  std::string policy;       // measures: the policy's id ("" the one in force on the day)
  bool overdue = false;     // measures: only the overdue ones
  bool stats = false;
};

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Loaded {
  std::unique_ptr<store::Database> db;
  core::Workforce w;
  core::Date day;
  int32_t unit = -1;
};

// Opens the database and reads the day and the unit; an exit status other than 0 on failure.
int Load(const GlobalOptions* g, const FollowupOptions& o, Loaded* out) {
  const std::optional<core::Date> day = core::ParseDate(o.date);
  if (!day) {
    std::fprintf(stderr, "agp: --date '%s' is not a date: use YYYY-MM-DD\n", o.date.c_str());
    return kExitUsage;
  }
  out->day = *day;
  auto db = store::OpenSqlite(g->db_path, {.create = false});
  if (!db.ok()) {
    std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
    return kExitFailure;
  }
  out->db = std::move(db).value();
  auto w = out->db->LoadWorkforce();
  if (!w.ok()) {
    std::fprintf(stderr, "agp: %s\n", w.error().ToString().c_str());
    return kExitFailure;
  }
  out->w = std::move(w).value();
  if (!o.unit.empty()) {
    for (size_t i = 0; i < out->w.units.size(); ++i) {
      if (out->w.units[i].key == o.unit) out->unit = static_cast<int32_t>(i);
    }
    if (out->unit < 0) {
      std::fprintf(stderr, "agp: enheten «%s» finnes ikke i databasen\n", o.unit.c_str());
      return kExitUsage;
    }
  }
  return kExitOk;
}

int Rules(core::Date day, followup::DutyRules* rules) {
  const std::string path = (DataDir() / "reference" / "deadlines.csv").string();
  auto deadlines = metrics::Deadlines::Load(path);
  if (!deadlines.ok()) {
    std::fprintf(stderr, "agp: %s\n", deadlines.error().ToString().c_str());
    return kExitFailure;
  }
  auto r = followup::DutyRules::From(*deadlines, day);
  if (!r.ok()) {
    std::fprintf(stderr, "agp: %s: %s\n", path.c_str(), r.error().ToString().c_str());
    return kExitFailure;
  }
  *rules = *r;
  return kExitOk;
}

std::string UnitKey(const core::Workforce& w, int32_t u) {
  return u < 0 ? std::string() : w.units[static_cast<size_t>(u)].key;
}

nlohmann::json DutyJson(const core::Workforce& w, const followup::DutyRow& r) {
  return {{"employee_id", w.employees[static_cast<size_t>(r.employee)].key},
          {"unit_id", UnitKey(w, r.unit)},
          {"case_start", r.case_start.ToIso()},
          {"case_end", r.case_end.ToIso()},
          {"duty", followup::ToCode(r.duty)},
          {"due_date", r.due.ToIso()},
          {"done_date", r.done ? nlohmann::json(r.done->ToIso()) : nlohmann::json(nullptr)},
          {"status", followup::ToCode(r.status)}};
}

void PrintDutyTable(const core::Workforce& w, const std::vector<followup::DutyRow>& rows,
                    bool milestone) {
  std::printf("%-12s %-10s %-23s %-16s %-10s %-10s %s\n", "ansatt", "enhet", "tilfelle",
              milestone ? "milepæl" : "plikt", "frist", "utført", "status");
  for (const followup::DutyRow& r : rows) {
    const std::string span = r.case_start.ToIso() + "–" + r.case_end.ToIso();
    std::printf("%-12s %-10s %-23s %-16s %-10s %-10s %s%s\n",
                w.employees[static_cast<size_t>(r.employee)].key.c_str(),
                UnitKey(w, r.unit).c_str(), span.c_str(), std::string(ToCode(r.duty)).c_str(),
                r.due.ToIso().c_str(), r.done ? r.done->ToIso().c_str() : "",
                std::string(followup::Label(r.status)).c_str(), r.done_in_app ? " (i agp)" : "");
  }
}

int Duties(const GlobalOptions* g, const FollowupOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  Loaded in;
  if (int rc = Load(g, o, &in); rc != kExitOk) return rc;
  const double load_s = SecondsSince(t0);
  followup::DutyRules rules;
  if (int rc = Rules(in.day, &rules); rc != kExitOk) return rc;
  const core::SystemClock clock;
  if (int rc = Audit(*in.db, clock, "individuals.view", o.unit.empty() ? "*" : o.unit,
                     "agp followup duties --date " + in.day.ToIso());
      rc != kExitOk) {
    return rc;
  }
  const auto t1 = std::chrono::steady_clock::now();
  const metrics::FollowupIndex index(in.w);
  const double index_s = SecondsSince(t1);
  std::vector<int32_t> units;
  if (in.unit >= 0) units.push_back(in.unit);
  const auto t2 = std::chrono::steady_clock::now();
  const followup::Worklist list = followup::BuildWorklist(in.w, index, in.day, rules, units);
  const double list_s = SecondsSince(t2);
  if (o.stats) {
    std::fprintf(stderr,
                 "agp: read %zu persons and %zu sick rows in %.3f s, indexed in %.3f s, "
                 "worklist (%zu duties, %zu milestones) in %.3f s\n",
                 in.w.employees.size(), in.w.absences.size(), load_s, index_s, list.duties.size(),
                 list.milestones.size(), list_s);
  }
  if (o.format == "csv") {
    std::fputs(followup::WorklistCsv(in.w, list).c_str(), stdout);
  } else if (o.format == "json") {
    nlohmann::json rows = nlohmann::json::array();
    for (const followup::DutyRow& r : list.duties) rows.push_back(DutyJson(in.w, r));
    std::printf("%s\n", rows.dump(2).c_str());
  } else {
    std::printf("Oppfølging av sykmeldte per %s: frister fra %s til %s\n", in.day.ToIso().c_str(),
                in.day.AddDays(-rules.lookback).ToIso().c_str(),
                in.day.AddDays(rules.lookahead).ToIso().c_str());
    PrintDutyTable(in.w, list.duties, false);
    if (!list.milestones.empty()) {
      std::printf(
          "\nDialogmøte 2 i regi av NAV (uke 26; send oppdatert oppfølgingsplan en uke "
          "før):\n");
      PrintDutyTable(in.w, list.milestones, true);
    }
  }
  return kExitOk;
}

int Dialogues(const GlobalOptions* g, const FollowupOptions& o) {
  Loaded in;
  if (int rc = Load(g, o, &in); rc != kExitOk) return rc;
  const core::SystemClock clock;
  if (int rc = Audit(*in.db, clock, "individuals.view", o.unit.empty() ? "*" : o.unit,
                     "agp followup dialogues --date " + in.day.ToIso());
      rc != kExitOk) {
    return rc;
  }
  const metrics::FollowupIndex index(in.w);
  std::vector<int32_t> units;
  if (in.unit >= 0) units.push_back(in.unit);
  const std::vector<followup::DialogueDue> due = followup::DialoguesDue(in.w, index, in.day, units);
  if (o.format == "csv") {
    std::printf("employee_id,unit_id,last_dialogue,hired\n");
    for (const followup::DialogueDue& d : due) {
      std::printf("%s,%s,%s,%s\n", in.w.employees[static_cast<size_t>(d.employee)].key.c_str(),
                  UnitKey(in.w, d.unit).c_str(), d.last ? d.last->ToIso().c_str() : "",
                  d.hired.ToIso().c_str());
    }
  } else if (o.format == "json") {
    nlohmann::json rows = nlohmann::json::array();
    for (const followup::DialogueDue& d : due) {
      rows.push_back({{"employee_id", in.w.employees[static_cast<size_t>(d.employee)].key},
                      {"unit_id", UnitKey(in.w, d.unit)},
                      {"last_dialogue", d.last ? nlohmann::json(d.last->ToIso()) : nullptr},
                      {"hired", d.hired.ToIso()}});
    }
    std::printf("%s\n", rows.dump(2).c_str());
  } else {
    std::printf(
        "Medarbeidersamtaler som skulle vært holdt per %s (siste samtale mer enn 365 "
        "dager siden, eller ingen):\n",
        in.day.ToIso().c_str());
    std::printf("%-12s %-10s %-14s %s\n", "ansatt", "enhet", "siste samtale", "ansatt siden");
    for (const followup::DialogueDue& d : due) {
      std::printf("%-12s %-10s %-14s %s\n",
                  in.w.employees[static_cast<size_t>(d.employee)].key.c_str(),
                  UnitKey(in.w, d.unit).c_str(), d.last ? d.last->ToIso().c_str() : "ingen",
                  d.hired.ToIso().c_str());
    }
  }
  return kExitOk;
}

int Record(const GlobalOptions* g, const FollowupOptions& o) {
  const std::optional<core::Date> day = core::ParseDate(o.date);
  if (!day) {
    std::fprintf(stderr, "agp: --date '%s' is not a date: use YYYY-MM-DD\n", o.date.c_str());
    return kExitUsage;
  }
  auto db = store::OpenSqlite(g->db_path, {.create = false});
  if (!db.ok()) {
    std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
    return kExitFailure;
  }
  const core::SystemClock clock;
  store::FollowupRecord r;
  r.employee_key = o.employee;
  r.event = o.event;
  r.date = day->days();
  r.unnecessary = !o.unnecessary.empty();
  r.reason = o.unnecessary;
  r.recorded_by = CliActor();
  r.recorded_at = clock.NowUtc();
  store::Database& d = **db;
  core::Status s = d.Atomically([&]() -> core::Status {
    auto added = d.AddFollowupRecord(r);
    if (!added.ok()) return added.error();
    store::AuditEntry entry{
        0,
        r.recorded_at,
        r.recorded_by,
        "followup.record",
        r.employee_key,
        r.event + (r.unnecessary ? " åpenbart unødvendig " : " ") + day->ToIso()};
    auto audited = d.AppendAudit(entry);
    if (!audited.ok()) return audited.error();
    return core::Ok{};
  });
  if (!s.ok()) {
    std::fprintf(stderr, "agp: %s\n", s.error().ToString().c_str());
    return s.error().code() == core::ErrorCode::kInvalidInput ? kExitBadData : kExitFailure;
  }
  std::printf(
      "Registrert: %s %s for %s. Indikatorene regnes om (agp recompute, eller agp serve "
      "gjør det selv).\n",
      r.unnecessary ? "åpenbart unødvendig:" : "", r.event.c_str(), o.employee.c_str());
  return kExitOk;
}

// The policy's measures in execution on the day (DESIGN §10.3): not personal data, so no audit
// entry; the unit filter takes the subtree.
int Measures(const GlobalOptions* g, const FollowupOptions& o) {
  Loaded in;
  if (int rc = Load(g, o, &in); rc != kExitOk) return rc;
  // The one in force on the day unless one is asked for (as agp report).
  auto key = policy::PolicyKeyFor(*in.db, o.policy, in.day);
  if (!key.ok()) {
    std::fprintf(stderr, "agp: %s\n", key.error().message().c_str());
    return key.error().code() == core::ErrorCode::kUsage ? kExitUsage : kExitFailure;
  }
  auto p = policy::LoadStoredPolicy(*in.db, *key);
  if (!p.ok()) {
    std::fprintf(stderr, "agp: %s\n", p.error().ToString().c_str());
    return kExitFailure;
  }
  auto book = followup::LoadMeasures(*in.db, *p, in.w, in.day);
  if (!book.ok()) {
    std::fprintf(stderr, "agp: %s\n", book.error().ToString().c_str());
    return kExitFailure;
  }
  std::vector<int32_t> units;
  if (in.unit >= 0) units.push_back(in.unit);
  std::vector<const followup::MeasureState*> rows;
  for (const followup::MeasureState* m : followup::MeasuresIn(in.w, *book, units)) {
    if (!o.overdue || m->overdue) rows.push_back(m);
  }
  auto csv = [](const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  if (o.format == "csv") {
    std::printf("policy_id,node_id,measure_id,title,unit_id,due_date,status,overdue,updated_on\n");
    for (const followup::MeasureState* m : rows) {
      std::printf("%s,%s,%s,%s,%s,%s,%s,%d,%s\n", csv(m->policy_key).c_str(),
                  csv(m->node_id).c_str(), csv(m->key).c_str(), csv(m->title).c_str(),
                  csv(m->unit_key).c_str(), m->due.c_str(),
                  std::string(followup::StatusKey(m->status)).c_str(), m->overdue ? 1 : 0,
                  m->updated_on.c_str());
    }
  } else if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const followup::MeasureState* m : rows) {
      nlohmann::json notes = nlohmann::json::array();
      for (const store::MeasureUpdateRecord& u : m->updates) {
        if (!u.note.empty())
          notes.push_back({{"date", u.note_date}, {"by", u.author}, {"note", u.note}});
      }
      out.push_back({{"policy_id", m->policy_key},
                     {"node_id", m->node_id},
                     {"measure_id", m->key},
                     {"title", m->title},
                     {"local", m->local},
                     {"unit_id", m->unit_key},
                     {"due_date", m->due},
                     {"status", followup::StatusKey(m->status)},
                     {"overdue", m->overdue},
                     {"updated_on", m->updated_on},
                     {"notes", notes},
                     {"evidence", std::count_if(m->evidence.begin(), m->evidence.end(),
                                                [](const store::MeasureEvidenceRecord& e) {
                                                  return e.withdrawn_at.empty();
                                                }) +
                                      static_cast<std::ptrdiff_t>(m->document_evidence.size())}});
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("Tiltak i %s per %s%s:\n", p->title.c_str(), in.day.ToIso().c_str(),
                o.overdue ? ", bare forfalte" : "");
    std::printf("%-24s %-10s %-10s %-9s %s\n", "tiltak", "enhet", "frist", "status", "tittel");
    for (const followup::MeasureState* m : rows) {
      // Padded by characters, not bytes: «pågår» is five wide.
      auto pad = [](std::string text, size_t width) {
        size_t chars = 0;
        for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
        if (chars < width) text.append(width - chars, ' ');
        return text;
      };
      std::printf("%s %s %s %s %s%s\n", pad(m->key, 24).c_str(),
                  pad(m->unit_key.empty() ? "–" : m->unit_key, 10).c_str(),
                  pad(m->due.empty() ? "–" : m->due, 10).c_str(),
                  pad(std::string(followup::StatusKey(m->status)), 9).c_str(), m->title.c_str(),
                  m->overdue ? "  (forfalt)" : "");
    }
  }
  return kExitOk;
}

}  // namespace

Command FollowupCommand() {
  return {"followup", "The leader's follow-up: sick-leave duties, dialogues, measures (DESIGN §10)",
          [](CLI::App* cmd, const GlobalOptions* g) {
            cmd->require_subcommand(1);
            auto o = std::make_shared<FollowupOptions>();
            auto listing = [&](const char* name, const char* help) {
              CLI::App* sub = cmd->add_subcommand(name, help);
              sub->add_option("--date", o->date, "The day (YYYY-MM-DD)")->required();
              sub->add_option("--unit", o->unit, "Only this unit's subtree");
              sub->add_option("--format", o->format, "table, csv or json")
                  ->check(CLI::IsMember({"table", "csv", "json"}));
              return sub;
            };
            CLI::App* duties = listing("duties", "The sick-leave duties worklist (DESIGN §10.2)");
            duties->add_flag("--stats", o->stats,
                             "Say on standard error how long reading, indexing and listing took");
            CLI::App* dialogues = listing("dialogues", "Development dialogues due (DESIGN §10.4)");
            CLI::App* measures =
                listing("measures", "The policy's measures in execution (DESIGN §10.3)");
            measures->add_option("--policy", o->policy,
                                 "The policy's id (default: the one in force on the day)");
            measures->add_flag("--overdue", o->overdue,
                               "Only those whose due date has passed, not fullført or avlyst");
            CLI::App* record = cmd->add_subcommand(
                "record", "Record a plan made or a meeting held (or judged «åpenbart unødvendig»)");
            record->add_option("employee", o->employee, "The employee's employee_id")->required();
            record->add_option("--event", o->event, "oppfolgingsplan or dialogmote1")
                ->required()
                ->check(CLI::IsMember({"oppfolgingsplan", "dialogmote1"}));
            record->add_option("--date", o->date, "The day it was done (YYYY-MM-DD)")->required();
            record->add_option("--unnecessary", o->unnecessary,
                               "Instead: the duty is «åpenbart unødvendig», for this reason");
            return std::function<int()>([=] {
              if (duties->parsed()) return Duties(g, *o);
              if (dialogues->parsed()) return Dialogues(g, *o);
              if (record->parsed()) return Record(g, *o);
              if (measures->parsed()) return Measures(g, *o);
              return static_cast<int>(kExitUsage);
            });
          }};
}

}  // namespace agp::app
