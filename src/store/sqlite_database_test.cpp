#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>

#include "store/database.h"
#include "store/passwords.h"

namespace agp::store {
namespace {

using core::Date;

core::Workforce SmallWorkforce() {
  core::Workforce w;
  w.units = {{"1", -1, "Kommunen", "", ""}, {"2", 0, "Helse", "helse", "sektor"}};
  w.employees = {{"A1", "Kari", core::Gender::kWoman, 1970, ""},
                 {"A2", "Ola", core::Gender::kMan, 1980, "master"}};
  w.positions = {{"P1", 0}, {"P2", 1}};
  core::PositionPeriod p;
  p.position = 0;
  p.unit = 1;
  p.start = Date::FromYmd(2020, 1, 1);
  p.percent = 80;
  w.periods.push_back(p);
  p.position = 1;
  p.unit = 0;
  p.percent = 100;
  p.end = Date::FromYmd(2024, 6, 30);
  p.end_reason = core::EndReason::kResigned;
  w.periods.push_back(p);
  core::Absence a;
  a.employee = 0;
  a.position = 0;
  a.type = core::AbsenceType::kDoctorCertified;
  a.grade = 50;
  a.start = Date::FromYmd(2024, 3, 1);
  a.end = Date::FromYmd(2024, 3, 31);
  w.absences.push_back(a);
  a.type = core::AbsenceType::kOther;
  a.other_type = 0;
  a.position = -1;
  w.other_absence_types = {"permisjon"};
  w.absences.push_back(a);
  w.pay = {{0, Date::FromYmd(2024, 5, 1), 550000, 12000},
           {1, Date::FromYmd(2024, 5, 1), 600000, 0}};
  w.dialogues = {{0, Date::FromYmd(2024, 2, 1)}};
  w.followup = {{0, core::FollowupKind::kFollowupPlan, Date::FromYmd(2024, 3, 20)}};
  w.present = {true, true, true};
  return w;
}

std::unique_ptr<Database> Open() {
  auto db = OpenSqlite(":memory:");
  EXPECT_TRUE(db.ok()) << db.error().ToString();
  return std::move(*db);
}

ImportRecord Record(const std::string& checksum) {
  ImportRecord r;
  r.imported_at = "2026-01-01T12:00:00Z";
  r.source = "pkg";
  r.checksum = checksum;
  r.counts = {{"units", 2}};
  return r;
}

TEST(SqliteDatabase, NewDatabaseIsMigratedToTheLatestVersionAndEmpty) {
  auto db = Open();
  EXPECT_EQ(*db->SchemaVersion(), Database::LatestSchemaVersion());
  EXPECT_EQ(*db->DataVersion(), 0);
  for (const auto& [table, n] : *db->CountRows()) EXPECT_EQ(n, 0) << table;
  EXPECT_EQ(*db->CheckIntegrity(), "ok");
}

TEST(SqliteDatabase, ReplaceWorkforceRoundTripsEveryField) {
  auto db = Open();
  const core::Workforce w = SmallWorkforce();
  auto rec = db->ReplaceWorkforce(w, Record("abc"));
  ASSERT_TRUE(rec.ok()) << rec.error().ToString();
  EXPECT_EQ(rec->data_version, 1);
  auto back = db->LoadWorkforce();
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->units.size(), 2u);
  EXPECT_EQ(back->units[1].parent, 0);
  EXPECT_EQ(back->units[1].sector, "helse");
  EXPECT_EQ(back->employees[1].education, "master");
  EXPECT_EQ(back->employees[1].gender, core::Gender::kMan);
  ASSERT_EQ(back->periods.size(), 2u);
  EXPECT_EQ(back->periods[1].end, Date::FromYmd(2024, 6, 30));
  EXPECT_EQ(back->periods[1].end_reason, core::EndReason::kResigned);
  EXPECT_FALSE(back->periods[0].end.has_value());
  EXPECT_DOUBLE_EQ(back->periods[0].percent, 80);
  ASSERT_EQ(back->absences.size(), 2u);
  EXPECT_EQ(back->absences[0].grade, 50);
  EXPECT_EQ(back->absences[1].type, core::AbsenceType::kOther);
  EXPECT_EQ(back->other_absence_types.at(static_cast<size_t>(back->absences[1].other_type)),
            "permisjon");
  EXPECT_EQ(back->absences[1].position, -1);
  EXPECT_DOUBLE_EQ(back->pay[0].fixed_allowances, 12000);
  EXPECT_EQ(back->followup[0].kind, core::FollowupKind::kFollowupPlan);
  auto log = db->ImportLog();
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].checksum, "abc");
  EXPECT_EQ((*log)[0].counts.at("units"), 2);
}

