#include "web/policy_edit.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/date.h"
#include "core/period.h"
#include "metrics/indicator.h"
#include "policy/lint.h"
#include "policy/policy_yaml.h"
#include "web/html.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

std::string Trim(std::string_view s) {
  const char* kSpace = " \t\r\n";
  size_t a = s.find_first_not_of(kSpace);
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(kSpace);
  return std::string(s.substr(a, b - a + 1));
}

// Text from a textarea: the browser's CRLF as LF, and no blank end (the reader trims it).
std::string NormaliseText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  size_t end = out.find_last_not_of(" \t\n");
  out.erase(end == std::string::npos ? 0 : end + 1);
  return out;
}

const char* RuleKey(const std::optional<policy::Target>& t) {
  if (!t) return "none";
  switch (t->rule) {
    case policy::TargetRule::kAtLeast:
      return "at_least";
    case policy::TargetRule::kAtMost:
      return "at_most";
    case policy::TargetRule::kTrendUp:
      return "trend_up";
    case policy::TargetRule::kTrendDown:
      return "trend_down";
    case policy::TargetRule::kBetterThanReference:
      return "better_than";
    case policy::TargetRule::kNone:
      return "none";
  }
  return "none";
}

TargetFields TargetFieldsOf(const std::optional<policy::Target>& t) {
  TargetFields f;
  f.rule = RuleKey(t);
  if (!t) return f;
  if (t->rule == policy::TargetRule::kAtLeast || t->rule == policy::TargetRule::kAtMost) {
    f.value = DecimalText(t->value);
  }
  f.baseline = t->baseline;
  f.by = t->by;
  return f;
}

bool KnownIndicator(const std::string& key) {
  const size_t colon = key.find(metrics::kJobCodeSeparator);
  const std::string base = key.substr(0, colon);
  if (!metrics::FindIndicator(base)) return false;
  return colon == std::string::npos || (base == "pay_ratio_women_men" && colon + 1 < key.size());
}

// "2025-12-31" or "31.12.2025" → "2025-12-31"; an error message in `error` otherwise.
std::string ReadDate(const std::string& text, std::string* error) {
  std::string t = Trim(text);
  if (t.empty()) return "";
  auto d = core::ParseDate(t);
  if (!d) {
    *error =
        "«" + t + "» er ikke en gyldig dato; skriv den som ÅÅÅÅ-MM-DD, for eksempel 2025-12-31.";
    return t;
  }
  return d->ToIso();
}

class FieldChecker {
 public:
  explicit FieldChecker(EditOutcome* out) : out_(out) {}
  void Error(const std::string& field, const std::string& message) {
    out_->field_errors.emplace(field, message);
  }
  std::string Date(const std::string& field, const std::string& text) {
    std::string error;
    std::string iso = ReadDate(text, &error);
    if (!error.empty()) Error(field, error);
    return iso;
  }

  // The target of an indicator line; nullopt for "none". `name` gives a part's field name.
  template <typename Name>
  std::optional<policy::Target> Target(const TargetFields& f, const std::string& key, Name name) {
    const std::string rule = f.rule.empty() ? "none" : f.rule;
    if (rule == "none") return std::nullopt;
    policy::Target t;
    if (rule == "at_least" || rule == "at_most") {
      t.rule = rule == "at_least" ? policy::TargetRule::kAtLeast : policy::TargetRule::kAtMost;
      const std::string text = Trim(f.value);
      auto v = ParseDecimal(text);
      if (text.empty()) {
        Error(name("value"), "Skriv verdien målet skal nå, for eksempel 6,5.");
      } else if (!v) {
        Error(name("value"), "«" + text + "» er ikke et tall; skriv for eksempel 6,5.");
      } else if (*v < 0) {
        Error(name("value"), "Verdien kan ikke være negativ.");
      } else if (IndicatorUnit(key) == "%" && *v > 100) {
        Error(name("value"), "En prosent kan ikke være over 100.");
      } else {
        t.value = *v;
      }
    } else if (rule == "trend_up" || rule == "trend_down") {
      t.rule = rule == "trend_up" ? policy::TargetRule::kTrendUp : policy::TargetRule::kTrendDown;
      t.baseline = Trim(f.baseline);
      if (t.baseline.empty()) {
        Error(name("baseline"), "Skriv grunnlagsåret utviklingen måles fra, for eksempel 2020.");
      } else if (!core::Period::Parse(t.baseline)) {
        Error(name("baseline"), "«" + t.baseline +
                                    "» er ikke en periode; skriv et år (2020), en måned "
                                    "(2020-03), et tertial (2020-T1) eller et kvartal (2020-Q1).");
      }
    } else if (rule == "better_than") {
      t.rule = policy::TargetRule::kBetterThanReference;
    } else {
      Error(name("rule"), "Velg en av reglene i listen.");
      return std::nullopt;
    }
    t.by = Date(name("by"), f.by);
    return t;
  }

