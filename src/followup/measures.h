// The policy's measures in execution (DESIGN §10.3): the plan is the policy document's measures
// (and the local ones leaders add to a goal); their execution — status, the unit that carries it
// out, progress notes and evidence — is kept beside it in the store, keyed by the policy's id and
// the measure's key, so that it survives a new version of the policy that keeps the measure's id.
//
// Who may change what is decided here, below the web layer: admins every measure, leaders the
// measures of their own units' subtrees (a measure nobody carries out yet is HR's to hand out).
// Measures are not personal data: every role reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "core/records.h"
#include "metrics/individuals.h"
#include "policy/policy.h"
#include "store/database.h"

namespace agp::followup {

// The largest evidence file agp keeps (in the database, beside the policy).
inline constexpr int64_t kMaxEvidenceBytes = int64_t{10} << 20;  // 10 MiB

enum class MeasureStatus { kPlanned, kOngoing, kDone, kPostponed, kCancelled };
inline constexpr MeasureStatus kMeasureStatuses[] = {
    MeasureStatus::kPlanned, MeasureStatus::kOngoing, MeasureStatus::kDone,
    MeasureStatus::kPostponed, MeasureStatus::kCancelled};

// "planlagt", "pågår", "fullført", "utsatt", "avlyst" (DESIGN §10.3; stored as such).
std::string_view StatusKey(MeasureStatus s);
// "Planlagt", "Pågår", "Fullført", "Utsatt", "Avlyst": the status as pages and reports show it.
std::string_view StatusLabel(MeasureStatus s);
// The status a word names: the five keys, and the policy format's words for the plan
// (igangsatt = pågår, gjennomført = fullført, avbrutt = avlyst). nullopt otherwise.
std::optional<MeasureStatus> ParseMeasureStatus(std::string_view word);

struct MeasureState {
  std::string policy_key;
  std::string node_id, node_title;  // the goal (node) it belongs to
  std::string key;                  // policy::MeasureKey, or "lokal-<id>"
  std::string title, owner;
  std::string due;  // ISO date: the newest update's, else the plan's; "" when neither has one
  MeasureStatus status = MeasureStatus::kPlanned;
  std::string unit_key;  // the unit that carries it out; "" when none is set
  int32_t unit = -1;     // its index in the workforce's units; -1 when none or not in the data
  bool local = false;    // added in agp by a leader, not in the policy document
  std::vector<policy::Evidence> document_evidence;     // links the policy document gives
  std::vector<store::MeasureUpdateRecord> updates;     // oldest first
  std::vector<store::MeasureEvidenceRecord> evidence;  // added in agp, oldest first, no bytes
  std::string updated_on;  // ISO date of the newest update, "" when never updated
  // Due date passed (before `today`) and neither fullført nor avlyst (DESIGN §10.3).
  bool overdue = false;
};

struct MeasureBook {
  std::vector<MeasureState> measures;  // the policy's order; a goal's local measures after its own
  const MeasureState* Find(std::string_view key) const;
  std::vector<const MeasureState*> OfNode(std::string_view node_id) const;
};

// The policy's measures with their execution on `today`. The rows may hold other policies'
// records; those and the records of measures no longer in the policy are left out.
MeasureBook BuildMeasures(const policy::Policy& policy, const core::Workforce& w,
                          const std::vector<store::MeasureUpdateRecord>& updates,
                          const std::vector<store::LocalMeasureRecord>& locals,
                          const std::vector<store::MeasureEvidenceRecord>& evidence,
                          core::Date today);
// The same, read from the store.
core::Result<MeasureBook> LoadMeasures(store::Database& db, const policy::Policy& policy,
                                       const core::Workforce& w, core::Date today);

// Whether the viewer may change `m`: admins always; leaders when its unit lies in their own
// units' subtrees. kForbidden otherwise, with the reason.
core::Status MayEditMeasure(const core::Workforce& w, const metrics::Viewer& viewer,
                            const MeasureState& m);
// Whether the viewer may give a measure to the unit `unit_key`: admins any unit in the data,
// leaders their own subtrees. kInvalidInput for an unknown unit, kForbidden outside them.
core::Status MayUseUnit(const core::Workforce& w, const metrics::Viewer& viewer,
                        const std::string& unit_key);

struct MeasureChange {
  std::string status;     // a status key (ParseMeasureStatus)
  std::string unit_key;   // the unit from now on ("" keeps the current one)
  std::string due;        // the due date from now on, ISO or dd.mm.yyyy ("" keeps the current)
  std::string note;       // optional progress note
  std::string note_date;  // the note's date, ISO or dd.mm.yyyy; "" is today
};

// Records a change of `m` by the viewer (MayEditMeasure; MayUseUnit for a new unit). Errors say
// what to correct (kInvalidInput): an unknown status, a note date in the future, nothing changed.
core::Result<store::MeasureUpdateRecord> UpdateMeasure(
    store::Database& db, const core::Workforce& w, const metrics::Viewer& viewer,
    const MeasureState& m, const MeasureChange& change, const core::Clock& clock);

struct LocalMeasureInput {
  std::string node_id, title, owner;
  std::string due;  // ISO or dd.mm.yyyy, or ""
  std::string unit_key;
};

// Adds a local measure to a goal of `policy` for a unit (MayUseUnit).
core::Result<store::LocalMeasureRecord> AddLocalMeasure(
    store::Database& db, const core::Workforce& w, const metrics::Viewer& viewer,
    const policy::Policy& policy, const LocalMeasureInput& input, const core::Clock& clock);

struct EvidenceInput {
  std::string title;
  std::string url;        // a link (http or https), or
  std::string file_name;  // a file: its name as the browser sent it, and
  std::string bytes;      // its content
};

// The content type of an evidence file, decided from its bytes and agreeing with its name's
// ending: PDF, PNG, JPEG, Office Open XML (docx, xlsx, pptx), OpenDocument (odt, ods, odp), or
// UTF-8 text (txt, csv). kInvalidInput, saying what is accepted, for anything else.
core::Result<std::string> EvidenceContentType(std::string_view file_name, std::string_view bytes);

// Adds evidence to `m` (MayEditMeasure): a link or a file of at most kMaxEvidenceBytes, its
// name reduced to a safe base name and its type checked (EvidenceContentType).
core::Result<store::MeasureEvidenceRecord> AddEvidence(store::Database& db,
                                                       const core::Workforce& w,
                                                       const metrics::Viewer& viewer,
                                                       const MeasureState& m, EvidenceInput input,
                                                       const core::Clock& clock);

// The evidence file `id` of the measure `m` for download, after the download is written to the
// audit log. kNotFound when `m` has no such file, or when it has been withdrawn.
core::Result<store::MeasureEvidenceRecord> OpenEvidence(store::Database& db,
                                                        const metrics::Viewer& viewer,
                                                        const MeasureState& m, int64_t id,
                                                        const core::Clock& clock);

// Withdraws the evidence `id` of `m` (MayEditMeasure): a link or a file added by mistake, with
// personal data in it, say. A file's bytes are erased; the listing keeps who withdrew it when.
// kNotFound when `m` has no such evidence, kInvalidInput when it is withdrawn already.
core::Status WithdrawEvidence(store::Database& db, const core::Workforce& w,
                              const metrics::Viewer& viewer, const MeasureState& m, int64_t id,
                              const core::Clock& clock);

// The measures whose unit lies in one of `units`' subtrees (empty: all, those without a unit
// included), in the book's order.
std::vector<const MeasureState*> MeasuresIn(const core::Workforce& w, const MeasureBook& book,
                                            const std::vector<int32_t>& units);

// For every unit (indexed like Workforce::units): the measures of its subtree, and how many of
// them are overdue. A measure without a unit counts at the top (the organisation carries it out).
struct MeasureCounts {
  std::vector<int64_t> total, overdue;
};
MeasureCounts CountMeasuresByUnit(const core::Workforce& w, const MeasureBook& book);

}  // namespace agp::followup