TEST(SqliteDatabase, ReimportKeepsIdsAndReplacesWhatThePackageCovers) {
  auto db = Open();
  core::Workforce w = SmallWorkforce();
  ASSERT_TRUE(db->ReplaceWorkforce(w, Record("1")).ok());
  // The second package drops employee A2 and has no pay file.
  core::Workforce w2 = SmallWorkforce();
  w2.employees.pop_back();
  w2.positions.pop_back();
  w2.periods.pop_back();
  w2.pay.clear();
  w2.present.pay = false;
  auto rec = db->ReplaceWorkforce(w2, Record("2"));
  ASSERT_TRUE(rec.ok()) << rec.error().ToString();
  EXPECT_EQ(rec->data_version, 2);
  auto counts = *db->CountRows();
  EXPECT_EQ(counts["employees"], 1);
  EXPECT_EQ(counts["positions"], 1);
  EXPECT_EQ(counts["pay"], 1);  // A1's pay kept, A2's gone with A2
  EXPECT_EQ(db->LoadWorkforce()->pay[0].annual_base_salary, 550000);
  EXPECT_EQ(*db->CheckIntegrity(), "ok");
  EXPECT_EQ(db->ImportLog()->size(), 2u);
}

TEST(SqliteDatabase, AFailedReplaceLeavesEverythingAsItWas) {
  auto db = Open();
  ASSERT_TRUE(db->ReplaceWorkforce(SmallWorkforce(), Record("1")).ok());
  const auto before = *db->CountRows();
  core::Workforce bad = SmallWorkforce();
  bad.periods[0].percent = 150;  // violates the schema's CHECK: the store refuses, not crashes
  auto rec = db->ReplaceWorkforce(bad, Record("2"));
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(*db->CountRows(), before);
  EXPECT_EQ(*db->DataVersion(), 1);
  EXPECT_EQ(db->ImportLog()->size(), 1u);
}

TEST(SqliteDatabase, OpeningAMissingFileWithoutCreateSaysHowToCreateOne) {
  auto db = OpenSqlite("/nonexistent-dir/agp.db", {.create = false});
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.error().message().find("agp init"), std::string::npos);
}

}  // namespace
}  // namespace agp::store

