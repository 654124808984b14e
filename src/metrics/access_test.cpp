#include "metrics/access.h"

#include <gtest/gtest.h>

namespace agp::metrics {
namespace {

// R ─┬─ A ── A1
//    └─ B
MeasureCube Tree() {
  return MeasureCube(
      {{"R", "Kommunen", -1}, {"A", "Helse", 0}, {"A1", "Sykehjem", 1}, {"B", "Skole", 0}},
      {core::Period::Year(2024)});
}

std::vector<bool> Sees(const Audience& a, int units) {
  std::vector<bool> out;
  for (int u = 0; u < units; ++u) out.push_back(a.sees_individuals && a.sees_individuals(u));
  return out;
}

TEST(AudienceFor, EachRoleSeesIndividualsWhereSection6Says) {
  const MeasureCube cube = Tree();
  const std::vector<std::string> own = {"A"};
  EXPECT_EQ(Sees(AudienceFor(core::Role::kAdmin, {}, cube), 4), (std::vector<bool>{1, 1, 1, 1}));
  EXPECT_EQ(Sees(AudienceFor(core::Role::kLeader, own, cube), 4), (std::vector<bool>{0, 1, 1, 0}));
  EXPECT_EQ(Sees(AudienceFor(core::Role::kLeader, {}, cube), 4), (std::vector<bool>{0, 0, 0, 0}));
  EXPECT_EQ(Sees(AudienceFor(core::Role::kUnion, own, cube), 4), (std::vector<bool>{0, 0, 0, 0}));
  EXPECT_EQ(Sees(AudienceFor(core::Role::kViewer, own, cube), 4), (std::vector<bool>{0, 0, 0, 0}));
  EXPECT_EQ(AudienceFor(core::Role::kViewer, {}, cube, 7).min_group, 7);
}

}  // namespace
}  // namespace agp::metrics
