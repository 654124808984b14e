// Policy: the stored employer policies; one policy read whole (its tree of nodes with the text as
// adopted, indicators with their targets in words, measures, documents and what lint says about
// each node), its earlier versions read-only; for admins, loading a template and editing a node
// of the newest version (policy_edit.h does the change, this file only draws and answers).
#include <charconv>
#include <filesystem>
#include <map>

#include "metrics/indicator.h"
#include "policy/lint.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/policy_edit.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

// A node's form after a refused POST: the values as sent, with the problems.
struct EditState {
  std::string node_id;
  NodeFields fields;
  EditOutcome outcome;
};

// One version of a policy as the page shows it.
struct Shown {
  const StoredPolicy* stored = nullptr;  // the newest, from the snapshot
  const policy::Policy* policy = nullptr;
  store::PolicyVersion version;
  std::vector<policy::Diagnostic> lint;
  bool current = true;
  policy::Policy old;  // the document of an older version, when one is shown
};

// The node id a diagnostic names ("id «title»" → "id").
std::string DiagnosticNode(const policy::Diagnostic& d) {
  return d.node.substr(0, d.node.find(" «"));
}

std::string LoadedAtLabel(const std::string& at) {
  if (at.size() < 16) return at;
  return DateLabel(at.substr(0, 10)) + " kl. " + at.substr(11, 5) + " UTC";
}

std::string SourceLabel(const std::string& source) {
  if (source.starts_with("web:")) return "endret i agp av " + source.substr(4);
  return source;
}

// "1. januar 2017 – 31. desember 2025" (a date is not broken over two lines), "fra 1. januar
// 2021, inntil videre", "ikke oppgitt".
std::string ValidityLabel(const std::string& from, const std::string& to) {
  auto date = [](const std::string& iso) {
    std::string label = DateLabel(iso);
    std::string out;
    for (char c : label) out += c == ' ' ? std::string("\u00a0") : std::string(1, c);
    return out;
  };
  if (from.empty() && to.empty()) return "ikke oppgitt";
  if (from.empty()) return "til " + date(to);
  if (to.empty()) return "fra " + date(from) + ", inntil videre";
  return date(from) + " – " + date(to);
}

