// Policies in the database: every loaded version kept (DESIGN §5 "Versions"), assessments with
// their history. The store keeps the canonical YAML; this layer reads and writes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "policy/policy.h"
#include "store/database.h"

namespace agp::policy {

struct LoadOutcome {
  store::PolicyVersion version;
  bool added = false;  // false: the newest stored version was already this document
  int assessments_added = 0;
};

// Stores `policy` (which must have passed CheckPolicy without errors) as the next version of its
// id, with those of its assessments not stored before, in one transaction.
core::Result<LoadOutcome> StorePolicy(store::Database& db, const Policy& policy,
                                      const std::string& source, const core::Clock& clock);

// Records an assessment made in agp (origin "agp", dated today unless `a.date` says otherwise);
// earlier assessments of the node and period stay as history. kInvalidInput, with a message
// for the user, when the narrative or the assessor holds a control character (policy_yaml.cpp).
core::Status RecordAssessment(store::Database& db, const std::string& policy_key, Assessment a,
                              const core::Clock& clock);

// The policy a command means: `asked` when given, else the one in force on `day` (of the versions
// in load order, the last valid on that day), else the one loaded last. kUsage, saying so, when
// no policy is stored or `asked` is not one of them.
core::Result<std::string> PolicyKeyFor(store::Database& db, const std::string& asked,
                                       core::Date day);

// A stored version read back; `version` 0 is the newest. kNotFound when there is none.
core::Result<Policy> LoadStoredPolicy(store::Database& db, const std::string& policy_key,
                                      int version = 0);

// The assessment that counts for a node and period: the last one recorded. nullptr when none.
const store::AssessmentRecord* CurrentAssessment(
    const std::vector<store::AssessmentRecord>& history, const std::string& node,
    const std::string& period);

}  // namespace agp::policy
