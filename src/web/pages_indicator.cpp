// TEMPORARY
#include "web/pages.h"
namespace agp::web {
void ShowIndicators(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void ShowIndicator(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void DownloadIndicatorCsv(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void DownloadIndicatorXlsx(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
}  // namespace agp::web
