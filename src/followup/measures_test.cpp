// Measures in execution (DESIGN §10.3): the state a policy's measures are in, who may change
// them, what evidence is kept, and that the execution survives a new version of the policy.
#include "followup/measures.h"

#include <gtest/gtest.h>

#include "policy/policy_yaml.h"

namespace agp::followup {
namespace {

using core::Date;

constexpr std::string_view kPolicy = R"(agp_policy: 1
id: p
organisation: O
title: T
valid: {from: 2025-01-01}
nodes:
  - id: heltid
    kind: hovedmål
    title: Heltid
    measures:
      - {id: prosjekt, title: Heltidsprosjekt, owner: HR, due: 2026-06-30, status: igangsatt}
      - {title: Kartlegging, owner: HR, due: 2026-12-31}
      - {title: Uten frist, owner: HR}
)";

// R > A > A1, R > B
core::Workforce Units() {
  core::Workforce w;
  w.units = {{"R", -1, "R", "", ""},
             {"A", 0, "A", "", ""},
             {"A1", 1, "A1", "", ""},
             {"B", 0, "B", "", ""}};
  return w;
}

policy::Policy ReadPolicy(std::string_view yaml) {
  policy::Diagnostics d("p.yaml");
  policy::Policy p = policy::ReadPolicy(yaml, &d);
  EXPECT_EQ(d.error_count(), 0);
  return p;
}

struct Measures : ::testing::Test {
  void SetUp() override {
    auto opened = store::OpenSqlite(":memory:");
    ASSERT_TRUE(opened.ok());
    db = std::move(opened).value();
  }
  MeasureBook Book() {
    auto book = LoadMeasures(*db, policy, w, clock.Today());
    EXPECT_TRUE(book.ok());
    return std::move(book).value();
  }
  std::unique_ptr<store::Database> db;
  core::Workforce w = Units();
  policy::Policy policy = ReadPolicy(kPolicy);
  core::FixedClock clock{Date::FromYmd(2026, 9, 1)};
  metrics::Viewer hr{"hr", core::Role::kAdmin, {}};
  metrics::Viewer leader{"kari", core::Role::kLeader, {"A"}};
  metrics::Viewer union_rep{"tv", core::Role::kUnion, {}};
};

TEST(MeasureStatus, TheFiveKeysAndThePolicyFormatsWords) {
  for (MeasureStatus s : kMeasureStatuses) EXPECT_EQ(ParseMeasureStatus(StatusKey(s)), s);
  EXPECT_EQ(ParseMeasureStatus("igangsatt"), MeasureStatus::kOngoing);
  EXPECT_EQ(ParseMeasureStatus("gjennomført"), MeasureStatus::kDone);
  EXPECT_EQ(ParseMeasureStatus("avbrutt"), MeasureStatus::kCancelled);
  EXPECT_EQ(ParseMeasureStatus("ferdig"), std::nullopt);
}

TEST_F(Measures, ThePlanGivesTheFirstStateAndOverdueFollowsTheDueDate) {
  MeasureBook book = Book();
  ASSERT_EQ(book.measures.size(), 3u);
  const MeasureState& a = book.measures[0];
  EXPECT_EQ(a.key, "prosjekt");
  EXPECT_EQ(a.status, MeasureStatus::kOngoing);
  EXPECT_TRUE(a.overdue);  // 2026-06-30 has passed on 2026-09-01
  EXPECT_EQ(book.measures[1].key, "heltid.2");
  EXPECT_FALSE(book.measures[1].overdue);
  EXPECT_FALSE(book.measures[2].overdue);  // no due date: never overdue
  // Without a unit the measure is the organisation's: counted at the top.
  const std::vector<int64_t> by_unit = CountMeasuresByUnit(w, book).overdue;
  EXPECT_EQ(by_unit, (std::vector<int64_t>{1, 0, 0, 0}));
}

TEST_F(Measures, LeadersChangeOnlyTheirOwnUnitsMeasuresAndHrHandsThemOut) {
  MeasureBook book = Book();
  const MeasureState& m = *book.Find("prosjekt");
  // Nobody carries it out yet: HR's to hand out.
  EXPECT_EQ(UpdateMeasure(*db, w, leader, m, {"fullført", "", "", "", ""}, clock).error().code(),
            core::ErrorCode::kForbidden);
  EXPECT_EQ(UpdateMeasure(*db, w, union_rep, m, {"fullført", "", "", "", ""}, clock).error().code(),
            core::ErrorCode::kForbidden);
  auto given = UpdateMeasure(*db, w, hr, m, {"pågår", "A1", "", "", ""}, clock);
  ASSERT_TRUE(given.ok()) << given.error().ToString();
  book = Book();
  const MeasureState& mine = *book.Find("prosjekt");
  EXPECT_EQ(mine.unit_key, "A1");
  EXPECT_EQ(mine.unit, 2);
  // A1 lies under A: the leader of A may now report on it, with a note.
  auto done = UpdateMeasure(*db, w, leader, mine,
                            {"fullført", "", "", "Alle har fått tilbud", "28.08.2026"}, clock);
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  EXPECT_EQ(done->note_date, "2026-08-28");
  EXPECT_EQ(done->author, "kari");
  // … but not hand it to a unit outside A.
  book = Book();
  EXPECT_EQ(
      UpdateMeasure(*db, w, leader, *book.Find("prosjekt"), {"fullført", "B", "", "", ""}, clock)
          .error()
          .code(),
      core::ErrorCode::kForbidden);
  const MeasureState& now = *book.Find("prosjekt");
  EXPECT_EQ(now.status, MeasureStatus::kDone);
  EXPECT_FALSE(now.overdue);
  EXPECT_EQ(now.updates.size(), 2u);
  EXPECT_EQ(now.updated_on, "2026-09-01");
  EXPECT_EQ(CountMeasuresByUnit(w, book).overdue, (std::vector<int64_t>{0, 0, 0, 0}));
}

TEST_F(Measures, AChangeMustChangeSomethingAndNotesAreNotFromTheFuture) {
  MeasureBook book = Book();
  const MeasureState& m = *book.Find("heltid.2");
  EXPECT_EQ(UpdateMeasure(*db, w, hr, m, {"planlagt", "", "", " ", ""}, clock).error().code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(UpdateMeasure(*db, w, hr, m, {"ferdig", "", "", "", ""}, clock).error().code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(UpdateMeasure(*db, w, hr, m, {"gjennomført", "", "", "", ""}, clock).error().code(),
            core::ErrorCode::kInvalidInput);  // the plan's word, not the execution's
  EXPECT_EQ(UpdateMeasure(*db, w, hr, m, {"planlagt", "", "", "Møte holdt", "2026-09-02"}, clock)
                .error()
                .code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(UpdateMeasure(*db, w, hr, m, {"planlagt", "X", "", "", ""}, clock).error().code(),
            core::ErrorCode::kInvalidInput);  // no such unit
  auto noted = UpdateMeasure(*db, w, hr, m, {"planlagt", "", "", "Møte holdt", ""}, clock);
  ASSERT_TRUE(noted.ok());
  EXPECT_EQ(noted->note_date, "2026-09-01");  // no date: today
  EXPECT_EQ(db->MeasureUpdates()->size(), 1u);
  // A due date given in agp (the documents seldom have one) makes the measure overdue once
  // passed; the same date again changes nothing.
  auto due = UpdateMeasure(*db, w, hr, m, {"planlagt", "", "31.08.2026", "", ""}, clock);
  ASSERT_TRUE(due.ok()) << due.error().ToString();
  EXPECT_EQ(due->due, "2026-08-31");
  const MeasureBook book2 = Book();
  EXPECT_EQ(book2.Find("heltid.2")->due, "2026-08-31");
  EXPECT_TRUE(book2.Find("heltid.2")->overdue);
  EXPECT_EQ(UpdateMeasure(*db, w, hr, *book2.Find("heltid.2"),
                          {"planlagt", "", "2026-08-31", "", ""}, clock)
                .error()
                .code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(UpdateMeasure(*db, w, hr, m, {"planlagt", "", "snart", "", ""}, clock).error().code(),
            core::ErrorCode::kInvalidInput);
}

TEST_F(Measures, LocalMeasuresBelongToAGoalAndAUnitOfTheLeaders) {
  LocalMeasureInput in{"heltid", "Helgevakter med lange vakter", "Kari", "2026-08-01", "A1"};
  auto added = AddLocalMeasure(*db, w, leader, policy, in, clock);
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  in.unit_key = "B";
  EXPECT_EQ(AddLocalMeasure(*db, w, leader, policy, in, clock).error().code(),
            core::ErrorCode::kForbidden);
  in.unit_key = "A";
  in.node_id = "ukjent";
  EXPECT_EQ(AddLocalMeasure(*db, w, leader, policy, in, clock).error().code(),
            core::ErrorCode::kNotFound);
  in.node_id = "heltid";
  in.due = "31.02.2026";
  EXPECT_EQ(AddLocalMeasure(*db, w, leader, policy, in, clock).error().code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(AddLocalMeasure(*db, w, union_rep, policy, in, clock).error().code(),
            core::ErrorCode::kForbidden);
  MeasureBook book = Book();
  ASSERT_EQ(book.measures.size(), 4u);
  const MeasureState& local = book.measures[3];
  EXPECT_EQ(local.key, "lokal-" + std::to_string(added->id));
  EXPECT_TRUE(local.local);
  EXPECT_EQ(local.unit, 2);
  EXPECT_TRUE(local.overdue);
  EXPECT_EQ(CountMeasuresByUnit(w, book).overdue, (std::vector<int64_t>{2, 1, 1, 0}));
  EXPECT_EQ(MeasuresIn(w, book, {1}).size(), 1u);
  EXPECT_EQ(MeasuresIn(w, book, {3}).size(), 0u);
  EXPECT_EQ(MeasuresIn(w, book, {}).size(), 4u);
  EXPECT_TRUE(MayEditMeasure(w, leader, local).ok());
  EXPECT_FALSE(MayEditMeasure(w, metrics::Viewer{"per", core::Role::kLeader, {"B"}}, local).ok());
}

TEST(EvidenceContentType, TheBytesMustBeWhatTheNameSays) {
  EXPECT_EQ(*EvidenceContentType("Referat.PDF", "%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(*EvidenceContentType("a.png", "\x89PNG\r\n\x1a\n...."), "image/png");
  EXPECT_EQ(*EvidenceContentType("a.jpeg", "\xFF\xD8\xFF\xE0"), "image/jpeg");
  EXPECT_EQ(*EvidenceContentType("plan.docx", std::string_view("PK\x03\x04rest", 8)),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(*EvidenceContentType("notat.txt", "Møtet ble holdt."), "text/plain; charset=utf-8");
  // A page dressed as a PDF, a program, text that is not UTF-8, no ending at all.
  EXPECT_FALSE(EvidenceContentType("x.pdf", "<html><script>").ok());
  EXPECT_FALSE(EvidenceContentType("x.exe", "MZ").ok());
  EXPECT_FALSE(EvidenceContentType("x.html", "<html>").ok());
  EXPECT_FALSE(EvidenceContentType("x.txt", "M\xF8te").ok());
  EXPECT_FALSE(EvidenceContentType("x.txt", std::string_view("a\0b", 3)).ok());
  EXPECT_FALSE(EvidenceContentType("README", "text").ok());
  EXPECT_NE(EvidenceContentType("x.svg", "<svg/>").error().message().find("tas ikke imot"),
            std::string::npos);
}

TEST_F(Measures, EvidenceIsALinkOrACheckedFileAndItsDownloadIsAudited) {
  ASSERT_TRUE(
      UpdateMeasure(*db, w, hr, *Book().Find("prosjekt"), {"pågår", "A", "", "", ""}, clock).ok());
  MeasureBook book = Book();
  const MeasureState& m = *book.Find("prosjekt");
  EXPECT_EQ(AddEvidence(*db, w, leader, m, {"Lenke", "javascript:alert(1)", "", ""}, clock)
                .error()
                .code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(AddEvidence(*db, w, leader, m, {"", "", "", ""}, clock).error().code(),
            core::ErrorCode::kInvalidInput);
  EXPECT_EQ(AddEvidence(*db, w, leader, m, {"Begge", "https://x.invalid", "a.pdf", "%PDF-"}, clock)
                .error()
                .code(),
            core::ErrorCode::kInvalidInput);
  std::string big = "%PDF-" + std::string(static_cast<size_t>(kMaxEvidenceBytes), 'x');
  EXPECT_EQ(AddEvidence(*db, w, leader, m, {"Stor", "", "stor.pdf", big}, clock).error().code(),
            core::ErrorCode::kInvalidInput);
  auto link =
      AddEvidence(*db, w, leader, m, {"", "https://intranett.invalid/heltid", "", ""}, clock);
  ASSERT_TRUE(link.ok()) << link.error().ToString();
  EXPECT_EQ(link->title, "https://intranett.invalid/heltid");
  auto file = AddEvidence(
      *db, w, leader, m, {"Referat", "", "C:\\Users\\kari\\\"ref\";\x01.pdf", "%PDF-1.4 x"}, clock);
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  EXPECT_EQ(file->file_name, "ref.pdf");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(AddEvidence(*db, w, metrics::Viewer{"per", core::Role::kLeader, {"B"}}, m,
                        {"Referat", "https://x.invalid", "", ""}, clock)
                .error()
                .code(),
            core::ErrorCode::kForbidden);

  book = Book();
  const MeasureState& again = *book.Find("prosjekt");
  ASSERT_EQ(again.evidence.size(), 2u);
  auto before = db->AuditLog(100)->size();
  auto opened = OpenEvidence(*db, union_rep, again, file->id, clock);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->data, "%PDF-1.4 x");
  EXPECT_EQ(db->AuditLog(100)->size(), before + 1);
  EXPECT_EQ(db->AuditLog(1)->at(0).action, "measure.evidence.download");
  // A file uploaded by mistake is withdrawn by those who may change the measure: gone for all.
  EXPECT_EQ(WithdrawEvidence(*db, w, union_rep, again, file->id, clock).error().code(),
            core::ErrorCode::kForbidden);
  EXPECT_EQ(
      WithdrawEvidence(*db, w, leader, *book.Find("heltid.2"), file->id, clock).error().code(),
      core::ErrorCode::kForbidden);  // no unit: not the leader's
  ASSERT_TRUE(WithdrawEvidence(*db, w, leader, again, file->id, clock).ok());
  EXPECT_EQ(OpenEvidence(*db, hr, again, file->id, clock).error().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(Book().Find("prosjekt")->evidence[1].withdrawn_by, "kari");
  EXPECT_EQ(WithdrawEvidence(*db, w, hr, again, file->id, clock).error().code(),
            core::ErrorCode::kInvalidInput);
  // A link has no file, and another measure's file is not this one's.
  EXPECT_EQ(OpenEvidence(*db, hr, again, link->id, clock).error().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(OpenEvidence(*db, hr, *book.Find("heltid.2"), file->id, clock).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(Measures, ExecutionSurvivesANewVersionThatKeepsTheMeasuresId) {
  ASSERT_TRUE(UpdateMeasure(*db, w, hr, *Book().Find("prosjekt"),
                            {"fullført", "A", "", "Ferdig", ""}, clock)
                  .ok());
  // Version 2 moves the measure under another goal and adds one before it: the id keeps it.
  policy = ReadPolicy(R"(agp_policy: 1
id: p
organisation: O
title: T
valid: {from: 2025-01-01}
nodes:
  - id: nytt
    kind: hovedmål
    title: Nytt
    measures:
      - {title: Nytt tiltak, owner: HR, due: 2027-01-01}
      - {id: prosjekt, title: Heltidsprosjekt (videreført), owner: HR, due: 2026-06-30}
)");
  MeasureBook book = Book();
  const MeasureState* m = book.Find("prosjekt");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->node_id, "nytt");
  EXPECT_EQ(m->status, MeasureStatus::kDone);
  EXPECT_EQ(m->unit_key, "A");
  ASSERT_EQ(m->updates.size(), 1u);
  EXPECT_EQ(m->updates[0].note, "Ferdig");
  EXPECT_EQ(book.Find("nytt.1")->updates.size(), 0u);
}

}  // namespace
}  // namespace agp::followup