std::string ValidityLabel(const policy::Policy& p) {
  return ValidityLabel(p.valid.from, p.valid.to);
}

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool IsWebLink(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

std::string Notice(const std::string& kind, const std::string& html, const char* role = "status") {
  return "<div class=\"notice notice-" + kind + "\" role=\"" + role + "\"><p>" + html +
         "</p></div>\n";
}

std::string LintList(const std::vector<const policy::Diagnostic*>& items,
                     const std::string& label) {
  if (items.empty()) return "";
  std::string out = "<ul class=\"lint\" aria-label=\"" + Escape(label) + "\">";
  for (const policy::Diagnostic* d : items) {
    bool error = d->severity == policy::Diagnostic::Severity::kError;
    out += std::string("<li class=\"") + (error ? "lint-error" : "lint-warning") + "\">" +
           Escape(d->message) + "</li>";
  }
  return out + "</ul>";
}

// The node's text with its paragraphs (blank lines); lines starting with "- " or "• " are lists.
std::string TextBlocks(const std::string& text) {
  std::string out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find("\n\n", at);
    std::string para = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::vector<std::string> lines;
    size_t l = 0;
    while (l <= para.size()) {
      size_t e = para.find('\n', l);
      std::string line = para.substr(l, e == std::string::npos ? std::string::npos : e - l);
      if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
      if (e == std::string::npos) break;
      l = e + 1;
    }
    std::string words;
    std::string items;
    auto flush_words = [&] {
      if (!words.empty()) out += "<p>" + words + "</p>";
      words.clear();
    };
    auto flush_items = [&] {
      if (!items.empty()) out += "<ul>" + items + "</ul>";
      items.clear();
    };
    for (const std::string& line : lines) {
      size_t lead = line.find_first_not_of(" \t");
      std::string_view rest(line);
      rest.remove_prefix(lead);
      if (rest.starts_with("- ") || rest.starts_with("• ") || rest.starts_with("* ")) {
        flush_words();
        rest.remove_prefix(rest.starts_with("• ") ? std::string_view("• ").size() : 2);
        items += "<li>" + Escape(rest) + "</li>";
      } else {
        flush_items();
        if (!words.empty()) words += "<br>";
        words += Escape(line);
      }
    }
    flush_words();
    flush_items();
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return out;
}

std::string UnitName(const Snapshot& snap, const std::string& scope) {
  if (scope.empty()) return "Hele organisasjonen";
  if (snap.cube) {
    int at = snap.cube->FindUnit(scope);
    if (at >= 0) return snap.cube->units()[static_cast<size_t>(at)].name + " (" + scope + ")";
  }
  return "Enhet " + scope;
}

// --- the edit form ---

class FormWriter {
 public:
  FormWriter(std::string& out, std::string prefix, const EditOutcome* outcome)
      : out_(out), prefix_(std::move(prefix)), outcome_(outcome) {}

  std::string Id(const std::string& name) const { return prefix_ + name; }
  // The fieldset the next fields belong to, for the labels of the error summary.
  void Group(std::string legend) { group_ = std::move(legend); }
  // "Indikator: Sykefravær – Frist (ÅÅÅÅ-MM-DD)" for a field name.
  const std::map<std::string, std::string>& labels() const { return labels_; }
  // The field names in the order they were written.
  const std::vector<std::string>& order() const { return order_; }

  void Input(const std::string& name, const std::string& label, const std::string& value,
             const std::string& hint = "", const std::string& attributes = "") {
    Open(name, label, hint);
    out_ += "<input type=\"text\" id=\"" + Id(name) + "\" name=\"" + name + "\" value=\"" +
            Escape(value) + "\"" + Described(name, hint) + attributes + ">";
    out_ += "</div>";
  }

  void TextArea(const std::string& name, const std::string& label, const std::string& value) {
    Open(name, label, "");
    int rows = 4;
    for (char c : value) rows += c == '\n' ? 1 : 0;
    rows = std::min(rows + static_cast<int>(value.size() / 90), 16);
    // The newline after the tag: a browser drops the first one of the content.
    out_ += "<textarea id=\"" + Id(name) + "\" name=\"" + name + "\" rows=\"" +
            std::to_string(rows) + "\"" + Described(name, "") + ">\n" + Escape(value) +
            "</textarea></div>";
  }

  void Select(const std::string& name, const std::string& label,
              const std::vector<std::pair<std::string, std::string>>& options,
              const std::string& selected, const std::string& hint = "") {
    Open(name, label, hint);
    out_ += "<select id=\"" + Id(name) + "\" name=\"" + name + "\"" + Described(name, hint) + ">";
    for (const auto& [value, text] : options) {
      out_ += "<option value=\"" + Escape(value) + "\"" + (value == selected ? " selected" : "") +
              ">" + Escape(text) + "</option>";
    }
    out_ += "</select></div>";
  }

  // The box inside its label, so that the two stay on one line.
  void Checkbox(const std::string& name, const std::string& label, bool checked) {
    out_ += "<div class=\"check\"><label for=\"" + Id(name) + "\"><input type=\"checkbox\" id=\"" +
            Id(name) + "\" name=\"" + name + "\" value=\"1\"" + (checked ? " checked" : "") + ">" +
            Escape(label) + "</label></div>";
  }

  // The target of an indicator line: rule, value, baseline, date.
  void Target(const std::string& prefix, const TargetFields& t, const std::string& key) {
    std::vector<std::pair<std::string, std::string>> rules;
    for (const RuleChoice& r : kTargetRules) rules.emplace_back(r.key, r.label);
    Select(prefix + "rule", "Regel", rules, t.rule.empty() ? "none" : t.rule);
    std::string unit = key.empty() ? "" : IndicatorUnit(key);
    Input(prefix + "value", "Verdi" + (unit.empty() ? std::string() : " (" + unit + ")"), t.value,
          "For «minst» og «høyst». Desimalkomma går fint: 6,5.", " inputmode=\"decimal\"");
    Input(prefix + "baseline", "Grunnlagsår", t.baseline,
          "For «stigende» og «synkende»: perioden utviklingen måles fra, for eksempel 2020.");
    Input(prefix + "by", "Frist (ÅÅÅÅ-MM-DD)", t.by, "", " autocomplete=\"off\"");
  }

 private:
  const std::string* Error(const std::string& name) const {
    if (outcome_ == nullptr) return nullptr;
    auto it = outcome_->field_errors.find(name);
    return it == outcome_->field_errors.end() ? nullptr : &it->second;
  }

  void Open(const std::string& name, const std::string& label, const std::string& hint) {
    labels_[name] = group_.empty() ? label : group_ + " – " + label;
    order_.push_back(name);
    const std::string* error = Error(name);
    out_ += std::string("<div class=\"field") + (error ? " has-error" : "") + "\"><label for=\"" +
            Id(name) + "\">" + Escape(label) + "</label>";
    if (!hint.empty())
      out_ += "<p class=\"hint\" id=\"" + Id(name) + "-hint\">" + Escape(hint) + "</p>";
    if (error) {
      out_ += "<p class=\"field-error\" id=\"" + Id(name) + "-error\">" + Escape(*error) + "</p>";
    }
  }

  std::string Described(const std::string& name, const std::string& hint) const {
    std::string ids;
    if (!hint.empty()) ids = Id(name) + "-hint";
    if (Error(name)) ids += (ids.empty() ? "" : " ") + Id(name) + "-error";
    std::string out;
    if (!ids.empty()) out += " aria-describedby=\"" + ids + "\"";
    if (Error(name)) out += " aria-invalid=\"true\"";
    return out;
  }

  std::string& out_;
  std::string prefix_;
  const EditOutcome* outcome_;
  std::string group_;
  std::map<std::string, std::string> labels_;
  std::vector<std::string> order_;
};

std::vector<std::pair<std::string, std::string>> MeasureStatusOptions() {
  std::vector<std::pair<std::string, std::string>> out = {{"", "Ikke oppgitt"}};
  for (const char* s : policy::kMeasureStatuses) out.emplace_back(s, s);
  return out;
}

std::string EditForm(const Context& ctx, const std::string& policy_id, const policy::Node& node,
                     const NodeFields& fields, const EditOutcome* outcome) {
  const std::string prefix = "e-" + node.id + "-";
  std::string body;  // the fields; the error summary above them needs their labels
  FormWriter w(body, prefix, outcome);
  w.Input("title", "Tittel", fields.title, "", " required");
  w.TextArea("text", "Tekst", fields.text);

  for (size_t i = 0; i < fields.indicators.size() && i < node.indicators.size(); ++i) {
    const policy::IndicatorLink& link = node.indicators[i];
    const IndicatorFields& f = fields.indicators[i];
    const int at = static_cast<int>(i);
    const std::string legend = "Indikator: " + IndicatorLabel(link.key);
    body += "<fieldset><legend>" + Escape(legend) + " (" + Escape(link.key) + ")</legend>";
    w.Group(legend);
    w.Target("ind-" + std::to_string(at) + "-", f.target, link.key);
    w.Input(IndicatorField(at, "scope"), "Enhet (enhets-id)", f.scope, "Tomt: hele organisasjonen.",
            " list=\"enheter-liste\" autocomplete=\"off\"");
    w.Checkbox(IndicatorField(at, "remove"), "Fjern indikatoren fra punktet", f.remove);
    body += "</fieldset>\n";
  }

  body += "<fieldset><legend>Ny indikator</legend>";
  w.Group("Ny indikator");
  std::vector<std::pair<std::string, std::string>> keys = {{"", "Ingen ny indikator"}};
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    keys.emplace_back(std::string(info.key),
                      std::string(info.label_nb) + " (" + std::string(info.key) + ")");
  }
  const IndicatorFields& add = fields.new_indicator;
  bool listed = add.key.empty();
  for (const auto& k : keys) listed = listed || k.first == add.key;
  if (!listed) keys.emplace_back(add.key, add.key + " (ukjent)");
  w.Select("new-ind-key", "Indikator", keys, add.key);
  w.Target("new-ind-", add.target, add.key);
  w.Input("new-ind-scope", "Enhet (enhets-id)", add.scope, "Tomt: hele organisasjonen.",
          " list=\"enheter-liste\" autocomplete=\"off\"");
  body += "</fieldset>\n";

  const auto statuses = MeasureStatusOptions();
  for (size_t i = 0; i < fields.measures.size(); ++i) {
    const MeasureFields& m = fields.measures[i];
    const int at = static_cast<int>(i);
    const std::string& shown = i < node.measures.size() ? node.measures[i].title : m.title;
    body +=
        "<fieldset><legend>Tiltak " + std::to_string(at + 1) + ": " + Escape(shown) + "</legend>";
    w.Group("Tiltak " + std::to_string(at + 1));
    w.Input(MeasureField(at, "title"), "Tiltak", m.title);
    w.Input(MeasureField(at, "owner"), "Ansvarlig", m.owner);
    w.Input(MeasureField(at, "due"), "Frist (ÅÅÅÅ-MM-DD)", m.due, "", " autocomplete=\"off\"");
    w.Select(MeasureField(at, "status"), "Status", statuses, m.status);
    w.Checkbox(MeasureField(at, "remove"), "Fjern tiltaket", m.remove);
    body += "</fieldset>\n";
  }
  body += "<fieldset><legend>Nytt tiltak</legend>";
  w.Group("Nytt tiltak");
  w.Input("new-m-title", "Tiltak", fields.new_measure.title);
  w.Input("new-m-owner", "Ansvarlig", fields.new_measure.owner);
  w.Input("new-m-due", "Frist (ÅÅÅÅ-MM-DD)", fields.new_measure.due, "", " autocomplete=\"off\"");
  w.Select("new-m-status", "Status", statuses, fields.new_measure.status);
  body += "</fieldset>\n";

  std::string out;
  out += std::string("<details class=\"node-edit\"") + (outcome != nullptr ? " open" : "") +
         "><summary>Rediger «" + Escape(node.title) + "»</summary>\n";
  out += "<form class=\"stack\" method=\"post\" action=\"/policy/" + UrlEncode(policy_id) +
         "/noder/" + UrlEncode(node.id) + "\">" + CsrfField(ctx) +
         "<input type=\"hidden\" name=\"versjon\" value=\"" + std::to_string(fields.base_version) +
         "\">\n";
  if (outcome != nullptr && !outcome->ok()) {
    out += "<div class=\"notice notice-error\" id=\"" + prefix +
           "errors\" tabindex=\"-1\"><p>Endringen ble ikke lagret. Rett dette og lagre på "
           "nytt:</p><ul>";
    for (const std::string& e : outcome->errors) out += "<li>" + Escape(e) + "</li>";
    for (const std::string& field : w.order()) {
      auto error = outcome->field_errors.find(field);
      if (error == outcome->field_errors.end()) continue;
      out += "<li><a href=\"#" + prefix + field + "\">" + Escape(w.labels().at(field)) + ": " +
             Escape(error->second) + "</a></li>";
    }
    for (const auto& [field, message] : outcome->field_errors) {
      if (!w.labels().contains(field)) out += "<li>" + Escape(message) + "</li>";
    }
    out += "</ul></div>\n";
  }
  out += body;
  out +=
      "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Lagre som ny versjon"
      "</button></div>\n</form></details>\n";
  return out;
}

