// TEMPORARY
#include "web/pages.h"
namespace agp::web {
void ShowUnits(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void ShowUnit(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void ShowIndividuals(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
}  // namespace agp::web
