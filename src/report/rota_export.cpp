// The rota's documents (rota_export.h): what the HTML page and the workbook share, the choice of
// format by extension, and the writing of each.
#include "report/rota_export.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/text.h"
#include "report/output_file.h"
#include "report/rota_parts.h"

namespace agp::report {

namespace rota {

RotaFacts Gather(const RotaDocument& doc) {
  RotaFacts f;
  f.doc = &doc;
  f.check = staffing::CheckRota(*doc.plan, *doc.rota, *doc.rules);
  const int days = doc.rota->days();
  const size_t shifts = doc.plan->shifts.size();
  f.staffed.assign(shifts, std::vector<int>(static_cast<size_t>(days), 0));
  for (const staffing::RotaPerson& p : doc.rota->persons) {
    for (size_t d = 0; d < p.cells.size() && d < static_cast<size_t>(days); ++d) {
      if (p.cells[d] >= 0) ++f.staffed[static_cast<size_t>(p.cells[d])][d];
    }
    if (p.position_size >= 100) ++f.fulltime;
  }
  f.allowed_weekends =
      static_cast<int>(std::floor(doc.rota->weeks / doc.rules->weekend_frequency + 1e-9));
  return f;
}

int RotaFacts::Need(size_t shift, int day) const {
  return doc->plan->shifts[shift].staff[static_cast<size_t>(day % 7)];
}

const char* RuleLabel(const std::string& rule) {
  if (rule == "daily_rest") return "Døgnhvile";
  if (rule == "weekly_rest") return "Ukehvile";
  if (rule == "max_shift") return "Lengste vakt";
  if (rule == "max_week") return "Lengste uke";
  if (rule == "weekends") return "Helger";
  if (rule == "hours") return "Timer";
  if (rule == "cover") return "Dekning";
  return "Annet";
}

std::string HoursText(double minutes) { return core::Num(minutes / 60.0, 1) + " t"; }

std::string WeekendWords(double frequency) {
  return "hver " + core::DecimalText(frequency) + ". helg";
}

std::vector<RuleRow> RuleRows(const RotaFacts& f) {
  const staffing::RotaRules& r = *f.doc->rules;
  const int weeks = f.doc->rota->weeks;
  return {
      {"Døgnhvile", "minst " + HoursText(r.daily_rest_minutes) + " fri mellom to vakter",
       r.daily_rest_source},
      {"Ukehvile",
       "minst " + HoursText(r.weekly_rest_minutes) + " sammenhengende fri i hver kalenderuke",
       r.weekly_rest_source},
      {"Lengste vakt", "høyst " + HoursText(r.max_shift_minutes) + " arbeidstid",
       r.max_shift_source},
      {"Lengste uke",
       "høyst " + HoursText(r.max_week_minutes) +
           " arbeidstid i vakter som begynner i en "
           "kalenderuke",
       r.max_week_source},
      {"Helger",
       "høyst " + std::to_string(f.allowed_weekends) + " av " + std::to_string(weeks) +
           " helger (" + WeekendWords(r.weekend_frequency) + ")",
       ""},
      {"Timer",
       "stillingsprosent × " + core::DecimalText(r.full_time_hours) + " t × " +
           std::to_string(weeks) + " uker / 100, ± " +
           HoursText(r.hour_tolerance_minutes_per_week) + " per uke",
       ""},
      {"Dekning", "minst bemanningsplanens antall på hver vakt hver dag", ""},
  };
}

std::string Verdict(const RotaFacts& f) {
  const size_t broken = f.check.broken.size(), uncovered = f.check.uncovered.size();
  if (broken == 0 && uncovered == 0) return "Alle regler er holdt, og alle vakter er dekket.";
  const std::string rules =
      broken == 0 ? "Alle regler er holdt" : std::to_string(broken) + " regelbrudd";
  if (uncovered == 0) return rules + ", og alle vakter er dekket.";
  return rules + (broken == 0 ? ", men " : " og ") + std::to_string(uncovered) +
         (uncovered == 1 ? " vakt er ikke dekket." : " vakter er ikke dekket.");
}

}  // namespace rota

int WeeksPerBlock(int weeks) {
  if (weeks <= 6) return std::max(weeks, 1);
  const int blocks = (weeks + 5) / 6;
  return (weeks + blocks - 1) / blocks;
}

core::Status WriteRotaPdf(const RotaDocument& doc, const std::string& path,
                          const PdfOptions& options) {
  return PrintHtmlToPdf(RotaHtml(doc), path, options);
}

core::Result<RotaFormat> RotaFormatFor(const std::string& path) {
  const std::string ext = LowerExtension(path);
  if (ext == ".csv") return RotaFormat::kCsv;
  if (ext == ".xlsx") return RotaFormat::kXlsx;
  if (ext == ".pdf") return RotaFormat::kPdf;
  if (ext == ".html") return RotaFormat::kHtml;
  return core::Error(core::ErrorCode::kUsage,
                     "«" + path + "»: turnusen kan skrives som .csv, .xlsx, .pdf eller .html");
}

core::Status WriteRota(const RotaDocument& doc, const std::string& path, const PdfOptions& pdf) {
  auto format = RotaFormatFor(path);
  if (!format.ok()) return format.error();
  switch (*format) {
    case RotaFormat::kCsv:
      return WriteFileAtomically(path, staffing::WriteRotaCsv(*doc.rota, *doc.plan));
    case RotaFormat::kXlsx:
      return WriteRotaXlsx(doc, path);
    case RotaFormat::kPdf:
      return WriteRotaPdf(doc, path, pdf);
    case RotaFormat::kHtml:
      return WriteFileAtomically(path, RotaHtml(doc));
  }
  return core::Error(core::ErrorCode::kUsage, "«" + path + "»: ukjent format");
}

}  // namespace agp::report