// --- the page ---

struct TreeInput {
  const Context* ctx;
  const Shown* shown;
  std::map<std::string, std::vector<const policy::Diagnostic*>> lint;  // by node id
  const EditState* edit;
  std::string saved_node;  // ?lagret=
  bool editable;
};

void RenderNodes(const std::vector<policy::Node>& nodes, int depth, const TreeInput& in,
                 std::string& out) {
  const Snapshot& snap = in.ctx->snapshot();
  const std::string& policy_id = in.shown->policy->id;
  out += "<ol class=\"policy-tree\">";
  for (const policy::Node& n : nodes) {
    const std::string level = std::to_string(std::min(2 + depth, 6));
    out += "<li class=\"node\" id=\"node-" + Escape(n.id) + "\"><span class=\"node-kind\">" +
           Escape(n.kind) + "</span><h" + level + " class=\"node-title\">" + Escape(n.title) +
           "</h" + level + ">";
    if (auto it = in.lint.find(n.id); it != in.lint.end()) {
      out += LintList(it->second, "Kontroll av «" + n.title + "»");
    }
    if (in.saved_node == n.id) {
      out += Notice("success", "Endringene er lagret som versjon " +
                                   std::to_string(in.shown->version.version) + ".");
    }
    if (!n.text.empty()) out += "<div class=\"node-text\">" + TextBlocks(n.text) + "</div>";
    if (in.shown->current && policy::IsGoal(n)) {
      out += "<p class=\"node-goal-link\"><a href=\"/mal/" + UrlEncode(policy_id) + "/" +
             UrlEncode(n.id) + "\">Status og tall<span class=\"visually-hidden\"> for «" +
             Escape(n.title) + "»</span></a></p>";
    }
    if (!n.indicators.empty()) {
      out +=
          "<div class=\"table-wrap\"><table class=\"data\"><caption>Indikatorer og mål"
          "</caption><thead><tr><th scope=\"col\">Indikator</th><th scope=\"col\">Gjelder"
          "</th><th scope=\"col\">Mål</th></tr></thead><tbody>";
      for (const policy::IndicatorLink& link : n.indicators) {
        std::string base = link.key.substr(0, link.key.find(':'));
        out += "<tr><th scope=\"row\">";
        if (metrics::FindIndicator(base)) {
          out += "<a href=\"/indikatorer/" + UrlEncode(base) + "\">" +
                 Escape(IndicatorLabel(link.key)) + "</a>";
        } else {
          out += Escape(link.key);
        }
        out += "</th><td>" + Escape(UnitName(snap, link.scope)) + "</td><td>" +
               (link.target ? Escape(TargetWords(*link.target, link.key))
                            : "<span class=\"muted\">uten mål</span>") +
               "</td></tr>";
      }
      out += "</tbody></table></div>";
    }
    if (!n.measures.empty()) {
      out +=
          "<div class=\"table-wrap\"><table class=\"data\"><caption>Tiltak</caption><thead>"
          "<tr><th scope=\"col\">Hva</th><th scope=\"col\">Ansvarlig</th><th scope=\"col\">"
          "Frist</th><th scope=\"col\">Status</th></tr></thead><tbody>";
      const std::string missing = "<span class=\"muted\">ikke oppgitt</span>";
      for (const policy::Measure& m : n.measures) {
        out += "<tr><td>" + Escape(m.title);
        if (!m.evidence.empty()) {
          out += "<ul class=\"evidence\">";
          for (const policy::Evidence& e : m.evidence) {
            out +=
                "<li>" +
                (IsWebLink(e.url) ? "<a href=\"" + Escape(e.url) + "\">" + Escape(e.title) + "</a>"
                                  : Escape(e.title)) +
                "</li>";
          }
          out += "</ul>";
        }
        out += "</td><td>" + (m.owner.empty() ? missing : Escape(m.owner)) + "</td><td>" +
               (m.due.empty() ? missing : Escape(DateLabel(m.due))) + "</td><td>" +
               (m.status.empty() ? missing : Escape(m.status)) + "</td></tr>";
      }
      out += "</tbody></table></div>";
    }
    if (!n.documents.empty()) {
      out += "<div class=\"node-documents\"><p><strong>Dokumenter</strong></p><ul>";
      for (const policy::DocumentRef& d : n.documents) {
        out += "<li>" + (IsWebLink(d.url)
                             ? "<a href=\"" + Escape(d.url) + "\">" + Escape(d.title) + "</a>"
                             : Escape(d.title));
        if (d.kind == "underlying") out += " <span class=\"muted\">(underliggende dokument)</span>";
        if (d.kind == "reference") out += " <span class=\"muted\">(referansedokument)</span>";
        out += "</li>";
      }
      out += "</ul></div>";
    }
    if (in.editable) {
      if (in.edit != nullptr && in.edit->node_id == n.id) {
        out += EditForm(*in.ctx, policy_id, n, in.edit->fields, &in.edit->outcome);
      } else {
        out += EditForm(*in.ctx, policy_id, n, FieldsOf(n, in.shown->version.version), nullptr);
      }
    }
    if (!n.children.empty()) RenderNodes(n.children, depth + 1, in, out);
    out += "</li>";
  }
  out += "</ol>";
}

