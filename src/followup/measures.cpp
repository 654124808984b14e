#include "followup/measures.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/text.h"
#include "followup/duties.h"
#include "followup/tasks.h"

namespace agp::followup {
namespace {

std::string Trim(std::string_view text) {
  const size_t a = text.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return "";
  const size_t b = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(a, b - a + 1));
}

// "" stays "", a date becomes ISO; nullopt for anything else.
std::optional<std::string> IsoDate(std::string_view text) {
  const std::string t = Trim(text);
  if (t.empty()) return std::string();
  auto d = core::ParseDate(t);
  if (!d) return std::nullopt;
  return d->ToIso();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The base name of what the browser sent, without control characters or path separators, at
// most 120 bytes (cut on a character boundary).
std::string SafeFileName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"' || c == ';') continue;
    out += c;
  }
  while (out.size() > 120) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  out = Trim(out);
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  return out;
}

}  // namespace

std::string_view StatusKey(MeasureStatus s) {
  switch (s) {
    case MeasureStatus::kPlanned:
      return "planlagt";
    case MeasureStatus::kOngoing:
      return "pågår";
    case MeasureStatus::kDone:
      return "fullført";
    case MeasureStatus::kPostponed:
      return "utsatt";
    case MeasureStatus::kCancelled:
      return "avlyst";
  }
  return "planlagt";
}

std::string_view StatusLabel(MeasureStatus s) {
  switch (s) {
    case MeasureStatus::kPlanned:
      return "Planlagt";
    case MeasureStatus::kOngoing:
      return "Pågår";
    case MeasureStatus::kDone:
      return "Fullført";
    case MeasureStatus::kPostponed:
      return "Utsatt";
    case MeasureStatus::kCancelled:
      return "Avlyst";
  }
  return "Planlagt";
}

std::optional<MeasureStatus> ParseMeasureStatus(std::string_view word) {
  for (MeasureStatus s : kMeasureStatuses) {
    if (StatusKey(s) == word) return s;
  }
  // The policy format's words for the plan (policy::kMeasureStatuses).
  if (word == "igangsatt") return MeasureStatus::kOngoing;
  if (word == "gjennomført") return MeasureStatus::kDone;
  if (word == "avbrutt") return MeasureStatus::kCancelled;
  return std::nullopt;
}