namespace agp::store {
namespace {

PolicyVersion Version(std::string document, std::string checksum) {
  PolicyVersion v;
  v.policy_key = "fjellvik";
  v.title = "Arbeidsgiverpolitikk";
  v.valid_from = "2025-01-01";
  v.loaded_at = "2026-11-23T12:00:00Z";
  v.source = "p.yaml";
  v.document = std::move(document);
  v.checksum = std::move(checksum);
  return v;
}

TEST(SqliteFollowup, RecordedEventsSurviveReimportsCountInTheWorkforceAndMoveTheDataVersion) {
  auto db = Open();
  ASSERT_TRUE(db->ReplaceWorkforce(SmallWorkforce(), Record("a")).ok());
  const int64_t before = *db->DataVersion();
  FollowupRecord r;
  r.employee_key = "A1";
  r.event = "dialogmote1";
  r.date = Date::FromYmd(2024, 4, 2).days();
  r.recorded_by = "kari";
  r.recorded_at = "2024-04-02T08:00:00Z";
  auto added = db->AddFollowupRecord(r);
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  EXPECT_GT(added->id, 0);
  EXPECT_EQ(*db->DataVersion(), before + 1);
  r.event = "oppfolgingsplan";
  r.unnecessary = true;
  EXPECT_EQ(db->AddFollowupRecord(r).error().code(), core::ErrorCode::kInvalidInput);  // no reason
  r.reason = "kort fravær";
  ASSERT_TRUE(db->AddFollowupRecord(r).ok());
  r.employee_key = "nobody";
  EXPECT_EQ(db->AddFollowupRecord(r).error().code(), core::ErrorCode::kInvalidInput);
  r.employee_key = "A1";
  r.event = "dialogmote2";  // NAV's meeting is not the leader's to record
  EXPECT_EQ(db->AddFollowupRecord(r).error().code(), core::ErrorCode::kInvalidInput);

  // A re-import of a package with follow-up events replaces those and keeps the recorded ones.
  ASSERT_TRUE(db->ReplaceWorkforce(SmallWorkforce(), Record("b")).ok());
  auto w = db->LoadWorkforce();
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w->followup.size(), 3u);
  EXPECT_FALSE(w->followup[0].recorded_in_app);
  EXPECT_TRUE(w->followup[1].recorded_in_app);
  EXPECT_EQ(w->followup[1].kind, core::FollowupKind::kDialogueMeeting1);
  EXPECT_FALSE(w->followup[1].unnecessary);
  EXPECT_TRUE(w->followup[2].unnecessary);
  // Writing back what was read (as a test might) does not copy them into the imported events.
  ASSERT_TRUE(db->ReplaceWorkforce(*w, Record("c")).ok());
  EXPECT_EQ(db->CountRows()->at("followup_events"), 1);
  EXPECT_EQ(db->FollowupRecords()->size(), 2u);
  EXPECT_EQ(db->FollowupRecords("A2")->size(), 0u);
}

// The execution of measures (DESIGN §10.3): appended, read back in order, kept apart from the
// workforce (a re-import keeps it), refused when malformed, and the change stamp moves.
TEST(SqliteStaffingPlans, EachSaveIsANewVersionPerUnitAndNoneIsChanged) {
  auto db = Open();
  const std::string stamp = *db->ChangeStamp();
  StaffingPlanRecord p{
      0, "U1", 0, "shift,start\nD,07:30\n", "første", "kari", "2026-03-01T08:00:00Z"};
  auto first = db->AddStaffingPlan(p);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->version, 1);
  EXPECT_NE(*db->ChangeStamp(), stamp);
  p.note = "helg med langvakter";
  EXPECT_EQ(db->AddStaffingPlan(p)->version, 2);
  p.unit_key = "U2";
  EXPECT_EQ(db->AddStaffingPlan(p)->version, 1);
  auto u1 = db->StaffingPlans("U1");
  ASSERT_TRUE(u1.ok());
  ASSERT_EQ(u1->size(), 2u);
  EXPECT_EQ((*u1)[1].note, "helg med langvakter");
  EXPECT_EQ((*u1)[0].plan_csv, "shift,start\nD,07:30\n");
  EXPECT_EQ(db->StaffingPlans()->size(), 3u);
  p.unit_key = "";
  EXPECT_EQ(db->AddStaffingPlan(p).error().code(), core::ErrorCode::kInvalidInput);
}

// Rotas (DESIGN §12): kept as made, newest first, each tied to a plan of its own unit.
TEST(SqliteStaffingRotas, RotasAreKeptAsMadeAndBelongToAPlanOfTheirUnit) {
  auto db = Open();
  auto plan = db->AddStaffingPlan({0, "U1", 0, "shift,start\nD,07:30\n", "", "kari", "2026-03-01"});
  ASSERT_TRUE(plan.ok());
  const std::string stamp = *db->ChangeStamp();
  StaffingRotaRecord r;
  r.unit_key = "U1";
  r.plan_id = plan->id;
  r.weeks = 6;
  r.weekend_frequency = 3;
  r.full_time_hours = 35.5;
  r.agreed_rest = true;
  r.rota_csv = "person,position_size,day1\nA,100,D\n";
  r.broken = 1;
  r.uncovered = 2;
  r.seconds = 4.5;
  r.made_by = "kari";
  r.made_at = "2026-03-02T09:00:00Z";
  auto first = db->AddStaffingRota(r);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_NE(*db->ChangeStamp(), stamp);
  r.weeks = 8;
  auto second = db->AddStaffingRota(r);
  ASSERT_TRUE(second.ok());
  auto listed = db->StaffingRotas("U1");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].weeks, 8);  // newest first
  EXPECT_TRUE((*listed)[0].rota_csv.empty());
  EXPECT_EQ(db->StaffingRotas("U2")->size(), 0u);
  auto loaded = db->LoadStaffingRota(first->id);
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->rota_csv, "person,position_size,day1\nA,100,D\n");
  EXPECT_EQ((*loaded)->weekend_frequency, 3);
  EXPECT_TRUE((*loaded)->agreed_rest);
  EXPECT_EQ((*loaded)->broken, 1);
  EXPECT_EQ((*loaded)->uncovered, 2);
  EXPECT_FALSE(db->LoadStaffingRota(999)->has_value());
  // A plan of another unit, or none: refused.
  r.unit_key = "U2";
  EXPECT_EQ(db->AddStaffingRota(r).error().code(), core::ErrorCode::kInvalidInput);
  r.unit_key = "U1";
  r.rota_csv.clear();
  EXPECT_EQ(db->AddStaffingRota(r).error().code(), core::ErrorCode::kInvalidInput);
}

