#include "core/records.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace agp::core {
namespace {

TEST(Records, GenderAcceptsThePackageSpellingsInAnyCase) {
  EXPECT_EQ(ParseGender("K"), Gender::kWoman);
  EXPECT_EQ(ParseGender("kvinne"), Gender::kWoman);
  EXPECT_EQ(ParseGender("F"), Gender::kWoman);
  EXPECT_EQ(ParseGender("m"), Gender::kMan);
  EXPECT_EQ(ParseGender("Mann"), Gender::kMan);
  EXPECT_EQ(ParseGender("x"), Gender::kOther);
  EXPECT_FALSE(ParseGender("kvinner"));
  EXPECT_FALSE(ParseGender(""));
}

TEST(Records, CodesRoundTrip) {
  for (auto e : {Employment::kPermanent, Employment::kTemporary, Employment::kSubstitute,
                 Employment::kApprentice, Employment::kHourly}) {
    EXPECT_EQ(ParseEmployment(ToCode(e)), e);
  }
  for (auto r : {EndReason::kResigned, EndReason::kRetiredAge, EndReason::kEarlyRetirement,
                 EndReason::kDisability, EndReason::kDismissed, EndReason::kDeath,
                 EndReason::kTemporaryEnded, EndReason::kOther}) {
    EXPECT_EQ(ParseEndReason(ToCode(r)), r);
  }
  EXPECT_EQ(ToCode(EndReason::kNone), "");
  EXPECT_EQ(ParseFollowupKind("Dialogmote1"), FollowupKind::kDialogueMeeting1);
  EXPECT_FALSE(ParseEmployment("permanent"));
}

TEST(Error, FormatsLocationLikeACompiler) {
  EXPECT_EQ(Error(ErrorCode::kInvalidInput, "bad", {"a.csv", 3, 7}).ToString(), "a.csv:3:7: bad");
  EXPECT_EQ(Error(ErrorCode::kInvalidInput, "bad", {"a.csv", 3, 0}).ToString(), "a.csv:3: bad");
  EXPECT_EQ(Error(ErrorCode::kInvalidInput, "bad", {"a.csv"}).ToString(), "a.csv: bad");
  EXPECT_EQ(Error(ErrorCode::kInvalidInput, "bad").ToString(), "bad");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 3;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  Result<int> bad = Error(ErrorCode::kNotFound, "no");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace agp::core
