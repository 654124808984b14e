// agp indicators: figures per indicator, unit and period (DESIGN.md §7), read from the
// materialised results, suppressed for small groups unless --min-group 0.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "command.h"
#include "core/clock.h"
#include "data_dir.h"
#include "metrics/engine.h"
#include "metrics/indicator.h"
#include "metrics/query.h"
#include "metrics/reference.h"
#include "metrics/results.h"
#include "recompute.h"
#include "store/database.h"
#include "terminal.h"

namespace agp::app {
namespace {

struct Options {
  std::vector<std::string> periods;
  std::vector<std::string> indicators;
  std::string unit;
  int min_group = 5;
  std::string format = "table";
  std::string explain;
  bool reference = false;
  bool fresh = false;
};

int Explain(const std::string& key) {
  auto id = metrics::FindIndicator(key.substr(0, key.find(':')));
  if (!id) {
    std::fprintf(stderr, "agp: unknown indicator '%s' (agp indicators --explain list shows them)\n",
                 key.c_str());
    return kExitUsage;
  }
  const metrics::IndicatorInfo& i = metrics::Info(*id);
  std::printf("%s — %s (%s)\n\n", std::string(i.key).c_str(), std::string(i.label_nb).c_str(),
              std::string(i.label_en).c_str());
  std::printf("Definition:   %s\n", std::string(i.definition).c_str());
  std::printf("Numerator:    %s\n", std::string(i.numerator).c_str());
  if (!i.denominator.empty()) std::printf("Denominator:  %s\n", std::string(i.denominator).c_str());
  std::printf("Population:   %s\n", std::string(i.population).c_str());
  std::printf("Unit:         %s; %s is better%s\n", std::string(i.unit).c_str(),
              i.direction == metrics::Direction::kHigherIsBetter  ? "higher"
              : i.direction == metrics::Direction::kLowerIsBetter ? "lower"
                                                                  : "neither",
              i.years_only ? "; years only" : "");
  std::printf("Source:       %s\n", std::string(i.source).c_str());
  std::printf("Small groups: %s (docs/indicators.md)\n\n",
              std::string(metrics::SuppressionRule(i.id)).c_str());
  std::printf("Common terms: %s\n", std::string(metrics::CommonTerms()).c_str());
  return kExitOk;
}

int ExplainList() {
  for (const metrics::IndicatorInfo& i : metrics::Indicators()) {
    std::printf("%-30s %s\n", std::string(i.key).c_str(), std::string(i.label_nb).c_str());
  }
  return kExitOk;
}

// "12,3 %" style for the table; the CSV and JSON keep full numbers with a decimal point.
std::string Show(const std::optional<double>& v, const metrics::IndicatorInfo& info, bool value) {
  if (!v) return "–";
  char buf[64];
  if (value && info.unit == "%") {
    std::snprintf(buf, sizeof buf, "%.1f %%", *v);
  } else if (std::fabs(*v - std::round(*v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", *v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", *v);
  }
  return buf;
}

}  // namespace

Command IndicatorsCommand() {
  return {
      "indicators", "Print indicator figures per unit and period (DESIGN §4, §7)",
      [](CLI::App* cmd, const GlobalOptions* g) {
        auto o = std::make_shared<Options>();
        cmd->add_option("--period", o->periods,
                        "Period: 2024, 2024-T1, 2024-Q1 or 2024-03 (repeatable)");
        cmd->add_option("--unit", o->unit, "Only this unit (its figure covers its subtree)");
        cmd->add_option("--indicator", o->indicators,
                        "Indicator key (repeatable; pay_ratio_women_men:CODE or :* per job code)");
        cmd->add_option("--min-group", o->min_group,
                        "Suppress figures about fewer persons than this (default 5; 0: none)")
            ->check(CLI::Range(0, 1000000));
        cmd->add_option("--format", o->format, "table, csv or json")
            ->check(CLI::IsMember({"table", "csv", "json"}));
        cmd->add_option("--explain", o->explain,
                        "Print the definition and source of an indicator ('list' lists them)");
        cmd->add_flag("--reference", o->reference, "Add the national reference figure");
        cmd->add_flag("--fresh", o->fresh,
                      "Compute from the records now instead of reading the stored results");
        return std::function<int()>([o, g]() -> int {
          if (o->explain == "list") return ExplainList();
          if (!o->explain.empty()) return Explain(o->explain);
          if (o->periods.empty()) {
            std::fprintf(stderr, "agp: --period is required (e.g. --period 2024)\n");
            return kExitUsage;
          }
          metrics::FigureRequest request;
          for (const std::string& text : o->periods) {
            auto p = core::Period::Parse(text);
            if (!p) {
              std::fprintf(stderr,
                           "agp: '%s' is not a period: use 2024, 2024-T1, 2024-Q1 or 2024-03\n",
                           text.c_str());
              return kExitUsage;
            }
            request.periods.push_back(*p);
          }
          request.indicators = o->indicators;
          if (!o->unit.empty()) request.unit = o->unit;

          auto db = store::OpenSqlite(g->db_path, {.create = false});
          if (!db.ok()) {
            std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
            return kExitFailure;
          }
          const core::SystemClock clock;
          core::Result<metrics::MeasureCube> cube = metrics::MeasureCube();
          if (o->fresh) {
            metrics::EngineOptions options;
            if (int rc = EngineOptionsFromData(clock, &options); rc != kExitOk) return rc;
            auto [first, last] = std::minmax_element(
                request.periods.begin(), request.periods.end(),
                [](const core::Period& a, const core::Period& b) { return a.year() < b.year(); });
            options.first_year = first->year();
            options.last_year = last->year();
            auto w = (*db)->LoadWorkforce();
            if (!w.ok()) {
              std::fprintf(stderr, "agp: %s\n", w.error().ToString().c_str());
              return kExitFailure;
            }
            cube = metrics::ComputeMeasures(*w, options);
          } else {
            cube = metrics::LoadResults(**db);
          }
          if (!cube.ok()) {
            std::fprintf(stderr, "agp: %s\n", cube.error().ToString().c_str());
            return kExitFailure;
          }
          metrics::Audience audience;
          audience.min_group = o->min_group;
          auto figures = metrics::QueryFigures(*cube, request, audience);
          if (!figures.ok()) {
            std::fprintf(stderr, "agp: %s\n", figures.error().ToString().c_str());
            return figures.error().code() == core::ErrorCode::kUsage ? kExitUsage : kExitFailure;
          }
          std::optional<metrics::ReferenceFigures> reference;
          if (o->reference) {
            auto r = metrics::ReferenceFigures::Load(
                (DataDir() / "reference" / "national.csv").string());
            if (!r.ok()) {
              std::fprintf(stderr, "agp: %s\n", r.error().ToString().c_str());
              return kExitFailure;
            }
            reference = std::move(r).value();
          }
          auto reference_of = [&](const metrics::Figure& f) -> const metrics::ReferenceFigure* {
            if (!reference || f.key.job >= 0) return nullptr;
            return reference->Find(metrics::Info(f.key.indicator).key, f.period.ToString());
          };

          if (o->format == "csv") {
            std::string out(metrics::kCsvHeader);
            if (reference) out += ",reference_value,reference_period,reference_source";
            out += '\n';
            for (const metrics::Figure& f : *figures) {
              out += metrics::CsvRow(*cube, f);
              if (reference) {
                const metrics::ReferenceFigure* r = reference_of(f);
                if (r != nullptr) {
                  out += "," + metrics::FormatNumber(r->value) + "," + r->period + ",\"" +
                         r->source + "\"";
                } else {
                  out += ",,,";
                }
              }
              out += '\n';
            }
            std::fwrite(out.data(), 1, out.size(), stdout);
          } else if (o->format == "json") {
            nlohmann::json rows = nlohmann::json::array();
            for (const metrics::Figure& f : *figures) {
              const metrics::Cell& c = f.cell;
              auto num = [](const std::optional<double>& v) {
                return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
              };
              nlohmann::json row = {{"indicator", f.key.ToString(*cube)},
                                    {"unit_id", cube->units()[f.unit].key},
                                    {"unit_name", cube->units()[f.unit].name},
                                    {"period", f.period.ToString()},
                                    {"value", num(c.value)},
                                    {"numerator", num(c.numerator)},
                                    {"denominator", num(c.denominator)},
                                    {"population", c.suppressed ? nlohmann::json(nullptr)
                                                                : nlohmann::json(c.population())},
                                    {"suppressed", c.suppressed}};
              if (const metrics::ReferenceFigure* r = reference_of(f)) {
                row["reference"] = {{"value", r->value},
                                    {"period", r->period},
                                    {"scope", r->scope},
                                    {"source", r->source}};
              }
              rows.push_back(std::move(row));
            }
            std::printf("%s\n", rows.dump(2).c_str());
          } else {
            auto line = [](std::string_view a, std::string_view b, std::string_view c,
                           std::string_view d, std::string_view e, std::string_view f,
                           std::string_view p, std::string_view r) {
              std::string out = Pad(a, 34) + " " + Pad(b, 28) + " " + Pad(c, 8) + " " +
                                Pad(d, 10, true) + " " + Pad(e, 12, true) + " " + Pad(f, 12, true) +
                                " " + Pad(p, 8, true);
              if (!r.empty()) out += "  " + std::string(r);
              std::printf("%s\n", out.c_str());
            };
            line("Indikator", "Enhet", "Periode", "Verdi", "Teller", "Nevner", "Personer",
                 reference ? "Landet" : "");
            for (const metrics::Figure& f : *figures) {
              const metrics::IndicatorInfo& info = metrics::Info(f.key.indicator);
              const metrics::Cell& c = f.cell;
              std::string label(info.label_nb);
              if (f.key.job >= 0) label = "Likelønn, stillingskode " + cube->job_codes[f.key.job];
              std::string ref;
              if (const metrics::ReferenceFigure* r = reference_of(f)) {
                ref = Show(r->value, info, true) + " (" + r->period + ")";
              }
              line(label, cube->units()[f.unit].key + " " + cube->units()[f.unit].name,
                   f.period.ToString(), c.suppressed ? "skjult" : Show(c.value, info, true),
                   Show(c.numerator, info, false), Show(c.denominator, info, false),
                   c.suppressed ? "<" + std::to_string(o->min_group)
                                : std::to_string(c.population()),
                   ref);
            }
          }
          return kExitOk;
        });
      }};
}

Command RecomputeCommand() {
  return {"recompute", "Compute every indicator for every unit and period and store the results",
          [](CLI::App*, const GlobalOptions* g) {
            return std::function<int()>([g] {
              auto db = store::OpenSqlite(g->db_path, {.create = false});
              if (!db.ok()) {
                std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
                return static_cast<int>(kExitFailure);
              }
              const core::SystemClock clock;
              return RecomputeResults(**db, nullptr, clock);
            });
          }};
}

}  // namespace agp::app
