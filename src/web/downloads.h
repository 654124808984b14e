// Files that a layer below writes to a path (the report's and the rota's XLSX and PDF), sent as
// downloads: written in a fresh private temporary folder, read back, the folder removed.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "core/error.h"
#include "web/print_queue.h"

namespace agp::web {

class Context;

// The bytes `write` put in a file called `file_name` in a new temporary folder; the folder is
// gone afterwards whatever happened. Errors: `write`'s, or kIo when there is no folder.
core::Result<std::string> BytesWrittenBy(
    const std::string& file_name, const std::function<core::Status(const std::string&)>& write);

// When `written` is an error, sends its page (a PDF on a server without Chromium: 503 saying so;
// anything else: 500 with `failed`) and returns true.
bool SentWriteError(Context& ctx, httplib::Response& res, const core::Result<std::string>& written,
                    const std::string& failed);

// The PDF queue of the server, or one of this process for routers made without one (tests).
PrintQueue& Printer(Context& ctx);

}  // namespace agp::web