const MeasureState* MeasureBook::Find(std::string_view key) const {
  for (const MeasureState& m : measures) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

std::vector<const MeasureState*> MeasureBook::OfNode(std::string_view node_id) const {
  std::vector<const MeasureState*> out;
  for (const MeasureState& m : measures) {
    if (m.node_id == node_id) out.push_back(&m);
  }
  return out;
}

MeasureBook BuildMeasures(const policy::Policy& policy, const core::Workforce& w,
                          const std::vector<store::MeasureUpdateRecord>& updates,
                          const std::vector<store::LocalMeasureRecord>& locals,
                          const std::vector<store::MeasureEvidenceRecord>& evidence,
                          core::Date today) {
  MeasureBook book;
  policy::ForEachNode(policy.nodes, [&](const policy::Node& n, int) {
    for (size_t i = 0; i < n.measures.size(); ++i) {
      const policy::Measure& pm = n.measures[i];
      MeasureState m;
      m.policy_key = policy.id;
      m.node_id = n.id;
      m.node_title = n.title;
      m.key = policy::MeasureKey(n, i);
      m.title = pm.title;
      m.owner = pm.owner;
      m.due = pm.due;
      m.status = ParseMeasureStatus(pm.status).value_or(MeasureStatus::kPlanned);
      m.document_evidence = pm.evidence;
      book.measures.push_back(std::move(m));
    }
    for (const store::LocalMeasureRecord& l : locals) {
      if (l.policy_key != policy.id || l.node_id != n.id) continue;
      MeasureState m;
      m.policy_key = policy.id;
      m.node_id = n.id;
      m.node_title = n.title;
      m.key = "lokal-" + std::to_string(l.id);
      m.title = l.title;
      m.owner = l.owner;
      m.due = l.due;
      m.unit_key = l.unit_key;
      m.local = true;
      book.measures.push_back(std::move(m));
    }
  });
  // Each key once: a lookup table keeps this linear in the records.
  std::unordered_map<std::string, MeasureState*> by_key;
  for (MeasureState& m : book.measures) by_key.emplace(m.key, &m);
  auto find = [&](const std::string& key) -> MeasureState* {
    auto it = by_key.find(key);
    return it == by_key.end() ? nullptr : it->second;
  };
  for (const store::MeasureUpdateRecord& u : updates) {
    if (u.policy_key != policy.id) continue;
    MeasureState* m = find(u.measure_key);
    if (m == nullptr) continue;
    if (auto s = ParseMeasureStatus(u.status)) m->status = *s;
    if (!u.unit_key.empty()) m->unit_key = u.unit_key;
    if (!u.due.empty()) m->due = u.due;
    m->updated_on = u.recorded_at.substr(0, 10);
    m->updates.push_back(u);
  }
  for (const store::MeasureEvidenceRecord& e : evidence) {
    if (e.policy_key != policy.id) continue;
    if (MeasureState* m = find(e.measure_key)) m->evidence.push_back(e);
  }
  const std::string today_iso = today.ToIso();
  for (MeasureState& m : book.measures) {
    m.unit = m.unit_key.empty() ? -1 : FindUnit(w, m.unit_key);
    m.overdue = !m.due.empty() && m.due < today_iso && m.status != MeasureStatus::kDone &&
                m.status != MeasureStatus::kCancelled;
  }
  return book;
}

core::Result<MeasureBook> LoadMeasures(store::Database& db, const policy::Policy& policy,
                                       const core::Workforce& w, core::Date today) {
  auto updates = db.MeasureUpdates(policy.id);
  if (!updates.ok()) return updates.error();
  auto locals = db.LocalMeasures(policy.id);
  if (!locals.ok()) return locals.error();
  auto evidence = db.MeasureEvidence(policy.id);
  if (!evidence.ok()) return evidence.error();
  return BuildMeasures(policy, w, *updates, *locals, *evidence, today);
}

core::Status MayEditMeasure(const core::Workforce& w, const metrics::Viewer& viewer,
                            const MeasureState& m) {
  if (viewer.role == core::Role::kAdmin) return core::Ok{};
  if (viewer.role != core::Role::kLeader) {
    return core::Error(core::ErrorCode::kForbidden, "din rolle kan lese tiltakene, ikke endre dem");
  }
  if (m.unit < 0) {
    return core::Error(core::ErrorCode::kForbidden,
                       "tiltaket har ingen ansvarlig enhet ennå; HR gir det til en enhet");
  }
  auto own = VisibleUnits(w, viewer, "");  // a leader's own units; never empty
  if (!own.ok() || !InAnySubtree(w, m.unit, *own)) {
    return core::Error(core::ErrorCode::kForbidden,
                       "du kan bare endre tiltak som dine egne enheter har ansvaret for");
  }
  return core::Ok{};
}

core::Status MayUseUnit(const core::Workforce& w, const metrics::Viewer& viewer,
                        const std::string& unit_key) {
  const int32_t u = FindUnit(w, unit_key);
  if (u < 0) return core::Error(core::ErrorCode::kInvalidInput, "ukjent enhet «" + unit_key + "»");
  if (viewer.role == core::Role::kAdmin) return core::Ok{};
  auto own = VisibleUnits(w, viewer, "");  // kForbidden for union and viewers
  if (!own.ok() || !InAnySubtree(w, u, *own)) {
    return core::Error(core::ErrorCode::kForbidden, "du kan bare gi tiltak til dine egne enheter");
  }
  return core::Ok{};
}

core::Result<store::MeasureUpdateRecord> UpdateMeasure(
    store::Database& db, const core::Workforce& w, const metrics::Viewer& viewer,
    const MeasureState& m, const MeasureChange& change, const core::Clock& clock) {
  if (core::Status s = MayEditMeasure(w, viewer, m); !s.ok()) return s.error();
  const auto status = ParseMeasureStatus(change.status);
  if (!status || change.status == "igangsatt" || change.status == "gjennomført" ||
      change.status == "avbrutt") {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "velg en status: planlagt, pågår, fullført, utsatt eller avlyst");
  }
  std::string unit_key = Trim(change.unit_key);
  if (unit_key.empty()) unit_key = m.unit_key;
  if (unit_key != m.unit_key) {
    if (core::Status s = MayUseUnit(w, viewer, unit_key); !s.ok()) return s.error();
  }
  const auto due_iso = IsoDate(change.due);
  if (!due_iso) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "fristen må være en dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)");
  }
  const std::string due = due_iso->empty() ? m.due : *due_iso;
  const std::string note = Trim(change.note);
  if (note.size() > 4000) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "notatet er for langt (over 4000 tegn); skriv det kortere");
  }
  if (!note.empty() && !core::ControlCharacterIn(note, "\n\r\t").empty()) {
    return core::Error(core::ErrorCode::kInvalidInput, "notatet har et ugyldig tegn");
  }
  const core::Date today = clock.Today();
  std::string note_date;
  if (!note.empty()) {
    const auto iso = IsoDate(change.note_date);
    if (!iso) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "datoen for notatet må være en dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)");
    }
    note_date = iso->empty() ? today.ToIso() : *iso;
    if (note_date > today.ToIso()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "notatet kan ikke ha en dato etter i dag; skriv hva som er gjort");
    }
  }
  if (*status == m.status && unit_key == m.unit_key && due == m.due && note.empty()) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "ingenting er endret; velg en annen status, enhet eller frist, eller skriv "
                       "et notat");
  }
  store::MeasureUpdateRecord u;
  u.policy_key = m.policy_key;
  u.measure_key = m.key;
  u.status = std::string(StatusKey(*status));
  u.unit_key = unit_key;
  u.due = due == m.due ? std::string() : due;
  u.note = note;
  u.note_date = note_date;
  u.author = viewer.name;
  u.recorded_at = clock.NowUtc();
  return db.AddMeasureUpdate(u);
}