 private:
  EditOutcome* out_;
};

std::string ScopeWords(const std::string& scope) {
  return scope.empty() ? "hele organisasjonen" : "enhet " + scope;
}

std::string ReadFile(const std::filesystem::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Whether a diagnostic's "id «title»" names the node `id`.
bool Concerns(const policy::Diagnostic& d, const std::string& id) {
  return d.node == id || d.node.starts_with(id + " «");
}

}  // namespace

std::string IndicatorField(int i, const char* part) {
  return "ind-" + std::to_string(i) + "-" + part;
}

std::string MeasureField(int i, const char* part) { return "m-" + std::to_string(i) + "-" + part; }

std::optional<double> ParseDecimal(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    s += c == ',' ? '.' : c;
  }
  // A trailing percent sign and the narrow or no-break spaces people paste with it.
  for (std::string_view tail : {"%", "\u202f", "\u00a0"}) {
    while (s.size() >= tail.size() && s.ends_with(tail)) s.erase(s.size() - tail.size());
  }
  if (s.empty() || s.front() == '+') return std::nullopt;
  double v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

NodeFields FieldsOf(const policy::Node& node, int version) {
  NodeFields f;
  f.base_version = version;
  f.title = node.title;
  f.text = node.text;
  for (const policy::IndicatorLink& link : node.indicators) {
    IndicatorFields i;
    i.key = link.key;
    i.scope = link.scope;
    i.target = TargetFieldsOf(link.target);
    f.indicators.push_back(std::move(i));
  }
  f.new_indicator.target.rule = "none";
  for (const policy::Measure& m : node.measures) {
    f.measures.push_back({m.title, m.owner, m.due, m.status, false});
  }
  return f;
}

NodeFields ReadNodeFields(const FormGetter& get) {
  auto text = [&](const std::string& name) { return get(name).value_or(""); };
  NodeFields f;
  if (auto v = get("versjon")) {
    int n = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec == std::errc() && ptr == v->data() + v->size() && n > 0) f.base_version = n;
  }
  f.title = text("title");
  f.text = text("text");
  auto read_target = [&](const std::string& prefix) {
    return TargetFields{text(prefix + "rule"), text(prefix + "value"), text(prefix + "baseline"),
                        text(prefix + "by")};
  };
  for (int i = 0; get(IndicatorField(i, "rule")); ++i) {
    IndicatorFields ind;
    ind.scope = text(IndicatorField(i, "scope"));
    ind.target = read_target("ind-" + std::to_string(i) + "-");
    ind.remove = get(IndicatorField(i, "remove")).has_value();
    f.indicators.push_back(std::move(ind));
  }
  f.new_indicator.key = text("new-ind-key");
  f.new_indicator.scope = text("new-ind-scope");
  f.new_indicator.target = read_target("new-ind-");
  for (int i = 0; get(MeasureField(i, "title")); ++i) {
    f.measures.push_back({text(MeasureField(i, "title")), text(MeasureField(i, "owner")),
                          text(MeasureField(i, "due")), text(MeasureField(i, "status")),
                          get(MeasureField(i, "remove")).has_value()});
  }
  f.new_measure = {text("new-m-title"), text("new-m-owner"), text("new-m-due"),
                   text("new-m-status"), false};
  return f;
}

