#include "policy/policy_yaml.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <span>
#include <string>

#include "core/date.h"
#include "core/period.h"
#include "core/text.h"

namespace agp::policy {
namespace {

// yaml-cpp's marks are 0-based; ours are 1-based like every location agp reports.
Mark MarkOf(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return m.is_null() ? Mark{} : Mark{m.line + 1, m.column + 1};
}

// Where the text stops being UTF-8 (line and column in characters), or line 0 when it is valid.
// yaml-cpp would pass such bytes through on reading and replace them on writing.
Mark FirstInvalidUtf8(std::string_view text) {
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < text.size(); ++column) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return {line, column};
    uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return {line, column};
      cp = (cp << 6) | (cc & 0x3F);
    }
    const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {line, column};
    if (c == '\n') {
      ++line;
      column = 0;
    }
    i += n;
  }
  return {};
}

// Block scalars end in a line break (or several, with `|+`); the text itself does not.
std::string TrimEnd(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string NodeLabel(const Node& node) {
  if (node.id.empty()) return "";
  return node.title.empty() ? node.id : node.id + " «" + node.title + "»";
}

class Reader {
 public:
  explicit Reader(Diagnostics* d) : d_(d) {}

  void Error(const YAML::Node& at, const std::string& message) {
    const Mark m = MarkOf(at);
    d_->Error(m.line, m.column, context_, message);
  }

  // Errors for the keys of `map` that the format does not know: they would be lost on writing.
  void OnlyKnown(const YAML::Node& map, std::initializer_list<const char*> known,
                 const char* what) {
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      bool found = false;
      for (const char* k : known) found = found || key == k;
      if (!found) {
        std::string list;
        for (const char* k : known) list += std::string(list.empty() ? "" : ", ") + k;
        Error(kv.first, "ukjent felt «" + key + "» i " + what + " (kjente felt: " + list + ")");
      }
    }
  }

  bool IsMap(const YAML::Node& n, const std::string& what) {
    if (n.IsMap()) return true;
    Error(n, what + " skal være en tabell med felt (nøkkel: verdi)");
    return false;
  }

  // A text field; `required` reports a missing or empty one.
  std::string Text(const YAML::Node& map, const char* key, bool required, const YAML::Node& owner) {
    const YAML::Node v = map[key];
    if (!v || v.IsNull()) {
      if (required) Error(owner, "mangler «" + std::string(key) + "»");
      return "";
    }
    if (!v.IsScalar()) {
      Error(v, "«" + std::string(key) + "» skal være en tekst, ikke en liste eller tabell");
      return "";
    }
    if (required && v.Scalar().empty()) Error(v, "«" + std::string(key) + "» er tom");
    if (std::string control = core::ControlCharacterIn(v.Scalar(), "\t\n\r"); !control.empty()) {
      Error(v, "«" + std::string(key) + "» inneholder kontrolltegnet " + control +
                   ", som ikke kan stå i en tekst (bare linjeskift og tabulator kan det)");
    }
    return v.Scalar();
  }

  std::string Date(const YAML::Node& map, const char* key, bool required, const YAML::Node& owner) {
    std::string text = Text(map, key, required, owner);
    if (!text.empty() && (text.size() != 10 || !core::ParseDate(text))) {
      Error(map[key],
            "«" + std::string(key) + "»: «" + text + "» er ikke en gyldig dato (bruk ÅÅÅÅ-MM-DD)");
    }
    return text;
  }

  std::string PeriodText(const YAML::Node& map, const char* key, bool required,
                         const YAML::Node& owner) {
    std::string text = Text(map, key, required, owner);
    if (!text.empty() && !core::Period::Parse(text)) {
      Error(map[key], "«" + std::string(key) + "»: «" + text +
                          "» er ikke en periode (2024, 2024-T1, 2024-Q1 eller 2024-03)");
    }
    return text;
  }

  std::string OneOf(const YAML::Node& map, const char* key, std::span<const char* const> words,
                    const YAML::Node& owner, bool required = false) {
    std::string text = Text(map, key, required, owner);
    if (text.empty()) return text;
    std::string list;
    for (const char* w : words) {
      if (text == w) return text;
      list += std::string(list.empty() ? "" : ", ") + w;
    }
    Error(map[key], "«" + std::string(key) + "»: «" + text + "» er ukjent (bruk " + list + ")");
    return text;
  }

  // A list field: absent or null is an empty list (a null node iterates as empty). Returned by
  // value: assigning one yaml-cpp node to another rewrites the document, not the variable.
  YAML::Node List(const YAML::Node& map, const char* key) {
    const YAML::Node v = map[key];
    if (!v || v.IsNull()) return YAML::Node();
    if (!v.IsSequence()) {
      Error(v, "«" + std::string(key) + "» skal være en liste (linjer som begynner med «- »)");
      return YAML::Node();
    }
    return v;
  }

  std::vector<Evidence> EvidenceList(const YAML::Node& map) {
    std::vector<Evidence> out;
    for (const YAML::Node& e : List(map, "evidence")) {
      if (!IsMap(e, "et dokumentasjonspunkt (evidence)")) continue;
      OnlyKnown(e, {"title", "url", "file"}, "evidence");
      out.push_back(
          {Text(e, "title", true, e), Text(e, "url", false, e), Text(e, "file", false, e)});
    }
    return out;
  }

  Target ReadTarget(const YAML::Node& t) {
    Target target;
    target.mark = MarkOf(t);
    if (!IsMap(t, "«target»")) return target;
    OnlyKnown(t, {"at_least", "at_most", "trend", "baseline", "better_than", "by"}, "target");
    int rules = 0;
    for (const char* key : {"at_least", "at_most"}) {
      const YAML::Node v = t[key];
      if (!v) continue;
      ++rules;
      target.rule = std::string(key) == "at_least" ? TargetRule::kAtLeast : TargetRule::kAtMost;
      const std::string s = v.IsScalar() ? v.Scalar() : "";
      const char* end = s.data() + s.size();
      auto [ptr, ec] = std::from_chars(s.data(), end, target.value);
      if (s.empty() || ec != std::errc() || ptr != end || !std::isfinite(target.value)) {
        Error(v, "«" + std::string(key) + "»: «" + s + "» er ikke et tall (bruk desimalpunktum)");
      }
    }
    if (t["trend"]) {
      ++rules;
      static constexpr const char* kTrends[] = {"up", "down"};
      const std::string trend = OneOf(t, "trend", kTrends, t);
      target.rule = trend == "down" ? TargetRule::kTrendDown : TargetRule::kTrendUp;
      target.baseline = PeriodText(t, "baseline", false, t);
      if (target.baseline.empty()) {
        Error(t["trend"],
              "«trend» trenger «baseline»: perioden utviklingen måles fra (f.eks. \"2020\")");
      }
    } else if (t["baseline"]) {
      Error(t["baseline"], "«baseline» hører bare til «trend»");
    }
    if (t["better_than"]) {
      ++rules;
      target.rule = TargetRule::kBetterThanReference;
      static constexpr const char* kReferences[] = {"reference"};
      OneOf(t, "better_than", kReferences, t);
    }
    if (rules != 1) {
      Error(t, rules == 0
                   ? "målet (target) mangler en regel: at_least, at_most, trend eller better_than"
                   : "målet (target) har flere regler; bruk én av at_least, at_most, trend og "
                     "better_than (lag én indikatorlinje per regel)");
      if (rules == 0) target.rule = TargetRule::kNone;
    }
    target.by = Date(t, "by", false, t);
    return target;
  }

  IndicatorLink ReadIndicator(const YAML::Node& n) {
    IndicatorLink link;
    link.mark = MarkOf(n);
    if (!IsMap(n, "en indikator")) return link;
    OnlyKnown(n, {"key", "scope", "target"}, "indicators");
    link.key = Text(n, "key", true, n);
    link.scope = Text(n, "scope", false, n);
    if (const YAML::Node t = n["target"]; t && !t.IsNull()) link.target = ReadTarget(t);
    return link;
  }

  Measure ReadMeasure(const YAML::Node& n) {
    Measure m;
    m.mark = MarkOf(n);
    if (!IsMap(n, "et tiltak (measure)")) return m;
    OnlyKnown(n, {"id", "title", "owner", "due", "status", "evidence"}, "measures");
    m.id = Text(n, "id", false, n);
    m.title = Text(n, "title", true, n);
    m.owner = Text(n, "owner", false, n);
    m.due = Date(n, "due", false, n);
    m.status = OneOf(n, "status", kMeasureStatuses, n);
    m.evidence = EvidenceList(n);
    return m;
  }

  Node ReadNode(const YAML::Node& n) {
    Node node;
    node.mark = MarkOf(n);
    if (!IsMap(n, "et punkt (node)")) return node;
    node.id = Text(n, "id", false, n);
    node.title = Text(n, "title", false, n);
    const std::string saved = context_;
    context_ = NodeLabel(node);
    if (node.id.empty()) Error(n, "mangler «id»");
    if (node.title.empty()) Error(n, "mangler «title»");
    OnlyKnown(
        n,
        {"id", "kind", "goal", "title", "text", "indicators", "measures", "documents", "children"},
        "et punkt");
    node.kind = Text(n, "kind", true, n);
    if (const YAML::Node g = n["goal"]; g && !g.IsNull()) {
      if (g.IsScalar() && (g.Scalar() == "true" || g.Scalar() == "false")) {
        node.goal = g.Scalar() == "true";
      } else {
        Error(g, "«goal» skal være true eller false");
      }
    }
    node.text = TrimEnd(Text(n, "text", false, n));
    for (const YAML::Node& i : List(n, "indicators")) node.indicators.push_back(ReadIndicator(i));
    for (const YAML::Node& m : List(n, "measures")) node.measures.push_back(ReadMeasure(m));
    for (const YAML::Node& doc : List(n, "documents")) {
      if (!IsMap(doc, "et dokument")) continue;
      OnlyKnown(doc, {"title", "kind", "url", "file"}, "documents");
      static constexpr const char* kKinds[] = {"underlying", "reference"};
      node.documents.push_back({Text(doc, "title", true, doc), OneOf(doc, "kind", kKinds, doc),
                                Text(doc, "url", false, doc), Text(doc, "file", false, doc)});
    }
    for (const YAML::Node& c : List(n, "children")) node.children.push_back(ReadNode(c));
    context_ = saved;
    return node;
  }

  Assessment ReadAssessment(const YAML::Node& n) {
    Assessment a;
    a.mark = MarkOf(n);
    if (!IsMap(n, "en vurdering (assessment)")) return a;
    a.node = Text(n, "node", true, n);
    const std::string saved = context_;
    context_ = a.node.empty() ? "vurdering" : "vurdering av " + a.node;
    OnlyKnown(n, {"node", "period", "verdict", "narrative", "evidence", "by", "date"},
              "assessments");
    a.period = PeriodText(n, "period", true, n);
    a.verdict = OneOf(n, "verdict", kVerdicts, n, true);
    a.narrative = TrimEnd(Text(n, "narrative", false, n));
    a.evidence = EvidenceList(n);
    a.by = Text(n, "by", false, n);
    a.date = Date(n, "date", false, n);
    context_ = saved;
    return a;
  }

  Policy ReadDocument(const YAML::Node& root) {
    Policy p;
    if (!IsMap(root, "Dokumentet")) return p;
    OnlyKnown(root,
              {"agp_policy", "id", "organisation", "title", "adopted", "valid", "source", "nodes",
               "assessments"},
              "dokumentet");
    const std::string format = Text(root, "agp_policy", true, root);
    if (!format.empty() && format != "1") {
      Error(root["agp_policy"],
            "agp_policy: «" + format + "» er ukjent; denne versjonen av agp leser 1");
    }
    p.id = Text(root, "id", true, root);
    p.organisation = Text(root, "organisation", true, root);
    p.title = Text(root, "title", true, root);
    if (const YAML::Node a = root["adopted"]; a && IsMap(a, "«adopted»")) {
      OnlyKnown(a, {"by", "date", "case"}, "adopted");
      p.adopted = {Text(a, "by", false, a), Date(a, "date", false, a), Text(a, "case", false, a)};
    }
    if (const YAML::Node v = root["valid"]; v && IsMap(v, "«valid»")) {
      OnlyKnown(v, {"from", "to"}, "valid");
      p.valid = {Date(v, "from", true, v), Date(v, "to", false, v)};
      if (!p.valid.to.empty() && p.valid.to < p.valid.from) Error(v, "«valid»: «to» er før «from»");
    }
    if (const YAML::Node s = root["source"]; s && IsMap(s, "«source»")) {
      OnlyKnown(s, {"title", "url", "file", "note"}, "source");
      p.source = {Text(s, "title", false, s), Text(s, "url", false, s), Text(s, "file", false, s),
                  Text(s, "note", false, s)};
    }
    for (const YAML::Node& n : List(root, "nodes")) p.nodes.push_back(ReadNode(n));
    if (p.nodes.empty()) Error(root, "dokumentet har ingen punkter («nodes»)");
    for (const YAML::Node& a : List(root, "assessments"))
      p.assessments.push_back(ReadAssessment(a));
    return p;
  }

 private:
  Diagnostics* d_;
  std::string context_;
};

