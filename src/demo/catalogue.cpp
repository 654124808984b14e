#include "demo/catalogue.h"

#include <array>
#include <string>

namespace agp::demo {

double WeeklyHours(Schedule schedule) {
  switch (schedule) {
    case Schedule::kDay:
      return 37.5;
    case Schedule::kRota:
      return 35.5;
    case Schedule::kContinuous:
      return 33.6;
  }
  return 37.5;
}

const Job& JobOf(JobId id) {
  // Salaries: about the level of KS' pay statistics for 2024 (women 607 700, men 642 500 kr in
  // December 2023, FIGURES.md). Shares of women and full-time chances are tuned per job so that
  // the whole municipality lands on the national figures (docs/demo-data.md).
  // code, title, salary, women, full-time day, full-time rota, exit, allowances, education,
  // leader, min age
  static const std::array<Job, static_cast<size_t>(JobId::kCount)> kJobs = {{
      {"7174", "Sykepleier", 600000, 0.90, 0.72, 0.38, 1.05, 12000, "bachelor", false, 22},
      {"7176", "Spesialsykepleier", 650000, 0.88, 0.80, 0.50, 0.9, 12000, "master", false, 26},
      {"7597", "Helsefagarbeider", 520000, 0.90, 0.55, 0.26, 1.0, 10000, "fagbrev", false, 19},
      {"7211", "Pleieassistent", 450000, 0.82, 0.30, 0.10, 1.9, 8000, "videregående", false, 18},
      {"7180", "Vernepleier", 595000, 0.80, 0.72, 0.42, 1.0, 12000, "bachelor", false, 22},
      {"7091", "Miljøarbeider", 480000, 0.72, 0.42, 0.22, 1.6, 8000, "videregående", false, 19},
      {"7177", "Helsesykepleier", 645000, 0.97, 0.76, 0.76, 0.85, 6000, "master", false, 26},
      {"7063", "Fysioterapeut", 600000, 0.75, 0.78, 0.78, 0.9, 4000, "bachelor", false, 23},
      {"7185", "Sosionom", 585000, 0.85, 0.90, 0.90, 1.1, 6000, "bachelor", false, 22},
      {"7186", "Barnevernspedagog", 600000, 0.88, 0.93, 0.93, 1.2, 12000, "bachelor", false, 22},
      {"7037", "Lektor", 660000, 0.66, 0.84, 0.84, 0.75, 10000, "master", false, 24},
      {"7035", "Lærer", 600000, 0.78, 0.77, 0.77, 0.8, 8000, "bachelor", false, 22},
      {"7963", "Barnehagelærer", 560000, 0.93, 0.72, 0.72, 0.9, 4000, "bachelor", false, 22},
      {"7598", "Barne- og ungdomsarbeider", 515000, 0.90, 0.48, 0.48, 1.0, 3000, "fagbrev", false,
       19},
      {"7212", "Assistent", 450000, 0.82, 0.28, 0.28, 1.9, 2000, "videregående", false, 18},
      {"7450", "Bibliotekar", 560000, 0.75, 0.70, 0.70, 0.9, 3000, "bachelor", false, 22},
      {"7457", "Kulturskolelærer", 580000, 0.56, 0.30, 0.30, 1.0, 3000, "bachelor", false, 22},
      {"7040", "Ingeniør", 680000, 0.30, 0.96, 0.96, 0.9, 12000, "bachelor", false, 22},
      {"7600", "Fagarbeider", 530000, 0.07, 0.95, 0.95, 0.9, 18000, "fagbrev", false, 19},
      {"7610", "Vaktmester", 520000, 0.08, 0.92, 0.92, 0.9, 15000, "fagbrev", false, 20},
      {"7102", "Renholder", 455000, 0.86, 0.45, 0.45, 1.3, 4000, "grunnskole", false, 18},
      {"7140", "Kokk", 505000, 0.70, 0.58, 0.58, 1.1, 8000, "fagbrev", false, 19},
      {"7214", "Brannkonstabel", 570000, 0.06, 0.96, 0.96, 0.6, 45000, "fagbrev", false, 21},
      {"7004", "Rådgiver", 650000, 0.68, 0.90, 0.90, 1.0, 4000, "master", false, 24},
      {"7003", "Seniorrådgiver", 730000, 0.60, 0.95, 0.95, 0.8, 6000, "master", false, 30},
      {"6545", "Konsulent", 530000, 0.84, 0.78, 0.78, 1.0, 2000, "bachelor", false, 20},
      {"7009", "IT-konsulent", 640000, 0.25, 0.97, 0.97, 1.1, 6000, "bachelor", false, 21},
      {"7950", "Kommunedirektør", 1450000, 0.30, 1, 1, 0.6, 0, "master", true, 40},
      {"7951", "Kommunalsjef", 1080000, 0.55, 1, 1, 0.7, 0, "master", true, 35},
      {"7940", "Enhetsleder", 860000, 0.74, 1, 1, 0.8, 0, "master", true, 30},
      {"7941", "Rektor", 880000, 0.62, 1, 1, 0.7, 0, "master", true, 32},
      {"7942", "Styrer", 750000, 0.88, 1, 1, 0.8, 0, "bachelor", true, 30},
      {"7943", "Avdelingsleder", 730000, 0.78, 1, 1, 0.9, 0, "bachelor", true, 28},
      {"9401", "Lærling helsearbeiderfaget", 230000, 0.82, 1, 1, 1, 0, "grunnskole", false, 18},
      {"9402", "Lærling barne- og ungdomsarbeiderfaget", 230000, 0.80, 1, 1, 1, 0, "grunnskole",
       false, 18},
      {"9403", "Lærling", 230000, 0.30, 1, 1, 1, 0, "grunnskole", false, 18},
  }};
  return kJobs[static_cast<size_t>(id)];
}

JobId JobByCode(std::string_view code) {
  for (size_t i = 0; i < static_cast<size_t>(JobId::kCount); ++i) {
    if (JobOf(static_cast<JobId>(i)).code == code) return static_cast<JobId>(i);
  }
  return JobId::kCount;
}

const std::vector<Sector>& Sectors() {
  using J = JobId;
  using S = Schedule;
  // Sector shares: health and care about 45 %, schools and kindergartens about 35 %, the rest
  // about 20 % (KS, PAI register; docs/demo-data.md). Sick leave is highest in health and care
  // and lowest in administration; the factors, unit kinds and job mixes are illustrative.
  static const std::vector<Sector> kSectors = {
      {"Helse og velferd",
       0.45,
       1.12,
       {
           {"sykehjem",
            "{} sykehjem",
            0.34,
            58,
            S::kRota,
            0.25,
            J::kUnitLeader,
            {{J::kNurse, .24},
             {J::kSpecialistNurse, .03},
             {J::kHealthWorker, .34},
             {J::kCareAssistant, .24},
             {J::kPhysiotherapist, .02},
             {J::kCleaner, .05},
             {J::kCook, .05},
             {J::kClerk, .03}},
            {"langtidsavdeling", "korttidsavdeling", "skjermet avdeling", "rehabilitering",
             "avdeling 2. etasje", "avdeling 3. etasje"}},
           {"hjemmetjeneste",
            "Hjemmetjenesten {}",
            0.28,
            52,
            S::kRota,
            0.15,
            J::kUnitLeader,
            {{J::kNurse, .32},
             {J::kHealthWorker, .38},
             {J::kCareAssistant, .16},
             {J::kSocialEducator, .06},
             {J::kPhysiotherapist, .04},
             {J::kClerk, .04}},
            {"sone nord", "sone sør", "sone øst", "sone vest", "natt", "praktisk bistand"}},
           {"bofellesskap",
            "{} bofellesskap",
            0.18,
            26,
            S::kContinuous,
            0.7,
            J::kUnitLeader,
            {{J::kSocialEducator, .30},
             {J::kHealthWorker, .28},
             {J::kSupportWorker, .37},
             {J::kNurse, .05}},
            {}},
           {"psykisk helse og rus",
            "Psykisk helse og rus {}",
            0.12,
            24,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kNurse, .30},
             {J::kSocialEducator, .15},
             {J::kSupportWorker, .30},
             {J::kSocialWorker, .20},
             {J::kClerk, .05}},
            {}},
           {"helsestasjon",
            "{} helsestasjon",
            0.08,
            18,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kPublicHealthNurse, .62},
             {J::kPhysiotherapist, .18},
             {J::kNurse, .08},
             {J::kClerk, .12}},
            {}},
       },
       J::kApprenticeHealth,
       0.55},
      {"Oppvekst og utdanning",
       0.35,
       1.05,
       {
           {"skole",
            "{} skole",
            0.56,
            42,
            S::kDay,
            0,
            J::kPrincipal,
            {{J::kLecturer, .28},
             {J::kTeacher, .40},
             {J::kChildWorker, .09},
             {J::kAssistant, .13},
             {J::kSocialEducator, .02},
             {J::kCleaner, .05},
             {J::kClerk, .03}},
            {"småtrinnet", "mellomtrinnet", "ungdomstrinnet", "SFO"}},
           {"barnehage",
            "{} barnehage",
            0.38,
            19,
            S::kDay,
            0,
            J::kKindergartenDirector,
            {{J::kPreschoolTeacher, .40}, {J::kChildWorker, .25}, {J::kAssistant, .35}},
            {}},
           {"barnevern",
            "Barneverntjenesten",
            0.06,
            28,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kChildWelfareWorker, .62},
             {J::kSocialWorker, .18},
             {J::kAdviser, .10},
             {J::kClerk, .10}},
            {}},
       },
       J::kApprenticeChild,
       0.30},
      {"Kultur",
       0.04,
       0.80,
       {
           {"bibliotek",
            "{} bibliotek",
            0.35,
            12,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kLibrarian, .75}, {J::kClerk, .25}},
            {}},
           {"kulturskole",
            "Kulturskolen",
            0.40,
            26,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kArtsTeacher, .92}, {J::kClerk, .08}},
            {}},
           {"fritid",
            "{} fritidsklubb",
            0.25,
            14,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kSupportWorker, .70}, {J::kAdviser, .15}, {J::kClerk, .15}},
            {}},
       },
       J::kApprenticeOther,
       0.02},
      {"Teknisk",
       0.10,
       0.85,
       {
           {"eiendom",
            "Eiendom {}",
            0.40,
            40,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kCleaner, .55}, {J::kCaretaker, .30}, {J::kEngineer, .10}, {J::kClerk, .05}},
            {"renhold", "drift"}},
           {"vann og avløp",
            "Vann og avløp",
            0.20,
            24,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kCraftsman, .55}, {J::kEngineer, .35}, {J::kClerk, .10}},
            {}},
           {"vei og park",
            "Vei og park",
            0.12,
            20,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kCraftsman, .80}, {J::kEngineer, .20}},
            {}},
           {"brann og redning",
            "{} brannstasjon",
            0.16,
            24,
            S::kRota,
            0,
            J::kUnitLeader,
            {{J::kFirefighter, .90}, {J::kEngineer, .10}},
            {}},
           {"plan og byggesak",
            "Plan og byggesak",
            0.12,
            18,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kEngineer, .40}, {J::kAdviser, .35}, {J::kClerk, .25}},
            {}},
       },
       J::kApprenticeOther,
       0.10},
      {"Administrasjon",
       0.06,
       0.70,
       {
           {"økonomi",
            "Økonomiavdelingen",
            0.30,
            20,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kAdviser, .35}, {J::kSeniorAdviser, .30}, {J::kClerk, .35}},
            {}},
           {"personal",
            "Personal og organisasjon",
            0.25,
            16,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kAdviser, .50}, {J::kSeniorAdviser, .20}, {J::kClerk, .30}},
            {}},
           {"ikt",
            "IKT",
            0.20,
            16,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kItConsultant, .80}, {J::kAdviser, .20}},
            {}},
           {"servicetorg",
            "Servicetorget",
            0.25,
            15,
            S::kDay,
            0,
            J::kUnitLeader,
            {{J::kClerk, .80}, {J::kAdviser, .20}},
            {}},
       },
       J::kApprenticeOther,
       0.03},
  };
  return kSectors;
}