void RenderPolicy(Context& ctx, Response& res, const Shown& shown, const EditState* edit,
                  int status) {
  const policy::Policy& p = *shown.policy;
  const StoredPolicy& stored = *shown.stored;
  Page page;
  page.title = p.title;
  page.nav = "policy";
  page.status = status;
  page.breadcrumbs = {{"Policy", "/policy"}};
  std::string& b = page.body;

  if (!shown.current) {
    b += Notice("warning", "Du ser versjon " + std::to_string(shown.version.version) + " av " +
                               std::to_string(stored.version.version) + ", lastet " +
                               Escape(LoadedAtLabel(shown.version.loaded_at)) +
                               ". En eldre versjon kan bare leses. <a href=\"/policy/" +
                               UrlEncode(p.id) + "\">Gå til gjeldende versjon</a>.");
  }
  if (edit != nullptr) {
    const policy::Node* n = policy::FindNode(p.nodes, edit->node_id);
    b += Notice("error",
                "Endringen i «" + Escape(n ? n->title : edit->node_id) +
                    "» ble ikke lagret. <a href=\"#e-" + Escape(edit->node_id) +
                    "-errors\">Gå til skjemaet</a>.",
                "alert");
  }
  std::string saved = ctx.param("lagret");
  if (shown.current && !saved.empty() && policy::FindNode(p.nodes, saved) == nullptr) saved.clear();
  if (shown.current && !saved.empty()) {
    b += Notice("success", "Endringene i «" + Escape(policy::FindNode(p.nodes, saved)->title) +
                               "» er lagret som versjon " + std::to_string(shown.version.version) +
                               ". <a href=\"#node-" + Escape(saved) + "\">Gå til punktet</a>.");
  }
  if (std::string same = ctx.param("uendret"); shown.current && !same.empty()) {
    if (const policy::Node* n = policy::FindNode(p.nodes, same)) {
      b += Notice("info", "Ingenting var endret i «" + Escape(n->title) +
                              "», så ingen ny versjon ble lagret.");
    }
  }
  if (std::string loaded = ctx.param("mal"); shown.current && !loaded.empty()) {
    b += Notice(loaded == "ny" ? "success" : "info",
                loaded == "ny"
                    ? "Malen er lastet som versjon " + std::to_string(shown.version.version) + "."
                    : "Malen var allerede lastet med det samme innholdet; ingen ny "
                      "versjon ble lagret.");
  }

  b += "<dl class=\"facts\"><dt>Organisasjon</dt><dd>" + Escape(p.organisation) + "</dd>";
  if (!p.adopted.by.empty() || !p.adopted.date.empty()) {
    b += "<dt>Vedtatt</dt><dd>" + Escape(p.adopted.by) +
         (p.adopted.date.empty() ? "" : " " + Escape(DateLabel(p.adopted.date))) +
         (p.adopted.decision.empty() ? "" : " (" + Escape(p.adopted.decision) + ")") + "</dd>";
  }
  b += "<dt>Gyldig</dt><dd>" + Escape(ValidityLabel(p)) + "</dd>";
  if (!p.source.title.empty() || !p.source.file.empty()) {
    b += "<dt>Kilde</dt><dd>";
    std::string title = p.source.title.empty() ? p.source.file : p.source.title;
    b += IsWebLink(p.source.url)
             ? "<a href=\"" + Escape(p.source.url) + "\">" + Escape(title) + "</a>"
             : Escape(title);
    if (!p.source.file.empty() && !p.source.title.empty()) {
      b += " <span class=\"muted\">(fil " + Escape(p.source.file) + ")</span>";
    }
    if (!p.source.note.empty()) b += "<br>" + Escape(p.source.note);
    b += "</dd>";
  }
  b += "<dt>Versjon</dt><dd>" + std::to_string(shown.version.version) + " av " +
       std::to_string(stored.version.version) + ", lastet " +
       Escape(LoadedAtLabel(shown.version.loaded_at)) + " (" +
       Escape(SourceLabel(shown.version.source)) + ")</dd></dl>\n";

  // What lint says: for the document itself at the top, for a node beside it.
  TreeInput in{&ctx, &shown, {}, edit, shown.current ? saved : "", shown.current && ctx.is_admin()};
  std::vector<const policy::Diagnostic*> document_level;
  int errors = 0;
  for (const policy::Diagnostic& d : shown.lint) {
    errors += d.severity == policy::Diagnostic::Severity::kError ? 1 : 0;
    std::string id = DiagnosticNode(d);
    if (!id.empty() && policy::FindNode(p.nodes, id) != nullptr) {
      in.lint[id].push_back(&d);
    } else {
      document_level.push_back(&d);
    }
  }
  const int warnings = static_cast<int>(shown.lint.size()) - errors;
  b += "<p class=\"lead\">Kontrollen fant " + Plural(errors, "feil", "feil") + " og " +
       Plural(warnings, "advarsel", "advarsler") + ".";
  if (warnings > 0) {
    b += " Advarslene står ved punktet de gjelder, og sier hva som mangler for at målet kan "
         "følges opp.";
  }
  b += "</p>";
  b += LintList(document_level, "Kontroll av dokumentet");
  if (in.editable) {
    b += "<p>Hvert punkt har et skjema under «Rediger». Det som lagres blir en ny versjon; de "
         "tidligere versjonene kan fortsatt leses.</p>";
  }
  if (in.editable && ctx.snapshot().cube) {
    b += "<datalist id=\"enheter-liste\">";
    for (const metrics::CubeUnit& u : ctx.snapshot().cube->units()) {
      b += "<option value=\"" + Escape(u.key) + "\" label=\"" + Escape(u.name) + "\"></option>";
    }
    b += "</datalist>";
  }
  RenderNodes(p.nodes, 0, in, b);

  b += "<h2 id=\"versjoner\">Versjoner</h2>\n<div class=\"table-wrap\"><table class=\"data\">"
       "<caption>Alle lagrede versjoner, nyeste først</caption><thead><tr><th scope=\"col\">"
       "Versjon</th><th scope=\"col\">Lastet</th><th scope=\"col\">Kilde</th><th scope=\"col\">"
       "Gyldig</th></tr></thead><tbody>";
  for (auto it = stored.versions.rbegin(); it != stored.versions.rend(); ++it) {
    const store::PolicyVersion& v = *it;
    bool here = v.version == shown.version.version;
    b += std::string("<tr") + (here ? " class=\"current\"" : "") + "><th scope=\"row\">";
    std::string label = "Versjon " + std::to_string(v.version) +
                        (v.version == stored.version.version ? " (gjeldende)" : "");
    if (here) {
      b += "<span aria-current=\"page\">" + Escape(label) + "</span>";
    } else {
      std::string href =
          "/policy/" + UrlEncode(p.id) +
          (v.version == stored.version.version ? std::string()
                                               : "?versjon=" + std::to_string(v.version));
      b += "<a href=\"" + href + "\">" + Escape(label) + "</a>";
    }
    b += "</th><td>" + Escape(LoadedAtLabel(v.loaded_at)) + "</td><td>" +
         Escape(SourceLabel(v.source)) + "</td><td>" +
         Escape(ValidityLabel(v.valid_from, v.valid_to)) + "</td></tr>";
  }
  b += "</tbody></table></div>";
  SendPage(ctx, res, page);
}