// --- writing ---

// Whether a literal block (`|`) gives back exactly `value` once the reader has trimmed its end:
// several lines, printable, no line starting the block with a space, no trailing blanks on a line.
bool LiteralSafe(const std::string& value) {
  if (value.find('\n') == std::string::npos || value.front() == ' ' || value.front() == '\n')
    return false;
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return false;
    if (c == ' ' && (i + 1 == value.size() || value[i + 1] == '\n')) return false;
  }
  return true;
}

// `block`: the field is read back with its end trimmed (text, narrative), so it may be a literal
// block; other fields are always double-quoted, which keeps every character.
void WriteText(YAML::Emitter& out, const char* key, const std::string& value, bool always = false,
               bool block = false) {
  if (value.empty() && !always) return;
  out << YAML::Key << key << YAML::Value;
  if (block && LiteralSafe(value)) {
    out << YAML::Literal << value;
  } else {
    out << YAML::DoubleQuoted << value;
  }
}

std::string Number(double v) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ptr);
}

void WriteEvidence(YAML::Emitter& out, const std::vector<Evidence>& evidence) {
  if (evidence.empty()) return;
  out << YAML::Key << "evidence" << YAML::Value << YAML::BeginSeq;
  for (const Evidence& e : evidence) {
    out << YAML::BeginMap;
    WriteText(out, "title", e.title, true);
    WriteText(out, "url", e.url);
    WriteText(out, "file", e.file);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void WriteNode(YAML::Emitter& out, const Node& n) {
  out << YAML::BeginMap;
  WriteText(out, "id", n.id, true);
  WriteText(out, "kind", n.kind, true);
  if (n.goal) out << YAML::Key << "goal" << YAML::Value << (*n.goal ? "true" : "false");
  WriteText(out, "title", n.title, true);
  WriteText(out, "text", n.text, false, true);
  if (!n.indicators.empty()) {
    out << YAML::Key << "indicators" << YAML::Value << YAML::BeginSeq;
    for (const IndicatorLink& i : n.indicators) {
      out << YAML::BeginMap;
      WriteText(out, "key", i.key, true);
      WriteText(out, "scope", i.scope);
      if (i.target) {
        const Target& t = *i.target;
        out << YAML::Key << "target" << YAML::Value << YAML::BeginMap;
        switch (t.rule) {
          case TargetRule::kAtLeast:
            out << YAML::Key << "at_least" << YAML::Value << Number(t.value);
            break;
          case TargetRule::kAtMost:
            out << YAML::Key << "at_most" << YAML::Value << Number(t.value);
            break;
          case TargetRule::kTrendUp:
          case TargetRule::kTrendDown:
            out << YAML::Key << "trend" << YAML::Value
                << (t.rule == TargetRule::kTrendUp ? "up" : "down");
            WriteText(out, "baseline", t.baseline, true);
            break;
          case TargetRule::kBetterThanReference:
            out << YAML::Key << "better_than" << YAML::Value << "reference";
            break;
          case TargetRule::kNone:
            break;
        }
        WriteText(out, "by", t.by);
        out << YAML::EndMap;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!n.measures.empty()) {
    out << YAML::Key << "measures" << YAML::Value << YAML::BeginSeq;
    for (const Measure& m : n.measures) {
      out << YAML::BeginMap;
      WriteText(out, "id", m.id);
      WriteText(out, "title", m.title, true);
      WriteText(out, "owner", m.owner);
      WriteText(out, "due", m.due);
      WriteText(out, "status", m.status);
      WriteEvidence(out, m.evidence);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!n.documents.empty()) {
    out << YAML::Key << "documents" << YAML::Value << YAML::BeginSeq;
    for (const DocumentRef& d : n.documents) {
      out << YAML::BeginMap;
      WriteText(out, "title", d.title, true);
      WriteText(out, "kind", d.kind);
      WriteText(out, "url", d.url);
      WriteText(out, "file", d.file);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!n.children.empty()) {
    out << YAML::Key << "children" << YAML::Value << YAML::BeginSeq;
    for (const Node& c : n.children) WriteNode(out, c);
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

}  // namespace

Node* FindNode(std::vector<Node>& nodes, std::string_view id) {
  for (Node& n : nodes) {
    if (n.id == id) return &n;
    if (Node* c = FindNode(n.children, id)) return c;
  }
  return nullptr;
}

const Node* FindNode(const std::vector<Node>& nodes, std::string_view id) {
  return FindNode(const_cast<std::vector<Node>&>(nodes), id);
}

bool IsGoal(const Node& node) {
  if (node.goal) return *node.goal;
  const std::string_view suffix = "mål";
  return node.kind.size() >= suffix.size() &&
         node.kind.compare(node.kind.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Policy ReadPolicy(std::string_view yaml, Diagnostics* diagnostics) {
  if (const Mark bad = FirstInvalidUtf8(yaml); bad.line > 0) {
    diagnostics->Error(
        bad.line, bad.column, "",
        "filen er ikke gyldig UTF-8 (lagre den som UTF-8, ikke Windows-1252 eller UTF-16)");
    return {};
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {  // the library reports syntax errors by exception
    diagnostics->Error(e.mark.is_null() ? 0 : e.mark.line + 1,
                       e.mark.is_null() ? 0 : e.mark.column + 1, "",
                       "ugyldig YAML (" + e.msg +
                           "); sjekk innrykket, og sett tekst som inneholder «: » eller « #» i "
                           "anførselstegn");
    return {};
  }
  if (!root || root.IsNull()) {
    diagnostics->Error(1, 1, "", "filen er tom");
    return {};
  }
  Reader reader(diagnostics);
  return reader.ReadDocument(root);
}

std::string WritePolicy(const Policy& p) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  out << YAML::Key << "agp_policy" << YAML::Value << p.format;
  WriteText(out, "id", p.id, true);
  WriteText(out, "organisation", p.organisation, true);
  WriteText(out, "title", p.title, true);
  if (p.adopted != Policy::Adoption{}) {
    out << YAML::Key << "adopted" << YAML::Value << YAML::BeginMap;
    WriteText(out, "by", p.adopted.by);
    WriteText(out, "date", p.adopted.date);
    WriteText(out, "case", p.adopted.decision);
    out << YAML::EndMap;
  }
  if (p.valid != Policy::Validity{}) {
    out << YAML::Key << "valid" << YAML::Value << YAML::BeginMap;
    WriteText(out, "from", p.valid.from);
    WriteText(out, "to", p.valid.to);
    out << YAML::EndMap;
  }
  if (p.source != Policy::Source{}) {
    out << YAML::Key << "source" << YAML::Value << YAML::BeginMap;
    WriteText(out, "title", p.source.title);
    WriteText(out, "url", p.source.url);
    WriteText(out, "file", p.source.file);
    WriteText(out, "note", p.source.note);
    out << YAML::EndMap;
  }
  out << YAML::Key << "nodes" << YAML::Value << YAML::BeginSeq;
  for (const Node& n : p.nodes) WriteNode(out, n);
  out << YAML::EndSeq;
  if (!p.assessments.empty()) {
    out << YAML::Key << "assessments" << YAML::Value << YAML::BeginSeq;
    for (const Assessment& a : p.assessments) {
      out << YAML::BeginMap;
      WriteText(out, "node", a.node, true);
      WriteText(out, "period", a.period, true);
      WriteText(out, "verdict", a.verdict, true);
      WriteText(out, "narrative", a.narrative, false, true);
      WriteEvidence(out, a.evidence);
      WriteText(out, "by", a.by);
      WriteText(out, "date", a.date);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace agp::policy