TEST(SqliteMeasures, UpdatesLocalMeasuresAndEvidenceAreKeptAndMoveTheChangeStamp) {
  auto db = Open();
  ASSERT_TRUE(db->ReplaceWorkforce(SmallWorkforce(), Record("a")).ok());
  std::string stamp = *db->ChangeStamp();
  MeasureUpdateRecord u{0,         "p",
                        "g1.1",    "pågår",
                        "U1",      "2026-06-30",
                        "Startet", "2026-03-01",
                        "kari",    "2026-03-01T08:00:00Z"};
  auto added = db->AddMeasureUpdate(u);
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  EXPECT_NE(*db->ChangeStamp(), stamp);
  u.status = "ferdig";
  EXPECT_EQ(db->AddMeasureUpdate(u).error().code(), core::ErrorCode::kInvalidInput);
  u.status = "fullført";
  u.note = "";
  ASSERT_TRUE(db->AddMeasureUpdate(u).ok());
  u.policy_key = "q";
  ASSERT_TRUE(db->AddMeasureUpdate(u).ok());
  auto updates = db->MeasureUpdates("p");
  ASSERT_TRUE(updates.ok());
  ASSERT_EQ(updates->size(), 2u);
  EXPECT_EQ((*updates)[0].note, "Startet");
  EXPECT_EQ((*updates)[0].due, "2026-06-30");
  EXPECT_EQ((*updates)[1].status, "fullført");
  EXPECT_EQ(db->MeasureUpdates()->size(), 3u);

  stamp = *db->ChangeStamp();
  LocalMeasureRecord m{0,
                       "p",
                       "g1",
                       "Heltidsvakter i helgene",
                       "Kari",
                       "2026-06-30",
                       "U1",
                       "kari",
                       "2026-03-01T08:00:00Z"};
  auto local = db->AddLocalMeasure(m);
  ASSERT_TRUE(local.ok());
  EXPECT_GT(local->id, 0);
  EXPECT_NE(*db->ChangeStamp(), stamp);
  m.title = " ";
  EXPECT_EQ(db->AddLocalMeasure(m).error().code(), core::ErrorCode::kInvalidInput);

  stamp = *db->ChangeStamp();
  MeasureEvidenceRecord e;
  e.policy_key = "p";
  e.measure_key = "g1.1";
  e.title = "Referat";
  e.file_name = "referat.pdf";
  e.content_type = "application/pdf";
  e.data = std::string("%PDF-1.4\0\x01\x02", 11);
  e.added_by = "kari";
  e.added_at = "2026-03-01T08:00:00Z";
  auto file = db->AddMeasureEvidence(e);
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  EXPECT_EQ(file->size, 11);
  EXPECT_NE(*db->ChangeStamp(), stamp);
  e.url = "https://example.invalid/";
  EXPECT_EQ(db->AddMeasureEvidence(e).error().code(), core::ErrorCode::kInvalidInput);  // both
  e.file_name.clear();
  e.data.clear();
  ASSERT_TRUE(db->AddMeasureEvidence(e).ok());
  auto list = db->MeasureEvidence("p");
  ASSERT_EQ(list->size(), 2u);
  EXPECT_TRUE((*list)[0].data.empty());  // listings hold no bytes
  auto loaded = db->LoadMeasureEvidence(file->id);
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->data, std::string("%PDF-1.4\0\x01\x02", 11));
  EXPECT_FALSE(db->LoadMeasureEvidence(999)->has_value());
  // A file uploaded by mistake is withdrawn: the bytes go, who and when stay; only once.
  stamp = *db->ChangeStamp();
  ASSERT_TRUE(db->WithdrawMeasureEvidence(file->id, "hr", "2026-03-02T08:00:00Z").ok());
  EXPECT_NE(*db->ChangeStamp(), stamp);
  loaded = db->LoadMeasureEvidence(file->id);
  EXPECT_TRUE((*loaded)->data.empty());
  EXPECT_EQ((*loaded)->withdrawn_by, "hr");
  EXPECT_EQ((*loaded)->size, 11);
  EXPECT_EQ(db->MeasureEvidence("p")->at(0).withdrawn_at, "2026-03-02T08:00:00Z");
  EXPECT_EQ(db->WithdrawMeasureEvidence(file->id, "hr", "2026-03-03T08:00:00Z").error().code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(db->WithdrawMeasureEvidence(999, "hr", "2026-03-03T08:00:00Z").error().code(),
            core::ErrorCode::kNotFound);

  ASSERT_TRUE(db->ReplaceWorkforce(SmallWorkforce(), Record("b")).ok());
  EXPECT_EQ(db->MeasureUpdates()->size(), 3u);
  EXPECT_EQ(db->LocalMeasures("p")->size(), 1u);
  EXPECT_EQ(db->MeasureEvidence()->size(), 2u);
}

