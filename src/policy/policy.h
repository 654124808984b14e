// The policy document model (DESIGN.md §5, docs/policy-format.md): an employer policy as a tree of
// nodes in the document's own words, with the indicators and targets that make its goals
// checkable, the measures that carry it out, and human assessments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace agp::policy {

// Where a value was written in the policy file (1-based; 0 when built in code).
struct Mark {
  int line = 0;
  int column = 0;
  friend bool operator==(const Mark&, const Mark&) {
    return true;
  }  // marks never make a difference
};

enum class TargetRule { kNone, kAtLeast, kAtMost, kTrendUp, kTrendDown, kBetterThanReference };

struct Target {
  TargetRule rule = TargetRule::kNone;
  double value = 0;      // at_least / at_most
  std::string baseline;  // trend: the period the trend is measured from ("2020")
  std::string by;        // ISO date the target should be reached; "" when not given
  Mark mark;
  friend bool operator==(const Target&, const Target&) = default;
};

struct IndicatorLink {
  std::string key;    // an indicator key, "pay_ratio_women_men:7174" for one job code
  std::string scope;  // a unit_id; "" = the whole organisation
  std::optional<Target> target;
  Mark mark;
  friend bool operator==(const IndicatorLink&, const IndicatorLink&) = default;
};

struct Evidence {
  std::string title;
  std::string url;
  std::string file;
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

struct Measure {
  // Optional; the key the measure's execution is stored under (DESIGN §10.3), so that it survives
  // a new version of the policy. MeasureKey() gives the key of one without an id.
  std::string id;
  std::string title;
  std::string owner;
  std::string due;     // ISO date
  std::string status;  // planlagt | igangsatt | gjennomført | utsatt | avbrutt; "" when not given
  std::vector<Evidence> evidence;
  Mark mark;
  friend bool operator==(const Measure&, const Measure&) = default;
};

struct DocumentRef {
  std::string title;
  std::string kind;  // underlying | reference
  std::string url;
  std::string file;
  friend bool operator==(const DocumentRef&, const DocumentRef&) = default;
};

struct Node {
  std::string id;
  std::string kind;          // the document's own word: verdi, hovedmål, delmål, tiltak …
  std::optional<bool> goal;  // as written; IsGoal() applies the default
  std::string title;
  std::string text;
  std::vector<IndicatorLink> indicators;
  std::vector<Measure> measures;
  std::vector<DocumentRef> documents;
  std::vector<Node> children;
  Mark mark;
  friend bool operator==(const Node&, const Node&) = default;
};

// A node is a goal when it says so, or by default when its kind ends in "mål".
bool IsGoal(const Node& node);

// The node with `id` anywhere in the tree (depth-first, document order); nullptr when none.
const Node* FindNode(const std::vector<Node>& nodes, std::string_view id);
Node* FindNode(std::vector<Node>& nodes, std::string_view id);

struct Assessment {
  std::string node;     // a node id
  std::string period;   // "2011"
  std::string verdict;  // lykkes | delvis | ikke
  std::string narrative;
  std::vector<Evidence> evidence;
  std::string by;
  std::string date;  // ISO date
  Mark mark;
  friend bool operator==(const Assessment&, const Assessment&) = default;
};

struct Policy {
  int format = 1;  // agp_policy
  std::string id;
  std::string organisation;
  std::string title;
  struct Adoption {
    std::string by, date, decision;  // `case` in the file
    friend bool operator==(const Adoption&, const Adoption&) = default;
  } adopted;
  struct Validity {
    std::string from, to;
    friend bool operator==(const Validity&, const Validity&) = default;
  } valid;
  struct Source {
    std::string title, url, file, note;
    friend bool operator==(const Source&, const Source&) = default;
  } source;
  std::vector<Node> nodes;
  std::vector<Assessment> assessments;
  friend bool operator==(const Policy&, const Policy&) = default;
};

// Visits every node depth-first in document order; `depth` is 0 for the top level.
template <typename Fn>
void ForEachNode(const std::vector<Node>& nodes, Fn&& fn, int depth = 0) {
  for (const Node& n : nodes) {
    fn(n, depth);
    ForEachNode(n.children, fn, depth + 1);
  }
}

// The key a measure's execution is stored under (DESIGN §10.3): its `id` when it has one, else
// "<node id>.<n>" for the n-th measure of the node (1-based), which holds only while the measures
// of the node keep their order. Local measures added in the app are "lokal-<n>".
std::string MeasureKey(const Node& node, size_t index);

// The words the format allows (docs/policy-format.md).
inline constexpr const char* kMeasureStatuses[] = {"planlagt", "igangsatt", "gjennomført", "utsatt",
                                                   "avbrutt"};
inline constexpr const char* kVerdicts[] = {"lykkes", "delvis", "ikke"};

}  // namespace agp::policy
