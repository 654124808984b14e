// Writing the report in the format its file name asks for (.html, .pdf, .xlsx).
#include <string>

#include "report/output_file.h"
#include "report/report.h"

namespace agp::report {

core::Status WriteReport(const Report& report, const std::string& path, const PdfOptions& pdf) {
  const std::string ext = LowerExtension(path);
  if (ext == ".html") return WriteFileAtomically(path, RenderHtml(report));
  if (ext == ".pdf") return WritePdf(report, path, pdf);
  if (ext == ".xlsx") return WriteXlsx(report, path);
  return core::Error(core::ErrorCode::kUsage,
                     "«" + path + "»: rapporten kan skrives som .html, .pdf eller .xlsx");
}

}  // namespace agp::report