TEST(SqlitePolicies, EveryVersionIsKeptAndTheSameDocumentIsNotAddedTwice) {
  auto db = OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  AssessmentRecord a;
  a.policy_key = "fjellvik";
  a.node_id = "heltid";
  a.period = "2025";
  a.verdict = "delvis";
  a.evidence = "[]";
  a.origin = "document";
  auto v1 = (*db)->AddPolicyVersion(Version("doc 1", "c1"), {a});
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->version, 1);
  auto again = (*db)->AddPolicyVersion(Version("doc 1", "c1"), {a});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->version, 1);
  auto v2 = (*db)->AddPolicyVersion(Version("doc 2", "c2"), {});
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ((*db)->PolicyVersions()->size(), 2u);
  EXPECT_EQ((*(*db)->LoadPolicyVersion("fjellvik"))->document, "doc 2");
  EXPECT_EQ((*(*db)->LoadPolicyVersion("fjellvik", 1))->document, "doc 1");
  EXPECT_FALSE((*db)->LoadPolicyVersion("fjellvik", 3)->has_value());
  // The repeated load added no assessment; a later one joins the history.
  a.verdict = "lykkes";
  a.origin = "agp";
  ASSERT_TRUE((*db)->AddAssessment(a).ok());
  auto history = (*db)->Assessments("fjellvik");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].verdict, "delvis");
  EXPECT_EQ((*history)[1].verdict, "lykkes");
  a.verdict = "bra";
  EXPECT_FALSE((*db)->AddAssessment(a).ok());  // the schema allows only the three verdicts
}

}  // namespace
}  // namespace agp::store

namespace agp::store {
namespace {

TEST(SqliteUsers, AddFindAndRefuseATakenName) {
  auto db = OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  UserRecord u;
  u.name = "kari";
  u.role = "leader";
  u.password_hash = "$argon2id$…";
  u.created_at = "2026-11-23T12:00:00Z";
  u.units = {"1100", "1200"};
  auto added = (*db)->AddUser(u);
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  EXPECT_GT(added->id, 0);
  auto found = (*db)->FindUser("kari");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->role, "leader");
  EXPECT_EQ((*found)->units, (std::vector<std::string>{"1100", "1200"}));
  EXPECT_FALSE((*db)->FindUser("ola")->has_value());
  auto again = (*db)->AddUser(u);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kInvalidInput);
  u.name = "per";
  u.role = "boss";
  EXPECT_FALSE((*db)->AddUser(u).ok());  // the schema knows the four roles only
  EXPECT_EQ((*db)->Users()->size(), 1u);
}

UserRecord Account(const std::string& name, const std::string& role,
                   std::vector<std::string> units = {}) {
  UserRecord u;
  u.name = name;
  u.role = role;
  u.password_hash = "$argon2id$…";
  u.created_at = "2026-11-23T12:00:00Z";
  u.units = std::move(units);
  return u;
}

