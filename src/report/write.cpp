// Writing the report in the format its file name asks for (.html, .pdf, .xlsx).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

#include "report/output_file.h"
#include "report/report.h"

namespace agp::report {

core::Status WriteReport(const Report& report, const std::string& path, const PdfOptions& pdf) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html") return WriteFileAtomically(path, RenderHtml(report));
  if (ext == ".pdf") return WritePdf(report, path, pdf);
  if (ext == ".xlsx") return WriteXlsx(report, path);
  return core::Error(core::ErrorCode::kUsage,
                     "«" + path + "»: rapporten kan skrives som .html, .pdf eller .xlsx");
}

}  // namespace agp::report
