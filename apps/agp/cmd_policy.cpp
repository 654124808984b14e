// agp policy check FILE: reads an employer policy (docs/policy-format.md) and reports what is
// broken (errors, exit 2) and which goals cannot be checked and what to add (warnings, exit 0).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "core/csv_cell.h"
#include "data_dir.h"
#include "metrics/query.h"
#include "metrics/results.h"
#include "policy/evaluation.h"
#include "policy/lint.h"
#include "policy/policy_store.h"
#include "policy_templates.h"
#include "store/database.h"
#include "terminal.h"

namespace agp::app {
namespace {

// Reads and checks a policy file, printing the diagnostics; nullopt when it cannot be read.
std::optional<policy::Policy> ReadChecked(const std::string& path,
                                          policy::Diagnostics* diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "agp: kan ikke lese %s\n", path.c_str());
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  policy::Policy p = policy::CheckPolicy(text.str(), diagnostics);
  for (const policy::Diagnostic& d : diagnostics->items())
    std::printf("%s\n", d.ToString().c_str());
  return p;
}

int Check(const std::string& path) {
  policy::Diagnostics diagnostics(path);
  const std::optional<policy::Policy> read = ReadChecked(path, &diagnostics);
  if (!read) return kExitFailure;
  const policy::Policy& p = *read;
  int nodes = 0;
  int goals = 0;
  int measured = 0;
  policy::ForEachNode(p.nodes, [&](const policy::Node& n, int) {
    ++nodes;
    if (policy::IsGoal(n)) {
      ++goals;
      measured += n.indicators.empty() ? 0 : 1;
    }
  });
  std::printf("%s: %d feil, %d advarsler; %s punkter, %d mål, %d av dem med indikator.\n",
              path.c_str(), diagnostics.error_count(), diagnostics.warning_count(),
              GroupDigits(nodes).c_str(), goals, measured);
  return diagnostics.error_count() > 0 ? kExitBadData : kExitOk;
}

std::unique_ptr<store::Database> Open(const GlobalOptions* g) {
  auto db = store::OpenSqlite(g->db_path, {.create = false});
  if (!db.ok()) {
    std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
    return nullptr;
  }
  return std::move(db).value();
}

int Load(const GlobalOptions* g, const std::string& path) {
  policy::Diagnostics diagnostics(path);
  const std::optional<policy::Policy> p = ReadChecked(path, &diagnostics);
  if (!p) return kExitFailure;
  if (diagnostics.error_count() > 0) {
    std::printf("%s: %d feil; ingenting er lastet.\n", path.c_str(), diagnostics.error_count());
    return kExitBadData;
  }
  auto db = Open(g);
  if (!db) return kExitFailure;
  const core::SystemClock clock;
  auto outcome = policy::StorePolicy(*db, *p, path, clock);
  if (!outcome.ok()) {
    std::fprintf(stderr, "agp: %s\n", outcome.error().ToString().c_str());
    return kExitFailure;
  }
  if (outcome->added) {
    if (int rc = Audit(*db, clock, "policy.load", p->id,
                       "versjon " + std::to_string(outcome->version.version) + " fra " + path);
        rc != kExitOk) {
      return rc;
    }
    std::printf("Lastet «%s» (%s) som versjon %d, %d vurderinger; %d advarsler.\n",
                p->title.c_str(), p->id.c_str(), outcome->version.version,
                outcome->assessments_added, diagnostics.warning_count());
  } else {
    std::printf(
        "«%s» (%s) versjon %d er allerede lastet med det samme innholdet; ingenting nytt.\n",
        p->title.c_str(), p->id.c_str(), outcome->version.version);
  }
  return kExitOk;
}

struct AssessOptions {
  std::string policy, node, period, verdict, narrative, by, evidence;
};

// Records a human assessment of a goal for a period; earlier ones stay as history.
int Assess(const GlobalOptions* g, const AssessOptions& o) {
  auto db = Open(g);
  if (!db) return kExitFailure;
  auto p = policy::LoadStoredPolicy(*db, o.policy);
  if (!p.ok()) {
    std::fprintf(stderr, "agp: %s\n", p.error().ToString().c_str());
    return p.error().code() == core::ErrorCode::kNotFound ? kExitUsage : kExitFailure;
  }
  if (policy::FindNode(p->nodes, o.node) == nullptr) {
    std::fprintf(stderr, "agp: «%s» har ikke noe punkt med id «%s» (agp policy show %s)\n",
                 o.policy.c_str(), o.node.c_str(), o.policy.c_str());
    return kExitUsage;
  }
  if (!PeriodOption(o.period)) return kExitUsage;
  const core::SystemClock clock;
  policy::Assessment a;
  a.node = o.node;
  a.period = o.period;
  a.verdict = o.verdict;
  a.narrative = o.narrative;
  if (!o.evidence.empty()) a.evidence.push_back({o.evidence, "", ""});
  a.by = o.by;
  auto history = db->Assessments(o.policy);
  if (!history.ok()) {
    std::fprintf(stderr, "agp: %s\n", history.error().ToString().c_str());
    return kExitFailure;
  }
  const store::AssessmentRecord* before = policy::CurrentAssessment(*history, o.node, o.period);
  if (core::Status s = policy::RecordAssessment(*db, o.policy, a, clock); !s.ok()) {
    std::fprintf(stderr, "agp: %s\n", s.error().ToString().c_str());
    return kExitFailure;
  }
  if (int rc =
          Audit(*db, clock, "assessment.add", o.policy + "/" + o.node, o.period + " " + o.verdict);
      rc != kExitOk) {
    return rc;
  }
  std::printf("Vurderingen av %s for %s er lagret: %s%s.\n", o.node.c_str(), o.period.c_str(),
              o.verdict.c_str(),
              before == nullptr ? ""
                                : (" (erstatter «" + before->verdict + "» fra " +
                                   before->recorded_at + ", som blir stående i historikken)")
                                      .c_str());
  return kExitOk;
}

std::string TargetText(const policy::Target& t) {
  switch (t.rule) {
    case policy::TargetRule::kAtLeast:
      return "minst " + metrics::FormatNumber(t.value);
    case policy::TargetRule::kAtMost:
      return "høyst " + metrics::FormatNumber(t.value);
    case policy::TargetRule::kTrendUp:
      return "opp fra " + t.baseline;
    case policy::TargetRule::kTrendDown:
      return "ned fra " + t.baseline;
    case policy::TargetRule::kBetterThanReference:
      return "bedre enn landet";
    case policy::TargetRule::kNone:
      return "";
  }
  return "";
}

int Show(const GlobalOptions* g, const std::string& key, int version) {
  auto db = Open(g);
  if (!db) return kExitFailure;
  auto versions = db->PolicyVersions();
  if (!versions.ok()) {
    std::fprintf(stderr, "agp: %s\n", versions.error().ToString().c_str());
    return kExitFailure;
  }
  if (key.empty()) {
    if (versions->empty())
      std::printf("Ingen arbeidsgiverpolitikk er lastet (agp policy load FIL).\n");
    for (const store::PolicyVersion& v : *versions) {
      std::printf("%-28s v%-3d %s–%s  %s  (lastet %s fra %s)\n", v.policy_key.c_str(), v.version,
                  v.valid_from.c_str(), v.valid_to.c_str(), v.title.c_str(), v.loaded_at.c_str(),
                  v.source.c_str());
    }
    return kExitOk;
  }
  auto p = policy::LoadStoredPolicy(*db, key, version);
  if (!p.ok()) {
    std::fprintf(stderr, "agp: %s\n", p.error().ToString().c_str());
    return p.error().code() == core::ErrorCode::kNotFound ? kExitUsage : kExitFailure;
  }
  std::printf("%s\n%s", p->title.c_str(), p->organisation.c_str());
  if (!p->adopted.by.empty())
    std::printf(", vedtatt av %s %s", p->adopted.by.c_str(), p->adopted.date.c_str());
  std::printf("; gjelder %s–%s\n\n", p->valid.from.c_str(), p->valid.to.c_str());
  policy::ForEachNode(p->nodes, [](const policy::Node& n, int depth) {
    std::printf("%*s%s [%s] %s%s\n", depth * 2, "", n.id.c_str(), n.kind.c_str(), n.title.c_str(),
                policy::IsGoal(n) && n.indicators.empty() ? "  (kan ikke måles)" : "");
    for (const policy::IndicatorLink& i : n.indicators) {
      std::printf("%*s  ↳ %s%s%s%s%s\n", depth * 2, "", i.key.c_str(),
                  i.scope.empty() ? "" : (" i " + i.scope).c_str(),
                  i.target ? (": " + TargetText(*i.target)).c_str() : ": uten mål",
                  i.target && !i.target->by.empty() ? (" innen " + i.target->by).c_str() : "", "");
    }
    for (const policy::Measure& m : n.measures) {
      std::printf("%*s  • %s%s\n", depth * 2, "", m.title.c_str(),
                  m.status.empty() ? "" : (" (" + m.status + ")").c_str());
    }
  });
  return kExitOk;
}

// The first line of a narrative, at most about 100 bytes, cut between UTF-8 characters.
std::string Summary(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() <= 100 && line.size() == text.size()) return line;
  size_t cut = std::min<size_t>(line.size(), 100);
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + " …";
}