core::Result<store::LocalMeasureRecord> AddLocalMeasure(
    store::Database& db, const core::Workforce& w, const metrics::Viewer& viewer,
    const policy::Policy& policy, const LocalMeasureInput& input, const core::Clock& clock) {
  if (viewer.role != core::Role::kAdmin && viewer.role != core::Role::kLeader) {
    return core::Error(core::ErrorCode::kForbidden, "din rolle kan ikke legge til tiltak");
  }
  const policy::Node* node = policy::FindNode(policy.nodes, input.node_id);
  if (node == nullptr) return core::Error(core::ErrorCode::kNotFound, "fant ikke målet");
  if (core::Status s = MayUseUnit(w, viewer, Trim(input.unit_key)); !s.ok()) return s.error();
  store::LocalMeasureRecord r;
  r.policy_key = policy.id;
  r.node_id = node->id;
  r.title = Trim(input.title);
  r.owner = Trim(input.owner);
  if (r.title.empty()) {
    return core::Error(core::ErrorCode::kInvalidInput, "skriv hva tiltaket går ut på (tittel)");
  }
  if (r.title.size() > 500 || r.owner.size() > 200) {
    return core::Error(core::ErrorCode::kInvalidInput, "tittelen eller ansvarlig er for lang");
  }
  if (!core::ControlCharacterIn(r.title).empty() || !core::ControlCharacterIn(r.owner).empty()) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "tittelen eller ansvarlig har et ugyldig tegn");
  }
  const auto due = IsoDate(input.due);
  if (!due) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "fristen må være en dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)");
  }
  r.due = *due;
  r.unit_key = Trim(input.unit_key);
  r.created_by = viewer.name;
  r.created_at = clock.NowUtc();
  return db.AddLocalMeasure(r);
}

