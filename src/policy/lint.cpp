#include "policy/lint.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/indicator.h"
#include "policy/policy_yaml.h"

namespace agp::policy {
namespace {

std::string Label(const Node& n) { return n.title.empty() ? n.id : n.id + " «" + n.title + "»"; }

bool KnownIndicator(const std::string& key) {
  const size_t colon = key.find(metrics::kJobCodeSeparator);
  const std::string base = key.substr(0, colon);
  auto id = metrics::FindIndicator(base);
  if (!id) return false;
  if (colon == std::string::npos) return true;
  // A job code only makes sense for the pay ratio, and must not be empty.
  return base == "pay_ratio_women_men" && colon + 1 < key.size();
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// "mente du sick_leave_pct?" for a near miss, else where to find the keys.
std::string Suggestion(const std::string& key) {
  if (const size_t colon = key.find(metrics::kJobCodeSeparator); colon != std::string::npos) {
    return "bare pay_ratio_women_men finnes per stillingskode (pay_ratio_women_men:KODE)";
  }
  std::string_view best;
  size_t best_distance = 4;  // more edits than this is not a typo
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    std::string label(info.label_nb);  // "Sykefravær": someone may write the Norwegian name
    if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z')
      label[0] = static_cast<char>(label[0] - 'A' + 'a');
    if (key == label || (key.size() >= 4 && info.key.starts_with(key)))
      return "mente du «" + std::string(info.key) + "»?";
    const size_t d = EditDistance(key, info.key);
    if (d < best_distance) {
      best_distance = d;
      best = info.key;
    }
  }
  if (!best.empty()) return "mente du «" + std::string(best) + "»?";
  return "se `agp indicators --explain list`; lønn per stillingskode: pay_ratio_women_men:KODE";
}

}  // namespace

void Lint(const Policy& policy, Diagnostics* d) {
  std::map<std::string, const Node*> ids;
  std::map<std::string, const Measure*> measure_ids;
  ForEachNode(policy.nodes, [&](const Node& n, int) {
    // A measure's id keys its execution (DESIGN §10.3): unique, and not one agp makes itself.
    for (const Measure& m : n.measures) {
      if (m.id.empty()) continue;
      if (m.id.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") !=
              std::string::npos ||
          m.id.rfind("lokal-", 0) == 0) {
        d->Error(m.mark.line, m.mark.column, Label(n),
                 "tiltakets id «" + m.id +
                     "» kan bare ha bokstavene a–z, sifre, - og _, og kan ikke begynne med "
                     "«lokal-» (det er lokale tiltak i agp)");
        continue;
      }
      auto [it, added] = measure_ids.emplace(m.id, &m);
      if (!added) {
        d->Error(m.mark.line, m.mark.column, Label(n),
                 "tiltakets id «" + m.id + "» er brukt før, på linje " +
                     std::to_string(it->second->mark.line) + "; gi tiltaket en egen id");
      }
    }
    if (n.id.empty()) return;  // reported by the reader
    auto [it, added] = ids.emplace(n.id, &n);
    if (!added) {
      d->Error(n.mark.line, n.mark.column, Label(n),
               "id-en «" + n.id + "» er brukt før, på linje " +
                   std::to_string(it->second->mark.line) + "; gi punktet en egen id");
    }
    for (const IndicatorLink& link : n.indicators) {
      if (!link.key.empty() && !KnownIndicator(link.key)) {
        d->Error(link.mark.line, link.mark.column, Label(n),
                 "indikatoren «" + link.key + "» finnes ikke; " + Suggestion(link.key));
      }
      if (!link.target) {
        d->Warning(link.mark.line, link.mark.column, Label(n),
                   "indikatoren «" + link.key +
                       "» har ikke noe mål; legg til «target» (at_least, at_most, trend eller "
                       "better_than: reference)");
      } else if (link.target->by.empty() && link.target->rule != TargetRule::kNone) {
        d->Warning(link.target->mark.line, link.target->mark.column, Label(n),
                   "målet for «" + link.key + "» har ingen frist; legg til «by: ÅÅÅÅ-MM-DD»");
      }
    }
    if (IsGoal(n) && n.indicators.empty()) {
      d->Warning(n.mark.line, n.mark.column, Label(n),
                 "målet kan ikke måles; legg til «indicators» med en indikator og et mål (f.eks. "
                 "key: sick_leave_pct, target: {at_most: 7, by: 2027-12-31}), eller «goal: false» "
                 "om punktet ikke er et mål");
    }
    for (const Measure& m : n.measures) {
      const std::string measure = m.title.empty() ? "tiltaket" : "tiltaket «" + m.title + "»";
      if (m.owner.empty()) {
        d->Warning(m.mark.line, m.mark.column, Label(n),
                   measure + " har ingen ansvarlig; legg til «owner»");
      }
      if (m.due.empty()) {
        d->Warning(m.mark.line, m.mark.column, Label(n),
                   measure + " har ingen frist; legg til «due: ÅÅÅÅ-MM-DD»");
      }
    }
  });
  for (const Assessment& a : policy.assessments) {
    if (!a.node.empty() && ids.find(a.node) == ids.end()) {
      d->Error(a.mark.line, a.mark.column, "vurdering av " + a.node,
               "vurderingen gjelder punktet «" + a.node + "», som ikke finnes i dokumentet");
    }
  }
}

Policy CheckPolicy(std::string_view yaml, Diagnostics* diagnostics) {
  Policy policy = ReadPolicy(yaml, diagnostics);
  if (!policy.nodes.empty()) Lint(policy, diagnostics);
  diagnostics->Sort();
  return policy;
}

}  // namespace agp::policy