namespace {

// Place names are compounds of a first part and an ending (Sol + heim = Solheim).
constexpr std::array<std::string_view, 24> kPlaceStarts = {
    "Sol",   "Nord", "Sør",   "Øst",  "Vest",  "Fjell", "Skog",  "Elve",
    "Bjørk", "Furu", "Eike",  "Sjø",  "Berg",  "Haug",  "Lyng",  "Rogn",
    "Li",    "Mo",   "Brekk", "Kvit", "Stein", "Vik",   "Hasle", "Nes"};
constexpr std::array<std::string_view, 14> kPlaceEnds = {
    "heim",   "li",   "vang", "berg", "dal",    "tun",    "lund",
    "bakken", "åsen", "vika", "moen", "haugen", "sletta", "gården"};

constexpr std::array<std::string_view, 40> kWomen = {
    "Anne",   "Inger",    "Kari",      "Marit",   "Ingrid",  "Liv",       "Eva",    "Berit",
    "Astrid", "Bjørg",    "Hilde",     "Anna",    "Solveig", "Marianne",  "Randi",  "Ida",
    "Nina",   "Maria",    "Elisabeth", "Kristin", "Tone",    "Silje",     "Hanne",  "Camilla",
    "Heidi",  "Åse",      "Sara",      "Nora",    "Emma",    "Amina",     "Linda",  "Turid",
    "Monica", "Ragnhild", "Sigrid",    "Thea",    "Julie",   "Agnieszka", "Fatima", "Maja"};
constexpr std::array<std::string_view, 40> kMen = {
    "Jan",   "Per",    "Bjørn", "Ole",    "Lars",    "Kjell",    "Knut",   "Arne",
    "Svein", "Thomas", "Hans",  "Geir",   "Tor",     "Morten",   "Terje",  "Odd",
    "Erik",  "Rune",   "Trond", "Jon",    "Anders",  "Martin",   "Espen",  "Jonas",
    "Ali",   "Mats",   "Even",  "Sindre", "Øystein", "Jakob",    "Henrik", "Magnus",
    "Stian", "Vegard", "Tore",  "Eirik",  "Piotr",   "Mohammed", "Emil",   "Sander"};
constexpr std::array<std::string_view, 48> kSurnames = {
    "Hansen",      "Johansen",  "Olsen",         "Larsen",     "Andersen",  "Pedersen", "Nilsen",
    "Kristiansen", "Jensen",    "Karlsen",       "Johnsen",    "Pettersen", "Eriksen",  "Berg",
    "Haugen",      "Hagen",     "Johannessen",   "Andreassen", "Jacobsen",  "Dahl",     "Jørgensen",
    "Halvorsen",   "Henriksen", "Lund",          "Sørensen",   "Jakobsen",  "Moen",     "Gundersen",
    "Iversen",     "Strand",    "Solberg",       "Svendsen",   "Eide",      "Knutsen",  "Martinsen",
    "Paulsen",     "Bakken",    "Kristoffersen", "Mathisen",   "Lie",       "Amundsen", "Nguyen",
    "Rasmussen",   "Ali",       "Lunde",         "Kowalski",   "Solheim",   "Berge"};

const std::vector<std::string>& PlaceNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    // Walk the combinations in a scattered order so that consecutive units differ in both parts.
    const size_t n = kPlaceStarts.size() * kPlaceEnds.size();
    for (size_t i = 0; i < n; ++i) {
      const size_t k = (i * 67) % n;  // 67 is prime to n = 336, so this visits every pair once
      const std::string_view start = kPlaceStarts[k % kPlaceStarts.size()];
      const std::string_view end = kPlaceEnds[k / kPlaceStarts.size()];
      // Skip doubled words such as "Haughaugen" or "Lili".
      if (end.size() >= start.size() && end[0] == start[0] - 'A' + 'a' &&
          end.substr(1, start.size() - 1) == start.substr(1)) {
        continue;
      }
      names.push_back(std::string(start) + std::string(end));
    }
    return names;
  }();
  return kNames;
}

}  // namespace

uint64_t PlaceNameCount() { return PlaceNames().size(); }
std::string_view PlaceName(uint64_t i) { return PlaceNames()[i % PlaceNames().size()]; }
std::string_view WomanName(uint64_t i) { return kWomen[i % kWomen.size()]; }
std::string_view ManName(uint64_t i) { return kMen[i % kMen.size()]; }
std::string_view Surname(uint64_t i) { return kSurnames[i % kSurnames.size()]; }

}  // namespace agp::demo