core::Result<EditOutcome> EditNode(store::Database& db, const std::string& policy_id,
                                   const std::string& node_id, const NodeFields& fields,
                                   const std::string& user, const core::Clock& clock,
                                   const std::vector<std::string>& known_units) {
  auto stored = db.LoadPolicyVersion(policy_id, 0);
  if (!stored.ok()) return stored.error();
  if (!*stored) {
    return core::Error(core::ErrorCode::kNotFound,
                       "ingen arbeidsgiverpolitikk med id «" + policy_id + "» er lastet");
  }
  const int current = (*stored)->version;
  policy::Diagnostics read_diagnostics("database");
  policy::Policy p = policy::ReadPolicy((*stored)->document, &read_diagnostics);
  if (read_diagnostics.error_count() > 0) {
    return core::Error(core::ErrorCode::kInternal, "den lagrede versjonen kan ikke leses: " +
                                                       read_diagnostics.items()[0].ToString());
  }
  policy::Node* node = policy::FindNode(p.nodes, node_id);
  if (node == nullptr) {
    return core::Error(core::ErrorCode::kNotFound,
                       "«" + policy_id + "» har ikke noe punkt med id «" + node_id + "»");
  }

  EditOutcome out;
  out.version = current;
  if (fields.base_version != 0 && fields.base_version != current) {
    out.errors.push_back("Policyen er endret siden skjemaet ble åpnet (nå versjon " +
                         std::to_string(current) +
                         "). Last siden på nytt og gjør endringen i den nye versjonen.");
    return out;
  }
  if (fields.indicators.size() != node->indicators.size() ||
      fields.measures.size() != node->measures.size()) {
    out.errors.push_back(
        "Skjemaet passer ikke med punktet slik det er lagret. Last siden på nytt og prøv igjen.");
    return out;
  }

  FieldChecker check(&out);
  auto unit_known = [&](const std::string& scope) {
    return scope.empty() || known_units.empty() ||
           std::find(known_units.begin(), known_units.end(), scope) != known_units.end();
  };
  std::vector<std::string> changes;
  policy::Node edited = *node;

  edited.title = Trim(fields.title);
  if (edited.title.empty()) check.Error("title", "Skriv en tittel; den kan ikke være tom.");
  if (edited.title != node->title) changes.push_back("tittel");
  edited.text = NormaliseText(fields.text);
  if (edited.text != node->text) changes.push_back("tekst");

  edited.indicators.clear();
  for (size_t i = 0; i < fields.indicators.size(); ++i) {
    const IndicatorFields& f = fields.indicators[i];
    const policy::IndicatorLink& old = node->indicators[i];
    const int at = static_cast<int>(i);
    if (f.remove) {
      changes.push_back("fjernet indikator " + old.key);
      continue;
    }
    policy::IndicatorLink link = old;
    link.scope = Trim(f.scope);
    if (link.scope != old.scope && !unit_known(link.scope)) {
      check.Error(IndicatorField(at, "scope"),
                  "Enheten «" + link.scope +
                      "» finnes ikke i dataene; skriv en enhets-id, eller "
                      "la feltet stå tomt for hele organisasjonen.");
    }
    link.target =
        check.Target(f.target, old.key, [&](const char* part) { return IndicatorField(at, part); });
    if (link.target != old.target) {
      changes.push_back("mål for " + old.key + ": " +
                        (link.target ? TargetWords(*link.target, old.key) : "uten mål"));
    }
    if (link.scope != old.scope) {
      changes.push_back("enhet for " + old.key + ": " + ScopeWords(link.scope));
    }
    edited.indicators.push_back(std::move(link));
  }

  const IndicatorFields& add = fields.new_indicator;
  const std::string new_key = Trim(add.key);
  if (!new_key.empty()) {
    policy::IndicatorLink link;
    link.key = new_key;
    link.scope = Trim(add.scope);
    if (!KnownIndicator(new_key)) {
      check.Error("new-ind-key", "Indikatoren «" + new_key + "» finnes ikke; velg en i listen.");
    }
    if (!unit_known(link.scope)) {
      check.Error("new-ind-scope", "Enheten «" + link.scope +
                                       "» finnes ikke i dataene; skriv en enhets-id, eller la "
                                       "feltet stå tomt for hele organisasjonen.");
    }
    for (const policy::IndicatorLink& other : edited.indicators) {
      if (other.key == link.key && other.scope == link.scope) {
        check.Error("new-ind-key", "Punktet har allerede denne indikatoren for " +
                                       ScopeWords(link.scope) + "; endre målet der i stedet.");
      }
    }
    link.target = check.Target(add.target, new_key,
                               [](const char* part) { return std::string("new-ind-") + part; });
    changes.push_back("ny indikator " + new_key + ": " +
                      (link.target ? TargetWords(*link.target, new_key) : "uten mål"));
    edited.indicators.push_back(std::move(link));
  } else if (!Trim(add.target.value).empty() || !Trim(add.target.baseline).empty() ||
             !Trim(add.target.by).empty() ||
             (!add.target.rule.empty() && add.target.rule != "none")) {
    check.Error("new-ind-key", "Velg hvilken indikator det nye målet gjelder.");
  }

  auto measure_status = [&](const std::string& field, const std::string& status) {
    if (status.empty()) return;
    for (const char* s : policy::kMeasureStatuses) {
      if (status == s) return;
    }
    check.Error(field, "Velg en av statusene i listen.");
  };
  edited.measures.clear();
  for (size_t i = 0; i < fields.measures.size(); ++i) {
    const MeasureFields& f = fields.measures[i];
    const policy::Measure& old = node->measures[i];
    const int at = static_cast<int>(i);
    if (f.remove) {
      changes.push_back("fjernet tiltak «" + old.title + "»");
      continue;
    }
    policy::Measure m = old;
    m.title = Trim(f.title);
    m.owner = Trim(f.owner);
    m.status = Trim(f.status);
    if (m.title.empty()) {
      check.Error(MeasureField(at, "title"),
                  "Skriv hva tiltaket er, eller kryss av for å fjerne det.");
    }
    m.due = check.Date(MeasureField(at, "due"), f.due);
    measure_status(MeasureField(at, "status"), m.status);
    if (!(m == old)) changes.push_back("tiltak «" + m.title + "»");
    edited.measures.push_back(std::move(m));
  }
  const MeasureFields& fresh = fields.new_measure;
  if (!Trim(fresh.title).empty() || !Trim(fresh.owner).empty() || !Trim(fresh.due).empty() ||
      !Trim(fresh.status).empty()) {
    policy::Measure m;
    m.title = Trim(fresh.title);
    m.owner = Trim(fresh.owner);
    m.status = Trim(fresh.status);
    if (m.title.empty()) check.Error("new-m-title", "Skriv hva det nye tiltaket er.");
    m.due = check.Date("new-m-due", fresh.due);
    measure_status("new-m-status", m.status);
    changes.push_back("nytt tiltak «" + m.title + "»");
    edited.measures.push_back(std::move(m));
  }

  if (!out.field_errors.empty()) return out;

  // The whole document checked as a file would be, so that what is stored is canonical.
  *node = std::move(edited);
  const std::string text = policy::WritePolicy(p);
  policy::Diagnostics diagnostics("web");
  policy::Policy checked = policy::CheckPolicy(text, &diagnostics);
  for (const policy::Diagnostic& d : diagnostics.items()) {
    if (d.severity == policy::Diagnostic::Severity::kError) {
      out.errors.push_back((d.node.empty() ? "" : d.node + ": ") + d.message);
    } else if (Concerns(d, node_id)) {
      out.warnings.push_back(d);
    }
  }
  if (!out.errors.empty()) return out;

  for (size_t i = 0; i < changes.size(); ++i) out.changes += (i ? "; " : "") + changes[i];
  if (changes.empty()) return out;
  auto saved = policy::StorePolicy(db, checked, "web:" + user, clock);
  if (!saved.ok()) return saved.error();
  out.stored = saved->added;
  out.version = saved->version.version;
  return out;
}