// The version asked for: the newest from the snapshot, an older one from the database.
// False (and the answer sent) when it cannot be shown.
bool FindShown(Context& ctx, Response& res, const std::string& id, int version, Shown* shown) {
  shown->stored = ctx.snapshot().FindPolicy(id);
  if (shown->stored == nullptr) {
    SendError(ctx, res, 404, "Fant ingen arbeidsgiverpolitikk med denne id-en.");
    return false;
  }
  const StoredPolicy& s = *shown->stored;
  if (version == 0 || version == s.version.version) {
    shown->policy = &s.policy;
    shown->version = s.version;
    shown->lint = s.lint;
    shown->current = true;
    return true;
  }
  store::Database* db = ctx.db();
  if (db == nullptr) {
    SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
    return false;
  }
  auto v = db->LoadPolicyVersion(id, version);
  if (!v.ok()) {
    SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
    return false;
  }
  if (!*v) {
    SendError(ctx, res, 404, "Denne policyen har ingen versjon " + std::to_string(version) + ".");
    return false;
  }
  policy::Diagnostics diagnostics(id + ".yaml");
  shown->old = policy::CheckPolicy((*v)->document, &diagnostics);
  shown->policy = &shown->old;
  shown->lint = diagnostics.items();
  shown->version = **v;
  shown->version.document.clear();
  shown->current = false;
  return true;
}