TEST(SqliteUsers, EveryAccountChangeMovesTheSessionEpochAndTheChangeStamp) {
  auto db = OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->AddUser(Account("hr", "admin")).ok());
  ASSERT_TRUE((*db)->AddUser(Account("ola", "leader", {"1100"})).ok());
  EXPECT_EQ((*(*db)->FindUser("ola"))->session_epoch, 0);
  std::string stamp = *(*db)->ChangeStamp();
  int64_t epoch = 0;
  auto moved = [&](const core::Result<UserRecord>& changed) -> ::testing::AssertionResult {
    if (!changed.ok()) return ::testing::AssertionFailure() << changed.error().ToString();
    auto stored = (*db)->FindUser("ola");
    if (!stored.ok() || !stored->has_value()) return ::testing::AssertionFailure() << "gone";
    if ((*stored)->session_epoch != epoch + 1 || changed->session_epoch != epoch + 1) {
      return ::testing::AssertionFailure() << "epoch " << (*stored)->session_epoch;
    }
    epoch = (*stored)->session_epoch;
    std::string now = *(*db)->ChangeStamp();
    if (now == stamp) return ::testing::AssertionFailure() << "the change stamp stayed " << now;
    stamp = now;
    return ::testing::AssertionSuccess();
  };
  EXPECT_TRUE(moved((*db)->SetUserDisabled("ola", true)));
  EXPECT_TRUE((*(*db)->FindUser("ola"))->disabled);
  EXPECT_TRUE(moved((*db)->SetUserDisabled("ola", false)));
  EXPECT_FALSE((*(*db)->FindUser("ola"))->disabled);
  EXPECT_TRUE(moved((*db)->SetUserRole("ola", "leader", {"1310", "1200", "1310"})));
  EXPECT_EQ((*(*db)->FindUser("ola"))->units, (std::vector<std::string>{"1200", "1310"}));
  EXPECT_TRUE(moved((*db)->SetUserRole("ola", "viewer", {})));
  EXPECT_EQ((*(*db)->FindUser("ola"))->role, "viewer");
  EXPECT_TRUE((*(*db)->FindUser("ola"))->units.empty());
  EXPECT_TRUE(moved((*db)->EndSessions("ola")));
  EXPECT_EQ((*(*db)->FindUser("ola"))->role, "viewer");
  EXPECT_EQ((*(*db)->FindUser("hr"))->session_epoch, 0);  // other accounts keep theirs
  // Inside Atomically, a change whose audit entry fails is not kept.
  core::Status failed = (*db)->Atomically([&]() -> core::Status {
    if (auto d = (*db)->SetUserDisabled("ola", true); !d.ok()) return d.error();
    return core::Error(core::ErrorCode::kIo, "the audit log could not be written");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE((*(*db)->FindUser("ola"))->disabled);
  EXPECT_EQ((*(*db)->FindUser("ola"))->session_epoch, epoch);
}

TEST(SqliteUsers, RolesAndUnitsAreCheckedAndUnknownUsersAreNotFound) {
  auto db = OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->AddUser(Account("ola", "viewer")).ok());
  auto no_units = (*db)->SetUserRole("ola", "leader", {});
  ASSERT_FALSE(no_units.ok());
  EXPECT_EQ(no_units.error().code(), core::ErrorCode::kInvalidInput);
  auto units = (*db)->SetUserRole("ola", "union", {"1100"});
  ASSERT_FALSE(units.ok());
  EXPECT_EQ(units.error().code(), core::ErrorCode::kInvalidInput);
  EXPECT_FALSE((*db)->SetUserRole("ola", "boss", {}).ok());
  EXPECT_EQ((*(*db)->FindUser("ola"))->session_epoch, 0);  // nothing changed
  for (auto missing : {(*db)->SetUserDisabled("per", true), (*db)->EndSessions("per"),
                       (*db)->SetUserRole("per", "viewer", {})}) {
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), core::ErrorCode::kNotFound);
    EXPECT_NE(missing.error().message().find("brukeren «per» finnes ikke"), std::string::npos);
  }
}

TEST(SqliteUsers, TheLastEnabledAdminCanBeNeitherDisabledNorDemoted) {
  auto db = OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->AddUser(Account("hr", "admin")).ok());
  ASSERT_TRUE((*db)->AddUser(Account("hr2", "admin")).ok());
  ASSERT_TRUE((*db)->AddUser(Account("ola", "viewer")).ok());
  ASSERT_TRUE((*db)->SetUserDisabled("hr2", true).ok());  // another admin is left
  for (auto refused :
       {(*db)->SetUserDisabled("hr", true), (*db)->SetUserRole("hr", "viewer", {})}) {
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidInput);
    EXPECT_NE(refused.error().message().find("siste aktive administratoren"), std::string::npos);
  }
  auto hr = (*db)->FindUser("hr");
  EXPECT_EQ((*hr)->role, "admin");
  EXPECT_FALSE((*hr)->disabled);
  EXPECT_EQ((*hr)->session_epoch, 0);
  EXPECT_TRUE((*db)->EndSessions("hr").ok());               // logging out is no lock-out
  EXPECT_TRUE((*db)->SetUserRole("hr", "admin", {}).ok());  // neither is keeping the role
  EXPECT_TRUE((*db)->SetUserDisabled("ola", true).ok());    // other accounts are not held back
  // With a second enabled admin, the first may go.
  ASSERT_TRUE((*db)->SetUserDisabled("hr2", false).ok());
  EXPECT_TRUE((*db)->SetUserRole("hr", "viewer", {}).ok());
  EXPECT_FALSE((*db)->SetUserDisabled("hr2", true).ok());
}

