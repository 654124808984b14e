// Changing a stored policy from the web (DESIGN §5): one node's title, text, targets, scopes and
// measures edited in a form, checked as the command line checks a file (WritePolicy, then
// CheckPolicy, so what is stored is the canonical text), and stored as the next version; and the
// templates of data/policies/ loaded as `agp demo` loads them. Nothing here knows HTTP: the form
// arrives as named text fields and errors go back by field name.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "policy/diagnostics.h"
#include "policy/evaluation.h"
#include "policy/policy.h"
#include "policy/policy_store.h"
#include "store/database.h"

namespace agp::web {

// A target as typed in the form. `rule` is one of kTargetRules; numbers may use a decimal comma
// ("6,5"); dates are "ÅÅÅÅ-MM-DD" (or "31.12.2025").
struct TargetFields {
  std::string rule;  // at_least | at_most | trend_up | trend_down | better_than | none
  std::string value;
  std::string baseline;
  std::string by;
};

struct IndicatorFields {
  std::string key;  // only read for a new indicator; existing ones keep theirs
  std::string scope;
  TargetFields target;
  bool remove = false;
};

struct MeasureFields {
  std::string title, owner, due, status;
  bool remove = false;
};

// One node's form. The lists follow the node's indicators and measures in order.
struct NodeFields {
  int base_version = 0;  // the version the form was made from; 0: do not check
  std::string title;
  std::string text;
  std::vector<IndicatorFields> indicators;
  IndicatorFields new_indicator;  // key "" = none added
  std::vector<MeasureFields> measures;
  MeasureFields new_measure;  // every field "" = none added
};

// The rules of the form's target select, with their Norwegian labels.
struct RuleChoice {
  const char* key;
  const char* label;
};
inline constexpr RuleChoice kTargetRules[] = {
    {"none", "Ingen mål"},
    {"at_least", "Minst (verdi)"},
    {"at_most", "Høyst (verdi)"},
    {"trend_up", "Stigende fra et grunnlagsår"},
    {"trend_down", "Synkende fra et grunnlagsår"},
    {"better_than", "Bedre enn landet"},
};

// The form's field names, shared by the page that draws it and ReadNodeFields.
// "title", "text", "versjon"; "ind-<i>-rule|value|baseline|by|scope|remove";
// "new-ind-key|scope|rule|value|baseline|by"; "m-<i>-title|owner|due|status|remove";
// "new-m-title|owner|due|status".
std::string IndicatorField(int i, const char* part);
std::string MeasureField(int i, const char* part);

// The form filled in from a stored node.
NodeFields FieldsOf(const policy::Node& node, int version);

// The form as posted: `get` gives a field's value, nullopt when the field was not sent.
using FormGetter = std::function<std::optional<std::string>(const std::string&)>;
NodeFields ReadNodeFields(const FormGetter& get);

// "6,5", "6.5", " 90 % " → the number; nullopt for anything else.
std::optional<double> ParseDecimal(std::string_view text);

using policy::TargetWords;

struct EditOutcome {
  // Problems by form field name ("title", "ind-0-value", "new-ind-key" …) and those that belong
  // to no one field (the check of the whole document, a form made from an older version).
  std::map<std::string, std::string> field_errors;
  std::vector<std::string> errors;
  bool ok() const { return field_errors.empty() && errors.empty(); }

  bool stored = false;  // a new version was stored (false also when nothing changed)
  int version = 0;      // the newest version after the edit
  std::string changes;  // "mål for sick_leave_pct: høyst 6,5 %; tittel", "" when none
  std::vector<policy::Diagnostic> warnings;  // of the new version, for this node
};

// Applies `fields` to the node `node_id` of the newest stored version of `policy_id` and, when
// every field is valid and the whole document passes CheckPolicy without errors, stores it as
// the next version with source "web:<user>". Nothing is stored when there is any error.
// `known_units` (the stored unit keys; empty: not checked) is checked for a scope that changed.
// kNotFound when there is no such policy or node; other errors from the database.
core::Result<EditOutcome> EditNode(store::Database& db, const std::string& policy_id,
                                   const std::string& node_id, const NodeFields& fields,
                                   const std::string& user, const core::Clock& clock,
                                   const std::vector<std::string>& known_units = {});

// A template in data/policies/.
struct TemplateInfo {
  std::string file;   // the file name, "002_roros_2017_2025.yaml"
  std::string id;     // the policy's id
  std::string title;  // its title, or the file name when it cannot be read
};
// The *.yaml files of `dir`, in name order.
std::vector<TemplateInfo> ListTemplates(const std::string& dir);

struct TemplateLoad {
  std::string policy_id;
  std::vector<policy::Diagnostic> errors;  // when not empty nothing was stored
  int warnings = 0;
  std::optional<policy::LoadOutcome> outcome;  // set when stored (outcome->added: a new version)
};
// Checks the template `file` (a name from ListTemplates, nothing else) of `dir` and stores it
// when it has no errors; the same document again adds no version. kNotFound for an unknown file.
core::Result<TemplateLoad> LoadTemplate(store::Database& db, const std::string& dir,
                                        const std::string& file, const core::Clock& clock);

}  // namespace agp::web