// --- the list ---

void PoliciesPage(Context& ctx, Response& res, const std::string& problem, int status) {
  const Snapshot& snap = ctx.snapshot();
  Page page;
  page.title = "Policy";
  page.nav = "policy";
  page.status = status;
  std::string& b = page.body;
  b += problem;
  b += "<p class=\"lead\">Arbeidsgiverpolitikken slik den er vedtatt, med mål, indikatorer og "
       "tiltak. Hver gang en policy lastes inn eller endres, lagres en ny versjon; de eldre kan "
       "fortsatt leses.</p>\n";
  if (snap.policies.empty()) {
    b += Notice("info", std::string("Ingen arbeidsgiverpolitikk er lastet inn ennå.") +
                            (ctx.is_admin() ? " Last inn en mal nedenfor." : ""));
  } else {
    b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Lagrede policyer (" +
         std::to_string(snap.policies.size()) +
         ")</caption><thead><tr><th scope=\"col\">Tittel</th><th scope=\"col\">Organisasjon</th>"
         "<th scope=\"col\">Gyldig</th><th scope=\"col\" class=\"num\">Versjoner</th>"
         "<th scope=\"col\">Kontroll</th></tr></thead><tbody>\n";
    for (const StoredPolicy& s : snap.policies) {
      int errors = 0;
      for (const policy::Diagnostic& d : s.lint) {
        errors += d.severity == policy::Diagnostic::Severity::kError ? 1 : 0;
      }
      const int warnings = static_cast<int>(s.lint.size()) - errors;
      b += "<tr><th scope=\"row\"><a href=\"/policy/" + UrlEncode(s.policy.id) + "\">" +
           Escape(s.policy.title) + "</a></th><td>" + Escape(s.policy.organisation) + "</td><td>" +
           Escape(ValidityLabel(s.policy)) + "</td><td class=\"num\">" +
           std::to_string(s.versions.size()) + "</td><td>" + Plural(errors, "feil", "feil") + ", " +
           Plural(warnings, "advarsel", "advarsler") + "</td></tr>\n";
    }
    b += "</tbody></table></div>\n";
  }
  if (ctx.is_admin()) {
    const std::string dir =
        (std::filesystem::path(ctx.services().options.data_dir) / "policies").string();
    std::vector<TemplateInfo> templates = ListTemplates(dir);
    b += "<h2>Last inn en mal</h2>\n";
    if (templates.empty()) {
      b += "<p>Fant ingen maler i <code>" + Escape(dir) + "</code>.</p>";
    } else {
      b += "<form class=\"stack\" method=\"post\" action=\"/policy/maler\">" + CsrfField(ctx) +
           "<div class=\"field\"><label for=\"mal\">Mal</label><select id=\"mal\" name=\"mal\" "
           "aria-describedby=\"mal-hint\">";
      for (const TemplateInfo& t : templates) {
        const StoredPolicy* known = snap.FindPolicy(t.id);
        b += "<option value=\"" + Escape(t.file) + "\">" + Escape(t.title) +
             (known ? " (lastet)" : "") + "</option>";
      }
      b += "</select><p class=\"hint\" id=\"mal-hint\">Malene er kommunenes egne dokumenter, "
           "strukturert med mål og indikatorer der dokumentet sier noe målbart. Samme innhold en "
           "gang til gir ingen ny versjon; en mal som er endret siden, blir en ny versjon.</p>"
           "</div><div class=\"actions\"><button type=\"submit\" class=\"primary\">Last inn"
           "</button></div></form>\n";
    }
  }
  SendPage(ctx, res, page);
}

}  // namespace