TEST(SqliteAudit, TheLogCanBeAppendedToAndNeverChanged) {
  const std::string path = testing::TempDir() + "/audit-test.db";
  std::remove(path.c_str());
  auto db = OpenSqlite(path);
  ASSERT_TRUE(db.ok());
  for (const char* action : {"import", "policy.load"}) {
    auto e = (*db)->AppendAudit({0, "2026-11-23T12:00:00Z", "cli:root", action, "x", ""});
    ASSERT_TRUE(e.ok());
  }
  auto log = (*db)->AuditLog(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "policy.load");  // newest first
  // Not even a second connection with plain SQL may change it.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE audit_log SET actor = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  EXPECT_EQ((*db)->AuditLog(10)->size(), 2u);
  EXPECT_EQ((*db)->AuditLog(10)->back().actor, "cli:root");
}

TEST(SqliteAtomically, AChangeAndItsAuditEntryCommitTogetherOrNotAtAll) {
  auto db = OpenSqlite(":memory:");
  ASSERT_TRUE(db.ok());
  UserRecord u;
  u.name = "kari";
  u.role = "admin";
  u.password_hash = "$argon2id$…";
  u.created_at = "2026-11-23T12:00:00Z";
  // The audit entry fails after the user was added (an empty action breaks no constraint, so
  // fail by hand): nothing of either stays.
  core::Status failed = (*db)->Atomically([&]() -> core::Status {
    if (auto added = (*db)->AddUser(u); !added.ok()) return added.error();
    if (auto e = (*db)->AppendAudit({0, "2026-11-23T12:00:00Z", "hr", "user.add", "kari", ""});
        !e.ok())
      return e.error();
    return core::Error(core::ErrorCode::kIo, "the disk is full");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE((*db)->FindUser("kari")->has_value());
  EXPECT_TRUE((*db)->AuditLog(10)->empty());
  // Both commit together; the operation's own transaction became part of the outer one.
  core::Status ok = (*db)->Atomically([&]() -> core::Status {
    if (auto added = (*db)->AddUser(u); !added.ok()) return added.error();
    auto e = (*db)->AppendAudit({0, "2026-11-23T12:00:00Z", "hr", "user.add", "kari", ""});
    if (!e.ok()) return e.error();
    return core::Ok{};
  });
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_TRUE((*db)->FindUser("kari")->has_value());
  EXPECT_EQ((*db)->AuditLog(10)->size(), 1u);
  // A failing operation inside rolls back only itself when the body goes on and succeeds.
  core::Status partial = (*db)->Atomically([&]() -> core::Status {
    EXPECT_FALSE((*db)->AddUser(u).ok());  // the name is taken
    auto e = (*db)->AppendAudit({0, "2026-11-23T12:00:01Z", "hr", "user.add.refused", "kari", ""});
    if (!e.ok()) return e.error();
    return core::Ok{};
  });
  EXPECT_TRUE(partial.ok());
  EXPECT_EQ((*db)->Users()->size(), 1u);
  EXPECT_EQ((*db)->AuditLog(10)->size(), 2u);
}

TEST(Passwords, Argon2idHashesVerifyTheRightPasswordOnly) {
  auto hash = HashPassword("riktig hest batteri stift");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("riktig hest batteri stift", *hash));
  EXPECT_FALSE(VerifyPassword("feil", *hash));
  EXPECT_FALSE(VerifyPassword("riktig hest batteri stift", "not a hash"));
  EXPECT_NE(*HashPassword("x"), *HashPassword("x"));  // salted
  EXPECT_EQ(RandomPassword(20).size(), 20u);
}

}  // namespace
}  // namespace agp::store
