// TEMPORARY: replaced by the Import page.
#include "web/pages.h"
namespace agp::web {
void ShowImport(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void UploadImport(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void ShowImportJob(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void ConfirmImport(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
}  // namespace agp::web
