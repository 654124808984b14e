#include "web/downloads.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/context.h"

namespace agp::web {

namespace fs = std::filesystem;

core::Result<std::string> BytesWrittenBy(
    const std::string& file_name, const std::function<core::Status(const std::string&)>& write) {
  std::error_code tmp_error;
  std::string dir_template = (fs::temp_directory_path(tmp_error) / "agp-file-XXXXXX").string();
  if (tmp_error || mkdtemp(dir_template.data()) == nullptr) {
    return core::Error(core::ErrorCode::kIo, "no temporary folder");
  }
  const fs::path dir(dir_template);
  const fs::path file = dir / file_name;
  const core::Status written = write(file.string());
  std::string bytes;
  if (written.ok()) {
    std::ifstream input(file, std::ios::binary);
    std::stringstream s;
    s << input.rdbuf();
    bytes = s.str();
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  if (!written.ok()) return written.error();
  return bytes;
}

bool SentWriteError(Context& ctx, httplib::Response& res, const core::Result<std::string>& written,
                    const std::string& failed) {
  if (written.ok()) return false;
  if (written.error().code() == core::ErrorCode::kNotFound) {
    SendError(ctx, res, 503, "PDF kan ikke lages på denne serveren: " + written.error().message(),
              "PDF er ikke tilgjengelig");
  } else {
    SendError(ctx, res, 500, failed);
  }
  return true;
}

PrintQueue& Printer(Context& ctx) {
  static PrintQueue fallback;
  return ctx.services().printer != nullptr ? *ctx.services().printer : fallback;
}

}  // namespace agp::web