std::vector<TemplateInfo> ListTemplates(const std::string& dir) {
  std::vector<TemplateInfo> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".yaml" || !entry.is_regular_file(ec)) continue;
    TemplateInfo info;
    info.file = entry.path().filename().string();
    bool ok = false;
    std::string text = ReadFile(entry.path(), &ok);
    policy::Diagnostics ignored(info.file);
    policy::Policy p = policy::ReadPolicy(text, &ignored);
    info.id = p.id;
    info.title = p.title.empty() ? info.file : p.title;
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(),
            [](const TemplateInfo& a, const TemplateInfo& b) { return a.file < b.file; });
  return out;
}

core::Result<TemplateLoad> LoadTemplate(store::Database& db, const std::string& dir,
                                        const std::string& file, const core::Clock& clock) {
  // Only a name the listing gave: never a path someone typed.
  bool listed = false;
  for (const TemplateInfo& t : ListTemplates(dir)) listed = listed || t.file == file;
  if (!listed) {
    return core::Error(core::ErrorCode::kNotFound, "ingen mal som heter «" + file + "»");
  }
  bool ok = false;
  std::string text = ReadFile(std::filesystem::path(dir) / file, &ok);
  if (!ok) return core::Error(core::ErrorCode::kIo, "kan ikke lese malen «" + file + "»");
  policy::Diagnostics diagnostics(file);
  policy::Policy p = policy::CheckPolicy(text, &diagnostics);
  TemplateLoad out;
  out.policy_id = p.id;
  out.warnings = diagnostics.warning_count();
  for (const policy::Diagnostic& d : diagnostics.items()) {
    if (d.severity == policy::Diagnostic::Severity::kError) out.errors.push_back(d);
  }
  if (!out.errors.empty()) return out;
  auto stored = policy::StorePolicy(db, p, file, clock);
  if (!stored.ok()) return stored.error();
  out.outcome = std::move(stored).value();
  return out;
}

}  // namespace agp::web