std::string Optional(const std::optional<double>& v) { return v ? metrics::FormatNumber(*v) : ""; }

struct EvaluateOptions {
  std::string period;
  std::string policy;
  std::string format = "table";
  int min_group = 5;
  int version = 0;  // with --policy: this version instead of the newest
};

int Evaluate(const GlobalOptions* g, const EvaluateOptions& o) {
  const auto period = PeriodOption(o.period);
  if (!period) return kExitUsage;
  auto db = Open(g);
  if (!db) return kExitFailure;
  auto versions = db->PolicyVersions();
  if (!versions.ok()) {
    std::fprintf(stderr, "agp: %s\n", versions.error().ToString().c_str());
    return kExitFailure;
  }
  std::vector<std::string> keys;
  for (const store::PolicyVersion& v : *versions) {
    if ((o.policy.empty() || v.policy_key == o.policy) &&
        (keys.empty() || keys.back() != v.policy_key)) {
      keys.push_back(v.policy_key);
    }
  }
  if (keys.empty()) {
    std::fprintf(stderr, "agp: %s\n",
                 o.policy.empty()
                     ? "ingen arbeidsgiverpolitikk er lastet (agp policy load FIL)"
                     : ("ingen arbeidsgiverpolitikk med id «" + o.policy + "»").c_str());
    return kExitUsage;
  }
  auto cube = metrics::LoadResults(*db);
  if (!cube.ok()) {
    std::fprintf(stderr, "agp: %s\n", cube.error().ToString().c_str());
    return kExitFailure;
  }
  auto reference =
      metrics::ReferenceFigures::Load((DataDir() / "reference" / "national.csv").string());
  if (!reference.ok()) {
    std::fprintf(stderr, "agp: %s\n", reference.error().ToString().c_str());
    return kExitFailure;
  }
  policy::EvaluationInput in;
  in.cube = &*cube;
  in.reference = &*reference;
  in.audience.min_group = o.min_group;

  nlohmann::json json = nlohmann::json::array();
  if (o.format == "csv") {
    std::printf(
        "policy,version,node_id,title,period,status,indicator,unit_id,value,previous,baseline,"
        "reference,target,by,indicator_status,rule,assessment,assessment_by,assessment_date\n");
  }
  for (const std::string& key : keys) {
    auto p = policy::LoadStoredPolicy(*db, key, o.version);
    auto newest = db->LoadPolicyVersion(key, o.version);
    auto history = db->Assessments(key);
    if (!p.ok()) {
      std::fprintf(stderr, "agp: %s\n", p.error().ToString().c_str());
      return p.error().code() == core::ErrorCode::kNotFound ? kExitUsage : kExitFailure;
    }
    if (!newest.ok() || !*newest || !history.ok()) {
      std::fprintf(stderr, "agp: %s kan ikke leses\n", key.c_str());
      return kExitFailure;
    }
    const int version = (*newest)->version;
    const std::vector<policy::GoalResult> goals = policy::Evaluate(*p, *period, in);
    int counts[5] = {0, 0, 0, 0, 0};
    if (o.format == "table")
      std::printf("%s (%s, versjon %d) — %s\n\n", p->title.c_str(), key.c_str(), version,
                  o.period.c_str());
    for (const policy::GoalResult& goal : goals) {
      ++counts[static_cast<int>(goal.status)];
      const store::AssessmentRecord* a =
          policy::CurrentAssessment(*history, goal.node->id, o.period);
      if (o.format == "table") {
        std::printf("%s %s «%s»\n", Pad(policy::StatusLabel(goal.status), 12).c_str(),
                    goal.node->id.c_str(), goal.node->title.c_str());
        for (const policy::TargetResult& t : goal.targets) {
          std::printf("             %s (%s): %s — %s\n", t.link.key.c_str(), t.unit.c_str(),
                      policy::StatusLabel(t.status), t.rule.c_str());
        }
        if (a != nullptr) {
          std::printf("             vurdering %s: %s%s\n", a->period.c_str(), a->verdict.c_str(),
                      a->narrative.empty() ? "" : (" — " + Summary(a->narrative)).c_str());
        }
      } else if (o.format == "csv") {
        auto row = [&](const policy::TargetResult* t) {
          std::string line = core::CsvText(key) + "," + std::to_string(version) + "," +
                             core::CsvText(goal.node->id) + "," + core::CsvText(goal.node->title) +
                             "," + o.period + "," + policy::StatusKey(goal.status) + ",";
          if (t != nullptr) {
            line += core::CsvText(t->link.key) + "," + core::CsvText(t->unit) + "," +
                    Optional(t->value) + "," + Optional(t->previous) + "," + Optional(t->baseline) +
                    "," + Optional(t->reference) + "," +
                    core::CsvText(t->link.target ? TargetText(*t->link.target) : "") + "," +
                    core::CsvText(t->link.target ? t->link.target->by : "") + "," +
                    policy::StatusKey(t->status) + "," + core::CsvText(t->rule) + ",";
          } else {
            line += ",,,,,,,,,,";
          }
          line += a != nullptr ? core::CsvText(a->verdict) + "," + core::CsvText(a->assessed_by) +
                                     "," + core::CsvText(a->assessed_on)
                               : ",,";
          std::printf("%s\n", line.c_str());
        };
        if (goal.targets.empty()) row(nullptr);
        for (const policy::TargetResult& t : goal.targets) row(&t);
      } else {
        nlohmann::json item = {{"policy", key},
                               {"version", version},
                               {"node_id", goal.node->id},
                               {"title", goal.node->title},
                               {"period", o.period},
                               {"status", policy::StatusKey(goal.status)}};
        nlohmann::json targets = nlohmann::json::array();
        for (const policy::TargetResult& t : goal.targets) {
          nlohmann::json j = {{"indicator", t.link.key},
                              {"unit_id", t.unit},
                              {"status", policy::StatusKey(t.status)},
                              {"rule", t.rule},
                              {"suppressed", t.suppressed}};
          if (t.value) j["value"] = *t.value;
          if (t.previous) j["previous"] = *t.previous;
          if (t.baseline) j["baseline"] = *t.baseline;
          if (t.reference) j["reference"] = *t.reference;
          if (t.link.target) j["target"] = TargetText(*t.link.target);
          targets.push_back(std::move(j));
        }
        item["targets"] = std::move(targets);
        if (a != nullptr) {
          item["assessment"] = {{"verdict", a->verdict},
                                {"narrative", a->narrative},
                                {"by", a->assessed_by},
                                {"date", a->assessed_on},
                                {"evidence", nlohmann::json::parse(a->evidence, nullptr, false)}};
        }
        json.push_back(std::move(item));
      }
    }
    if (o.format == "table") {
      std::printf(
          "\n%zu mål: %d nådd, %d i rute, %d ikke i rute, %d mangler tall, %d uten mål.\n\n",
          goals.size(), counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
  }
  if (o.format == "json") std::printf("%s\n", json.dump(2).c_str());
  return kExitOk;
}

}  // namespace

int LoadPolicyTemplates(store::Database& db, const core::Clock& clock) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(DataDir() / "policies", ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string names;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    policy::Diagnostics diagnostics(file.string());
    const policy::Policy p = policy::CheckPolicy(text.str(), &diagnostics);
    if (diagnostics.error_count() > 0) {
      std::fprintf(stderr, "agp: %s\n", diagnostics.items()[0].ToString().c_str());
      return kExitFailure;
    }
    auto stored = policy::StorePolicy(db, p, file.filename().string(), clock);
    if (!stored.ok()) {
      std::fprintf(stderr, "agp: %s\n", stored.error().ToString().c_str());
      return kExitFailure;
    }
    names += (names.empty() ? "" : ", ") + p.id;
  }
  std::printf(
      "Maler for arbeidsgiverpolitikk lastet: %s (agp policy show, agp evaluate --period ÅR).\n",
      names.empty() ? "ingen" : names.c_str());
  return kExitOk;
}

