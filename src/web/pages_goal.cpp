// TEMPORARY
#include "web/pages.h"
namespace agp::web {
void ShowGoal(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void AddAssessment(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
}  // namespace agp::web