void ShowPolicies(Context& ctx, Response& res) { PoliciesPage(ctx, res, "", 200); }

void LoadPolicyTemplate(Context& ctx, Response& res) {
  const std::string file = ctx.param("mal");
  const std::string dir =
      (std::filesystem::path(ctx.services().options.data_dir) / "policies").string();
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  auto loaded = LoadTemplate(*db, dir, file, ctx.clock());
  if (!loaded.ok()) {
    if (loaded.error().code() == core::ErrorCode::kNotFound) {
      return PoliciesPage(ctx, res, Notice("error", "Velg en av malene i listen.", "alert"), 400);
    }
    return SendError(ctx, res, 503, "Malen kunne ikke lastes nå.");
  }
  if (!loaded->errors.empty()) {
    std::string problem = "<div class=\"notice notice-error\" role=\"alert\"><p>Malen «" +
                          Escape(file) + "» har " +
                          Plural(static_cast<int>(loaded->errors.size()), "feil", "feil") +
                          " og er ikke lastet:</p><ul class=\"lint\">";
    for (const policy::Diagnostic& d : loaded->errors) {
      problem += "<li class=\"lint-error\">" + Escape(d.ToString()) + "</li>";
    }
    problem += "</ul></div>\n";
    return PoliciesPage(ctx, res, problem, 400);
  }
  const policy::LoadOutcome& outcome = *loaded->outcome;
  ctx.AuditObject(loaded->policy_id,
                  "versjon " + std::to_string(outcome.version.version) +
                      (outcome.added ? " fra " + file : ", uendret (samme innhold som før)"));
  SendRedirect(res, "/policy/" + UrlEncode(loaded->policy_id) +
                        (outcome.added ? "?mal=ny" : "?mal=uendret"));
}

