// The handlers of the route table (routes.cpp), one file per page: thin — read the request,
// ask the layers below, render.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "web/context.h"

namespace agp::web {

using Response = httplib::Response;

// pages_login.cpp
void ShowLogin(Context& ctx, Response& res);
void LogIn(Context& ctx, Response& res);
void LogOut(Context& ctx, Response& res);
// pages_overview.cpp
void ShowOverview(Context& ctx, Response& res);
// pages_tasks.cpp
void ShowTasks(Context& ctx, Response& res);
void RecordFollowup(Context& ctx, Response& res);
// pages_measures.cpp
void ShowMeasures(Context& ctx, Response& res);
void ShowMeasure(Context& ctx, Response& res);
void UpdateMeasureForm(Context& ctx, Response& res);
void AddEvidenceForm(Context& ctx, Response& res);
void DownloadEvidence(Context& ctx, Response& res);
void WithdrawEvidenceForm(Context& ctx, Response& res);
void AddLocalMeasureForm(Context& ctx, Response& res);
// Pieces other pages show: a goal's measures with the form for a local one; the overdue
// measures and duties in the viewer's scope (the dashboard); the open measures of `units`
// (empty: all) for Mine oppgaver.
std::string MeasuresOfGoal(Context& ctx, const StoredPolicy& stored, const policy::Node& node);
std::string FollowupSummary(Context& ctx, const StoredPolicy* stored);
std::string MeasuresToUpdate(Context& ctx, const std::vector<int32_t>& units);
// pages_heltid.cpp
void ShowHeltid(Context& ctx, Response& res);
void ShowHeltidUnit(Context& ctx, Response& res);
void ShowPlanEditor(Context& ctx, Response& res);
void SavePlanForm(Context& ctx, Response& res);
void MakeRotaForm(Context& ctx, Response& res);
void ShowRota(Context& ctx, Response& res);
void DownloadRota(Context& ctx, Response& res);  // .csv, .xlsx, .pdf
// pages_goal.cpp
void ShowGoal(Context& ctx, Response& res);
void AddAssessment(Context& ctx, Response& res);
// pages_unit.cpp
void ShowUnits(Context& ctx, Response& res);
void ShowUnit(Context& ctx, Response& res);
void ShowIndividuals(Context& ctx, Response& res);
// pages_indicator.cpp
void ShowIndicators(Context& ctx, Response& res);
void ShowIndicator(Context& ctx, Response& res);
void DownloadIndicatorCsv(Context& ctx, Response& res);
void DownloadIndicatorXlsx(Context& ctx, Response& res);
// pages_import.cpp
void ShowImport(Context& ctx, Response& res);
void UploadImport(Context& ctx, Response& res);
void ShowImportJob(Context& ctx, Response& res);
void ConfirmImport(Context& ctx, Response& res);
// pages_policy.cpp
void ShowPolicies(Context& ctx, Response& res);
void ShowPolicy(Context& ctx, Response& res);
void EditPolicyNode(Context& ctx, Response& res);
void LoadPolicyTemplate(Context& ctx, Response& res);
// pages_report.cpp
void ShowReports(Context& ctx, Response& res);
void DownloadReport(Context& ctx, Response& res);
// pages_admin.cpp
void ShowUsers(Context& ctx, Response& res);
void AddUserForm(Context& ctx, Response& res);
void DisableUserForm(Context& ctx, Response& res);
void EnableUserForm(Context& ctx, Response& res);
void ChangeRoleForm(Context& ctx, Response& res);
void EndSessionsForm(Context& ctx, Response& res);
void ShowAuditLog(Context& ctx, Response& res);

}  // namespace agp::web
