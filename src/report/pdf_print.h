// Printing a self-contained HTML document to PDF with headless Chromium, for the annual report
// (report.h WritePdf, which prints twice for its contents) and the rota (rota_export.h).
// Chromium runs as a child process with its own arguments (no shell), its own fresh profile and
// a deadline; its output goes to a file beside the destination that is renamed into place only
// when it is a PDF, so a failed print leaves the old file (or none) where it was.
#pragma once

#include <string>

#include "core/error.h"

namespace agp::report {

struct PdfOptions {
  std::string chromium;       // the browser; "" looks for chromium / chromium-browser on PATH
  int timeout_seconds = 120;  // for each run of Chromium
};

// Prints `html` (a whole document; its page size and margins from its CSS @page rules) to the PDF
// file `path`. Errors: Chromium is not installed (kNotFound; the message names the Debian package
// `chromium`), the destination cannot be written or printing failed or timed out (kIo).
core::Status PrintHtmlToPdf(const std::string& html, const std::string& path,
                            const PdfOptions& options = {});

}  // namespace agp::report