core::Result<std::string> EvidenceContentType(std::string_view file_name, std::string_view bytes) {
  const size_t dot = file_name.find_last_of('.');
  const std::string ext = dot == std::string_view::npos ? "" : Lower(file_name.substr(dot + 1));
  // The bytes a file of the kind starts with; text has none and must be UTF-8 without NULs.
  using namespace std::string_view_literals;
  constexpr std::string_view kPdf = "%PDF-"sv, kPng = "\x89PNG\r\n\x1a\n"sv,
                             kJpeg = "\xFF\xD8\xFF"sv, kZip = "PK\x03\x04"sv, kText = ""sv;
  struct Kind {
    std::string_view ext, type, what, magic;
  };
  static constexpr Kind kKinds[] = {
      {"pdf", "application/pdf", "en PDF", kPdf},
      {"png", "image/png", "et PNG-bilde", kPng},
      {"jpg", "image/jpeg", "et JPEG-bilde", kJpeg},
      {"jpeg", "image/jpeg", "et JPEG-bilde", kJpeg},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       "et Word-dokument", kZip},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "et Excel-ark",
       kZip},
      {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
       "en PowerPoint-presentasjon", kZip},
      {"odt", "application/vnd.oasis.opendocument.text", "et OpenDocument-dokument", kZip},
      {"ods", "application/vnd.oasis.opendocument.spreadsheet", "et OpenDocument-regneark", kZip},
      {"odp", "application/vnd.oasis.opendocument.presentation", "en OpenDocument-presentasjon",
       kZip},
      {"txt", "text/plain; charset=utf-8", "tekst (UTF-8)", kText},
      {"csv", "text/csv; charset=utf-8", "tekst (UTF-8)", kText},
  };
  for (const Kind& k : kKinds) {
    if (ext != k.ext) continue;
    const bool ok = k.magic.empty()
                        ? bytes.find('\0') == std::string_view::npos && core::IsValidUtf8(bytes)
                        : bytes.substr(0, k.magic.size()) == k.magic;
    if (!ok) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "filen heter ." + ext + ", men innholdet er ikke " + std::string(k.what) +
                             "; last opp filen slik den ble lagret");
    }
    return std::string(k.type);
  }
  return core::Error(core::ErrorCode::kInvalidInput,
                     (ext.empty() ? std::string("filen har ingen filtype")
                                  : "filtypen ." + ext + " tas ikke imot") +
                         "; last opp PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG eller "
                         "tekst (txt, csv), eller gi en lenke");
}

core::Result<store::MeasureEvidenceRecord> AddEvidence(store::Database& db,
                                                       const core::Workforce& w,
                                                       const metrics::Viewer& viewer,
                                                       const MeasureState& m, EvidenceInput input,
                                                       const core::Clock& clock) {
  if (core::Status s = MayEditMeasure(w, viewer, m); !s.ok()) return s.error();
  store::MeasureEvidenceRecord e;
  e.policy_key = m.policy_key;
  e.measure_key = m.key;
  e.title = Trim(input.title);
  const std::string url = Trim(input.url);
  const bool has_file = !input.file_name.empty() || !input.bytes.empty();
  if (url.empty() == !has_file) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       url.empty() ? "velg en fil eller skriv en lenke"
                                   : "gi enten en lenke eller en fil, ikke begge");
  }
  if (!url.empty()) {
    const std::string lower = Lower(url.substr(0, 8));
    if ((lower.rfind("https://", 0) != 0 && lower.rfind("http://", 0) != 0) || url.size() > 2000 ||
        url.find_first_of(" \"<>") != std::string::npos || !core::ControlCharacterIn(url).empty()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "lenken må være en nettadresse som begynner med https:// eller http://");
    }
    e.url = url;
    if (e.title.empty()) e.title = url;
  } else {
    if (input.bytes.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "filen er tom");
    }
    if (static_cast<int64_t>(input.bytes.size()) > kMaxEvidenceBytes) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         "filen er større enn 10 MiB; legg den heller et sted og gi en lenke");
    }
    e.file_name = SafeFileName(input.file_name);
    if (e.file_name.empty() || !core::IsValidUtf8(e.file_name)) {
      return core::Error(core::ErrorCode::kInvalidInput, "filen må ha et navn");
    }
    auto type = EvidenceContentType(e.file_name, input.bytes);
    if (!type.ok()) return type.error();
    e.content_type = *type;
    e.data = std::move(input.bytes);
    if (e.title.empty()) e.title = e.file_name;
  }
  if (e.title.size() > 300 || !core::ControlCharacterIn(e.title).empty()) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "tittelen er for lang eller har et ugyldig tegn");
  }
  e.added_by = viewer.name;
  e.added_at = clock.NowUtc();
  return db.AddMeasureEvidence(std::move(e));
}

