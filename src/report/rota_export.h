// The rota (turnus) as documents for people (DESIGN §12: "shown as the familiar grid (persons ×
// days), exported as XLSX and PDF, with every broken rule or uncovered shift named"): a printable
// HTML page (A4 landscape), the same printed to PDF, and an XLSX workbook. Each shows the grid,
// each person's paid hours against the position's target and weekends worked, the cover of each
// day, the plan's shifts, and every finding of staffing::CheckRota in its own words (bokmål,
// with the law's source). The CSV contract itself is staffing::WriteRotaCsv.
#pragma once

#include <string>

#include "core/error.h"
#include "report/pdf_print.h"
#include "staffing/plan.h"
#include "staffing/rota.h"

namespace agp::report {

// A rota and what the documents name beside it. The weeks are the rota's; the weekend frequency
// F, the full-time week H, the rests and their legal sources are the rules'. The pointers stay
// the caller's and must be set; the rota's cells index the plan's shifts. The documents judge
// the rota themselves (staffing::CheckRota with `rules`).
struct RotaDocument {
  const staffing::Plan* plan = nullptr;
  const staffing::Rota* rota = nullptr;
  const staffing::RotaRules* rules = nullptr;
  std::string unit;        // the unit's name; "" when the rota is for no named unit
  std::string plan_label;  // which plan: "sykehjem-plan.csv", "plan.xlsx[Ark1]"
  std::string made_on;     // ISO date the document is made, "2026-12-03"
};

// How many weeks each printed grid shows: the rota's weeks in blocks of at most six (a printed
// A4 landscape page), as even as they go: 6 → 6, 8 → 4 + 4, 12 → 6 + 6, 10 → 5 + 5.
int WeeksPerBlock(int weeks);

// A self-contained bokmål HTML document (lang="nb"; styles inline, no script, no external
// resource) that prints on A4 landscape: the facts, one grid table per block of weeks (persons
// as row headers, days as column headers, weekends shaded, position size, hours and weekends
// beside each person, the cover of each shift per day below), the shifts' legend, and every
// broken rule and uncovered shift, or a line saying there are none. All text escaped.
std::string RotaHtml(const RotaDocument& doc);

// An XLSX workbook: "Turnus" (the grid with frozen headers and names, weekend columns shaded,
// shift codes as text, each person's totals, each shift's staff per day), "Regler" (the rules
// checked, with their sources, and every finding) and "Vakter" (the plan's shifts and their
// staff by weekday). Errors: the file cannot be written (kIo; nothing is left behind).
core::Status WriteRotaXlsx(const RotaDocument& doc, const std::string& path);

// RotaHtml printed to PDF (pdf_print.h). Errors as PrintHtmlToPdf.
core::Status WriteRotaPdf(const RotaDocument& doc, const std::string& path,
                          const PdfOptions& options = {});

enum class RotaFormat { kCsv, kXlsx, kPdf, kHtml };

// The format the path's extension names, compared without regard to case: .csv (the contract of
// §12), .xlsx, .pdf, .html. kUsage for another, naming those four.
core::Result<RotaFormat> RotaFormatFor(const std::string& path);

// Writes the rota in the format of the path's extension (RotaFormatFor); CSV and HTML through
// a file renamed into place (output_file.h).
core::Status WriteRota(const RotaDocument& doc, const std::string& path,
                       const PdfOptions& pdf = {});

}  // namespace agp::report