Command EvaluateCommand() {
  return {"evaluate", "Each goal's status for a period, from its targets and the indicators (§5)",
          [](CLI::App* cmd, const GlobalOptions* g) {
            auto o = std::make_shared<EvaluateOptions>();
            cmd->add_option("--period", o->period, "Period: 2024, 2024-T1, 2024-Q1 or 2024-03")
                ->required();
            cmd->add_option("--policy", o->policy,
                            "Only this policy (default: every stored one, newest version)");
            cmd->add_option("--version", o->version,
                            "With --policy: evaluate this version (default: the newest)")
                ->needs(cmd->get_option("--policy"));
            cmd->add_option("--format", o->format, "table, csv or json")
                ->check(CLI::IsMember({"table", "csv", "json"}));
            cmd->add_option("--min-group", o->min_group,
                            "Treat figures about fewer persons as withheld (default 5; 0: none)")
                ->check(CLI::Range(0, 1000000));
            return std::function<int()>([g, o] { return Evaluate(g, *o); });
          }};
}

Command PolicyCommand() {
  return {"policy", "Check employer policies (docs/policy-format.md)",
          [](CLI::App* cmd, const GlobalOptions* g) {
            cmd->require_subcommand(1);
            auto file = std::make_shared<std::string>();
            CLI::App* check = cmd->add_subcommand(
                "check", "Report errors (exit 2) and unmeasurable goals (warnings, exit 0)");
            check->add_option("file", *file, "Policy YAML file")->required();
            CLI::App* load = cmd->add_subcommand(
                "load", "Check a policy and store it as a new version (earlier versions are kept)");
            load->add_option("file", *file, "Policy YAML file")->required();
            auto key = std::make_shared<std::string>();
            auto version = std::make_shared<int>(0);
            CLI::App* show = cmd->add_subcommand("show", "List the stored policies, or show one");
            show->add_option("id", *key, "The policy's id (agp policy show lists them)");
            show->add_option("--version", *version, "Version (default: the newest)");
            auto assess = std::make_shared<AssessOptions>();
            CLI::App* a = cmd->add_subcommand(
                "assess",
                "Record a human assessment of a goal for a period (earlier ones are kept)");
            a->add_option("policy", assess->policy, "The policy's id")->required();
            a->add_option("node", assess->node, "The goal's id")->required();
            a->add_option("--period", assess->period, "Period: 2024, 2024-T1, …")->required();
            a->add_option("--verdict", assess->verdict, "lykkes, delvis or ikke")
                ->required()
                ->check(CLI::IsMember({"lykkes", "delvis", "ikke"}));
            a->add_option("--narrative", assess->narrative, "What happened, in a few sentences");
            a->add_option("--by", assess->by, "Who made the assessment");
            a->add_option("--evidence", assess->evidence, "Where it can be seen (a title)");
            return std::function<int()>([=] {
              if (check->parsed()) return Check(*file);
              if (a->parsed()) return Assess(g, *assess);
              if (load->parsed()) return Load(g, *file);
              if (show->parsed()) return Show(g, *key, *version);
              return static_cast<int>(kExitUsage);
            });
          }};
}

}  // namespace agp::app
