// TEMPORARY: replaced by the Policy page.
#include "web/pages.h"
namespace agp::web {
void ShowPolicies(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void ShowPolicy(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void EditPolicyNode(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
void LoadPolicyTemplate(Context& ctx, Response& res) { SendError(ctx, res, 404, "Kommer."); }
}  // namespace agp::web