core::Result<store::MeasureEvidenceRecord> OpenEvidence(store::Database& db,
                                                        const metrics::Viewer& viewer,
                                                        const MeasureState& m, int64_t id,
                                                        const core::Clock& clock) {
  auto found = db.LoadMeasureEvidence(id);
  if (!found.ok()) return found.error();
  if (!found->has_value() || (*found)->policy_key != m.policy_key ||
      (*found)->measure_key != m.key || (*found)->file_name.empty() ||
      !(*found)->withdrawn_at.empty()) {
    return core::Error(core::ErrorCode::kNotFound, "fant ikke filen");
  }
  store::AuditEntry entry;
  entry.at = clock.NowUtc();
  entry.actor = viewer.name;
  entry.action = "measure.evidence.download";
  entry.object = m.policy_key + "/" + m.key;
  entry.detail = std::to_string(id);
  if (auto a = db.AppendAudit(entry); !a.ok()) return a.error();
  return std::move(**found);
}

core::Status WithdrawEvidence(store::Database& db, const core::Workforce& w,
                              const metrics::Viewer& viewer, const MeasureState& m, int64_t id,
                              const core::Clock& clock) {
  if (core::Status s = MayEditMeasure(w, viewer, m); !s.ok()) return s;
  const bool mine = std::any_of(m.evidence.begin(), m.evidence.end(),
                                [id](const store::MeasureEvidenceRecord& e) { return e.id == id; });
  if (!mine) return core::Error(core::ErrorCode::kNotFound, "fant ikke dokumentasjonen");
  return db.WithdrawMeasureEvidence(id, viewer.name, clock.NowUtc());
}

std::vector<const MeasureState*> MeasuresIn(const core::Workforce& w, const MeasureBook& book,
                                            const std::vector<int32_t>& units) {
  std::vector<const MeasureState*> out;
  for (const MeasureState& m : book.measures) {
    if (units.empty() || (m.unit >= 0 && InAnySubtree(w, m.unit, units))) out.push_back(&m);
  }
  return out;
}

MeasureCounts CountMeasuresByUnit(const core::Workforce& w, const MeasureBook& book) {
  const size_t n = w.units.size();
  MeasureCounts out{std::vector<int64_t>(n, 0), std::vector<int64_t>(n, 0)};
  const int32_t top = TopUnit(w);
  for (const MeasureState& m : book.measures) {
    int32_t u = m.unit >= 0 ? m.unit : top;
    for (size_t steps = 0; u >= 0 && steps <= n; ++steps) {  // bounded: no cycle can hang us
      out.total[static_cast<size_t>(u)]++;
      if (m.overdue) out.overdue[static_cast<size_t>(u)]++;
      u = w.units[static_cast<size_t>(u)].parent;
    }
  }
  return out;
}

}  // namespace agp::followup
