#include "demo/catalogue.h"

namespace agp::demo {

const std::vector<Job>& Jobs() {
  // Salaries: about the level of KS' pay statistics for 2023–2024; the shares of women and of
  // full-time per job are set so that the whole lands on the KS figures in docs/demo-data.md.
  static const std::vector<Job> kJobs = {
      {"7174", "Sykepleier", 605000, 0.88, 0.40, "bachelor"},                // 0
      {"7597", "Helsefagarbeider", 525000, 0.86, 0.30, "fagbrev"},           // 1
      {"7212", "Pleieassistent", 455000, 0.76, 0.18, "videregående"},        // 2
      {"7180", "Vernepleier", 598000, 0.80, 0.45, "bachelor"},               // 3
      {"7176", "Helsesykepleier", 640000, 0.96, 0.78, "master"},             // 4
      {"7954", "Lektor", 675000, 0.62, 0.88, "master"},                      // 5
      {"7956", "Lærer", 605000, 0.73, 0.84, "bachelor"},                     // 6
      {"7037", "Barnehagelærer", 565000, 0.90, 0.78, "bachelor"},            // 7
      {"7598", "Barne- og ungdomsarbeider", 518000, 0.88, 0.60, "fagbrev"},  // 8
      {"7213", "Assistent", 455000, 0.80, 0.42, "videregående"},             // 9
      {"7450", "Bibliotekar", 565000, 0.75, 0.70, "bachelor"},               // 10
      {"7457", "Kulturskolelærer", 572000, 0.55, 0.45, "bachelor"},          // 11
      {"7040", "Ingeniør", 665000, 0.32, 0.96, "bachelor"},                  // 12
      {"7600", "Fagarbeider", 528000, 0.10, 0.94, "fagbrev"},                // 13
      {"7102", "Renholder", 448000, 0.80, 0.55, "grunnskole"},               // 14
      {"7004", "Rådgiver", 655000, 0.66, 0.93, "master"},                    // 15
      {"6545", "Konsulent", 548000, 0.78, 0.86, "bachelor"},                 // 16
      {"7940", "Enhetsleder", 860000, 0.68, 1.00, "master"},                 // 17
      {"7941", "Kommunalsjef", 1080000, 0.55, 1.00, "master"},               // 18
      {"7942", "Kommunedirektør", 1450000, 0.40, 1.00, "master"},            // 19
      {"7943", "Avdelingsleder", 720000, 0.80, 1.00, "bachelor"},            // 20
      {"9401", "Lærling", 210000, 0.62, 1.00, "grunnskole"},                 // 21
      {"7214", "Brannkonstabel", 560000, 0.06, 0.97, "fagbrev"},             // 22
  };
  return kJobs;
}

const std::vector<Sector>& Sectors() {
  static const std::vector<Sector> kSectors = {
      {"Helse og velferd",
       "helse og velferd",
       0.45,
       {
           {"{} sykehjem", 0.36, Schedule::kRota, true, {{0, .28}, {1, .36}, {2, .27}, {14, .09}}},
           {"Hjemmetjenesten {}",
            0.30,
            Schedule::kRota,
            true,
            {{0, .34}, {1, .40}, {2, .16}, {3, .10}}},
           {"{} bofellesskap", 0.20, Schedule::kContinuous, false, {{3, .36}, {1, .34}, {2, .30}}},
           {"Helsestasjon {}", 0.14, Schedule::kDay, false, {{4, .60}, {0, .20}, {16, .20}}},
       }},
      {"Oppvekst og utdanning",
       "oppvekst",
       0.35,
       {
           {"{} skole",
            0.56,
            Schedule::kDay,
            false,
            {{5, .34}, {6, .40}, {8, .10}, {9, .10}, {14, .06}}},
           {"{} barnehage", 0.44, Schedule::kDay, false, {{7, .42}, {8, .24}, {9, .34}}},
       }},
      {"Kultur",
       "kultur",
       0.04,
       {
           {"{} bibliotek", 0.5, Schedule::kDay, false, {{10, .80}, {16, .20}}},
           {"Kulturskolen {}", 0.5, Schedule::kDay, false, {{11, 1.0}}},
       }},
      {"Teknisk",
       "teknisk",
       0.10,
       {
           {"Vann og avløp {}", 0.35, Schedule::kDay, false, {{12, .35}, {13, .55}, {16, .10}}},
           {"Eiendom {}", 0.40, Schedule::kDay, false, {{12, .10}, {13, .40}, {14, .50}}},
           {"{} brannstasjon", 0.25, Schedule::kRota, false, {{22, .90}, {12, .10}}},
       }},
      {"Administrasjon",
       "administrasjon",
       0.06,
       {
           {"Økonomi og {}", 0.35, Schedule::kDay, false, {{15, .55}, {16, .45}}},
           {"Personal og organisasjon {}", 0.35, Schedule::kDay, false, {{15, .60}, {16, .40}}},
           {"Servicetorget {}", 0.30, Schedule::kDay, false, {{16, .80}, {15, .20}}},
       }},
  };
  return kSectors;
}

namespace {
constexpr std::array<std::string_view, kPlaceNames> kPlaces = {
    "Solsiden",   "Fjellheim",  "Åsen",     "Bjørkly", "Sjøgata",   "Nordbyen", "Lien",
    "Haugen",     "Furulund",   "Eikeli",   "Bakkeby", "Strand",    "Vestre",   "Østre",
    "Elvebakken", "Møllerud",   "Granly",   "Tunet",   "Skogheim",  "Brekke",   "Sentrum",
    "Holmen",     "Lunden",     "Sandvika", "Bergtun", "Dalen",     "Vika",     "Breivang",
    "Nesset",     "Torget",     "Øvre",     "Nedre",   "Kirkebyen", "Kleiva",   "Hagen",
    "Fossen",     "Rosenhagen", "Marka",    "Bryggen", "Eng"};
constexpr std::array<std::string_view, kWomanNames> kWomen = {
    "Anne",   "Inger", "Kari",      "Marit",   "Ingrid",  "Liv",      "Eva",   "Berit",
    "Astrid", "Bjørg", "Hilde",     "Anna",    "Solveig", "Marianne", "Randi", "Ida",
    "Nina",   "Maria", "Elisabeth", "Kristin", "Tone",    "Silje",    "Hanne", "Camilla",
    "Heidi",  "Åse",   "Sara",      "Nora",    "Emma",    "Amina"};
constexpr std::array<std::string_view, kManNames> kMen = {
    "Jan",    "Per",    "Bjørn", "Ole",    "Lars",  "Kjell", "Knut", "Arne",   "Svein",   "Thomas",
    "Hans",   "Geir",   "Tor",   "Morten", "Terje", "Odd",   "Erik", "Rune",   "Trond",   "Jon",
    "Anders", "Martin", "Espen", "Jonas",  "Ali",   "Mats",  "Even", "Sindre", "Øystein", "Jakob"};
constexpr std::array<std::string_view, kSurnames> kSurnamesList = {
    "Hansen",      "Johansen",  "Olsen",         "Larsen",     "Andersen",  "Pedersen", "Nilsen",
    "Kristiansen", "Jensen",    "Karlsen",       "Johnsen",    "Pettersen", "Eriksen",  "Berg",
    "Haugen",      "Hagen",     "Johannessen",   "Andreassen", "Jacobsen",  "Dahl",     "Jørgensen",
    "Halvorsen",   "Henriksen", "Lund",          "Sørensen",   "Jakobsen",  "Moen",     "Gundersen",
    "Iversen",     "Strand",    "Solberg",       "Svendsen",   "Eide",      "Knutsen",  "Martinsen",
    "Paulsen",     "Bakken",    "Kristoffersen", "Mathisen",   "Lie"};
}  // namespace

std::string_view PlaceName(size_t i) { return kPlaces[i % kPlaceNames]; }
std::string_view WomanName(size_t i) { return kWomen[i % kWomanNames]; }
std::string_view ManName(size_t i) { return kMen[i % kManNames]; }
std::string_view Surname(size_t i) { return kSurnamesList[i % kSurnames]; }

}  // namespace agp::demo