void ShowPolicy(Context& ctx, Response& res) {
  int version = 0;
  if (std::string v = ctx.param("versjon"); !v.empty()) {
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec != std::errc() || ptr != v.data() + v.size() || version < 1) {
      return SendError(ctx, res, 404, "Det finnes ingen slik versjon.");
    }
  }
  Shown shown;
  if (!FindShown(ctx, res, ctx.match(1), version, &shown)) return;
  RenderPolicy(ctx, res, shown, nullptr, 200);
}

void EditPolicyNode(Context& ctx, Response& res) {
  const std::string policy_id = ctx.match(1);
  const std::string node_id = ctx.match(2);
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  NodeFields fields = ReadNodeFields([&](const std::string& name) -> std::optional<std::string> {
    if (!ctx.has_param(name)) return std::nullopt;
    return ctx.param(name);
  });
  auto units = db->UnitKeys();
  auto outcome = EditNode(*db, policy_id, node_id, fields, ctx.session()->user, ctx.clock(),
                          units.ok() ? *units : std::vector<std::string>{});
  if (!outcome.ok()) {
    if (outcome.error().code() == core::ErrorCode::kNotFound) {
      return SendError(ctx, res, 404, "Fant ikke policyen eller punktet.");
    }
    return SendError(ctx, res, 503, "Endringen kunne ikke lagres nå. Prøv igjen om litt.");
  }
  if (!outcome->ok()) {
    Shown shown;
    if (!FindShown(ctx, res, policy_id, 0, &shown)) return;
    if (policy::FindNode(shown.policy->nodes, node_id) == nullptr) {
      return SendError(ctx, res, 404, "Fant ikke punktet.");
    }
    EditState state{node_id, std::move(fields), std::move(outcome).value()};
    return RenderPolicy(ctx, res, shown, &state, 400);
  }
  const std::string object = policy_id + "/" + node_id;
  const std::string anchor = "#node-" + UrlEncode(node_id);
  if (!outcome->stored) {
    ctx.AuditObject(object, "versjon " + std::to_string(outcome->version) + ": ingen endring");
    return SendRedirect(
        res, "/policy/" + UrlEncode(policy_id) + "?uendret=" + UrlEncode(node_id) + anchor);
  }
  ctx.AuditObject(object, "versjon " + std::to_string(outcome->version) + ": " + outcome->changes);
  SendRedirect(res, "/policy/" + UrlEncode(policy_id) + "?lagret=" + UrlEncode(node_id) + anchor);
}

}  // namespace agp::web
