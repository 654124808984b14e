#include "demo_measures.h"

#include <cstdio>
#include <set>
#include <string>

#include "command.h"
#include "followup/measures.h"
#include "policy/policy_store.h"

namespace agp::app {
namespace {

// What a unit reports, by the measure's place in the cycle (every status appears, and the
// overdue ones are those whose due date has passed while they are planned, ongoing or put off).
struct Step {
  const char* status;
  int due_in_days;  // from today
  const char* note;
};
constexpr Step kSteps[] = {
    {"planlagt", 45, ""},
    {"pågår", -20,
     "Arbeidet er i gang; første møte med tillitsvalgte er holdt, men vi er ikke i "
     "mål ennå."},
    {"fullført", -60, "Gjennomført som planlagt. Erfaringene er delt i ledermøtet."},
    {"utsatt", -5, "Utsatt til etter budsjettbehandlingen; ny plan legges fram i AMU."},
    {"avlyst", 30, "Avlyst: erstattet av det felles heltidsprosjektet i sektoren."},
    {"pågår", 30, "Halvveis: tre av seks enheter har tatt det i bruk."},
};

std::string At(core::Date day) { return day.ToIso() + "T09:00:00Z"; }

}  // namespace

int32_t DemoLeaderSector(const core::Workforce& w) {
  for (size_t i = 0; i < w.units.size(); ++i) {
    const int32_t parent = w.units[i].parent;
    if (parent >= 0 && w.units[static_cast<size_t>(parent)].parent < 0) {
      return static_cast<int32_t>(i);
    }
  }
  return -1;
}

int AddDemoMeasures(store::Database& db, const core::Workforce& w, core::Date today) {
  auto fail = [](const core::Error& e) {
    std::fprintf(stderr, "agp: %s\n", e.ToString().c_str());
    return static_cast<int>(kExitFailure);
  };
  // The demo leader's sector, a unit under it, and a second sector.
  const int32_t sector = DemoLeaderSector(w);
  int32_t sub = -1, other = -1;
  for (size_t i = 0; i < w.units.size() && sector >= 0; ++i) {
    const int32_t parent = w.units[i].parent;
    if (static_cast<int32_t>(i) != sector && other < 0 && parent >= 0 &&
        w.units[static_cast<size_t>(parent)].parent < 0) {
      other = static_cast<int32_t>(i);
    } else if (parent == sector && sub < 0) {
      sub = static_cast<int32_t>(i);
    }
  }
  if (sector < 0) return kExitOk;
  if (sub < 0) sub = sector;
  if (other < 0) other = sector;
  const int32_t cycle[] = {sector, sub, other, -1};  // -1: left to HR, no unit yet

  auto versions = db.PolicyVersions();
  if (!versions.ok()) return fail(versions.error());
  std::set<std::string> keys;
  for (const store::PolicyVersion& v : *versions) keys.insert(v.policy_key);
  int updates = 0, locals = 0, files = 0;
  for (const std::string& key : keys) {
    auto p = policy::LoadStoredPolicy(db, key);
    if (!p.ok()) return fail(p.error());
    auto book = followup::LoadMeasures(db, *p, w, today);
    if (!book.ok()) return fail(book.error());
    bool touched = false;
    for (const followup::MeasureState& m : book->measures) {
      touched = touched || m.local || !m.updates.empty() || !m.evidence.empty();
    }
    if (touched) continue;
    size_t n = 0;
    for (const followup::MeasureState& m : book->measures) {
      const int32_t unit = cycle[n % 4];
      const Step& step = kSteps[(n / 4 + n) % 6];
      const int ago = static_cast<int>(n % 23) + 2;  // days since the report
      ++n;
      if (unit < 0) continue;
      const std::string author = unit == other ? "hr" : "leder";
      // HR hands the measure to the unit with a due date …
      store::MeasureUpdateRecord give;
      give.policy_key = key;
      give.measure_key = m.key;
      give.status = "planlagt";
      give.unit_key = w.units[static_cast<size_t>(unit)].key;
      give.due = today.AddDays(step.due_in_days).ToIso();
      give.author = "hr";
      give.recorded_at = At(today.AddDays(-ago - 30));
      if (auto a = db.AddMeasureUpdate(give); !a.ok()) return fail(a.error());
      ++updates;
      // … and the unit reports on it.
      if (std::string(step.status) == "planlagt") continue;
      store::MeasureUpdateRecord report;
      report.policy_key = key;
      report.measure_key = m.key;
      report.status = step.status;
      report.note = step.note;
      report.note_date = today.AddDays(-ago).ToIso();
      report.author = author;
      report.recorded_at = At(today.AddDays(-ago));
      if (auto a = db.AddMeasureUpdate(report); !a.ok()) return fail(a.error());
      ++updates;
      if (std::string(step.status) == "fullført") {
        store::MeasureEvidenceRecord e;
        e.policy_key = key;
        e.measure_key = m.key;
        e.title = "Referat fra ledermøtet";
        e.url = "https://intranett.fjellvik.example/referater/ledermote";
        e.added_by = author;
        e.added_at = report.recorded_at;
        if (auto a = db.AddMeasureEvidence(e); !a.ok()) return fail(a.error());
        ++files;
      }
    }
    // Two local measures of the leader's sector, under the policy's first goal with measures
    // (else its first goal): one overdue with a note and a file, one coming.
    std::string node_id;
    policy::ForEachNode(p->nodes, [&](const policy::Node& node, int) {
      if (node_id.empty() && policy::IsGoal(node) && !node.measures.empty()) node_id = node.id;
    });
    policy::ForEachNode(p->nodes, [&](const policy::Node& node, int) {
      if (node_id.empty() && policy::IsGoal(node)) node_id = node.id;
    });
    if (node_id.empty()) continue;
    const std::string unit_key = w.units[static_cast<size_t>(sector)].key;
    store::LocalMeasureRecord a{0,
                                key,
                                node_id,
                                "Prøve ut langvakter i helgene, så flere får hele stillinger",
                                "Enhetsleder",
                                today.AddDays(-10).ToIso(),
                                unit_key,
                                "leder",
                                At(today.AddDays(-90))};
    auto first = db.AddLocalMeasure(a);
    if (!first.ok()) return fail(first.error());
    store::LocalMeasureRecord b{
        0,
        key,
        node_id,
        "Medarbeidersamtaler med alle i deltid om ønsket stillingsstørrelse",
        "Enhetsleder",
        today.AddDays(60).ToIso(),
        unit_key,
        "leder",
        At(today.AddDays(-14))};
    auto second = db.AddLocalMeasure(b);
    if (!second.ok()) return fail(second.error());
    locals += 2;
    store::MeasureUpdateRecord going;
    going.policy_key = key;
    going.measure_key = "lokal-" + std::to_string(first->id);
    going.status = "pågår";
    going.note =
        "Turnusen med langvakter er drøftet med tillitsvalgte; prøveperioden starter "
        "når arbeidstidsavtalen er på plass.";
    going.note_date = today.AddDays(-12).ToIso();
    going.author = "leder";
    going.recorded_at = At(today.AddDays(-12));
    if (auto u = db.AddMeasureUpdate(going); !u.ok()) return fail(u.error());
    ++updates;
    store::MeasureEvidenceRecord file;
    file.policy_key = key;
    file.measure_key = going.measure_key;
    file.title = "Protokoll fra drøftingsmøtet om turnus";
    file.file_name = "drofting-turnus.txt";
    file.content_type = "text/plain; charset=utf-8";
    file.data =
        "Protokoll fra drøftingsmøte (arbeidsmiljøloven § 8-2)\n\n"
        "Tema: prøveordning med langvakter i helgene.\n"
        "Partene er enige om en prøveperiode på tolv uker med evaluering i AMU.\n";
    file.added_by = "leder";
    file.added_at = going.recorded_at;
    if (auto e = db.AddMeasureEvidence(file); !e.ok()) return fail(e.error());
    ++files;
  }
  std::printf("Tiltak i gjennomføring: %d oppdateringer, %d lokale tiltak, %d vedlegg (Tiltak)\n",
              updates, locals, files);
  return kExitOk;
}

}  // namespace agp::app
