#include "metrics/indicator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace agp::metrics {
namespace {

// English words that have no place in a bokmål text. Column names (end_reason, position_id) and
// codes (pay_ratio_women_men:KODE) are kept whole, so their parts do not count as words.
constexpr std::string_view kEnglishWords[] = {"the",   "of",    "with",  "and",  "or",
                                              "who",   "whose", "which", "only", "than",
                                              "staff", "days",  "count", "each", "every"};

// The English words in `text`, matched as whole words, ignoring case.
std::vector<std::string> EnglishWords(std::string_view text) {
  std::string words = " ";
  for (const char c : text) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                      static_cast<unsigned char>(c) >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      words += static_cast<char>(c - 'A' + 'a');
    } else {
      words += word ? c : ' ';
    }
  }
  words += ' ';
  std::vector<std::string> found;
  for (const std::string_view w : kEnglishWords) {
    if (words.find(" " + std::string(w) + " ") != std::string::npos) found.emplace_back(w);
  }
  return found;
}

// The numbers (runs of digits) in `text`.
std::vector<std::string> Numbers(std::string_view text) {
  std::vector<std::string> numbers;
  std::string run;
  for (const char c : std::string(text) + " ") {
    if (c >= '0' && c <= '9') {
      run += c;
    } else if (!run.empty()) {
      numbers.push_back(run);
      run.clear();
    }
  }
  return numbers;
}

TEST(IndicatorRegistry, TheEnglishWordCheckFindsEnglish) {
  EXPECT_EQ(EnglishWords("Number of core staff on the count date."),
            (std::vector<std::string>{"the", "of", "staff", "count"}));
  EXPECT_EQ(EnglishWords("The share With leaders"), (std::vector<std::string>{"the", "with"}));
  EXPECT_TRUE(EnglishWords("Antall kjerneansatte på telledatoen (end_reason, of_x).").empty());
  // Every English definition is caught, so a definition left untranslated would be too.
  for (const IndicatorInfo& info : Indicators()) {
    EXPECT_FALSE(EnglishWords(info.definition).empty()) << info.key;
  }
}

TEST(IndicatorRegistry, EveryIndicatorHasNorwegianTexts) {
  ASSERT_EQ(Indicators().size(), static_cast<size_t>(kIndicatorCount));
  for (const IndicatorInfo& info : Indicators()) {
    SCOPED_TRACE(std::string(info.key));
    EXPECT_FALSE(info.population_nb.empty());
    EXPECT_FALSE(info.numerator_nb.empty());
    EXPECT_FALSE(info.definition_nb.empty());
    EXPECT_FALSE(info.source_nb.empty());
    // Counts have no denominator, in either language.
    EXPECT_EQ(info.denominator_nb.empty(), info.denominator.empty());
    EXPECT_EQ(info.denominator.empty(), info.value_kind == ValueKind::kCount);
    EXPECT_NE(info.definition_nb, info.definition);
    EXPECT_NE(info.population_nb, info.population);
  }
}

TEST(IndicatorRegistry, NorwegianTextsHaveNoEnglishWords) {
  for (const IndicatorInfo& info : Indicators()) {
    const std::pair<std::string_view, std::string_view> texts[] = {
        {"population_nb", info.population_nb},
        {"numerator_nb", info.numerator_nb},
        {"denominator_nb", info.denominator_nb},
        {"definition_nb", info.definition_nb},
        {"source_nb", info.source_nb}};
    for (const auto& [field, text] : texts) {
      for (const std::string& word : EnglishWords(text)) {
        ADD_FAILURE() << info.key << "." << field << " has the English word '" << word
                      << "': " << text;
      }
    }
  }
  for (const std::string& word : EnglishWords(CommonTermsNb())) {
    ADD_FAILURE() << "CommonTermsNb() has the English word '" << word << "'";
  }
}

// The fine print is in numbers (100, 365, the 28th day …): every number of an English text is in
// its Norwegian text.
TEST(IndicatorRegistry, NorwegianTextsKeepTheNumbers) {
  for (const IndicatorInfo& info : Indicators()) {
    const std::pair<std::string_view, std::string_view> pairs[] = {
        {info.population, info.population_nb},
        {info.numerator, info.numerator_nb},
        {info.denominator, info.denominator_nb},
        {info.definition, info.definition_nb}};
    for (const auto& [en, nb] : pairs) {
      for (const std::string& n : Numbers(en)) {
        EXPECT_NE(nb.find(n), std::string_view::npos)
            << info.key << ": " << n << " of \"" << en << "\" is missing in \"" << nb << "\"";
      }
    }
  }
}

TEST(IndicatorRegistry, NorwegianTextsUseTheOfficialTerms) {
  for (const IndicatorInfo& info : Indicators()) {
    SCOPED_TRACE(std::string(info.key));
    // Turnover and retirement age exist for whole years only, and say so.
    EXPECT_EQ(info.definition_nb.starts_with("Bare for hele år"), info.years_only);
  }
  EXPECT_NE(Info(IndicatorId::kFte).definition_nb.find("årsverk"), std::string_view::npos);
  EXPECT_NE(Info(IndicatorId::kSickLeavePct).definition_nb.find("tapte dagsverk"),
            std::string_view::npos);
  EXPECT_NE(Info(IndicatorId::kSickLeavePct).definition_nb.find("avtalte dagsverk"),
            std::string_view::npos);
  EXPECT_NE(Info(IndicatorId::kAvgRetirementAge).definition_nb.find("avgangsalder"),
            std::string_view::npos);
  EXPECT_NE(Info(IndicatorId::kDialogueCoverage).definition_nb.find("medarbeidersamtale"),
            std::string_view::npos);
  EXPECT_NE(Info(IndicatorId::kFollowupPlanCompliance).definition_nb.find("oppfølgingsplan"),
            std::string_view::npos);
  EXPECT_NE(Info(IndicatorId::kDialogueMeeting1Compliance).definition_nb.find("dialogmøte 1"),
            std::string_view::npos);
  for (const std::string_view term : {"Kjernestillinger er", "Kjerneansatte er", "telledato"}) {
    EXPECT_NE(CommonTermsNb().find(term), std::string_view::npos) << term;
  }
  EXPECT_TRUE(EnglishWords(CommonTerms()).size() > 0);  // the English stays English
}

}  // namespace
}  // namespace agp::metrics
