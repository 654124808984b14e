// agp user add|list|disable|enable|role|logout: accounts for the web app (DESIGN §6). The password
// of a new account is read from standard input with --password-stdin, or made up and printed
// once. Disabling, a new role and logout end the account's sessions in a running `agp serve` at
// their next request (store::Database::SetUserDisabled; issue 13 item 9).
#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "core/csv_cell.h"
#include "core/role.h"
#include "store/database.h"
#include "store/passwords.h"
#include "terminal.h"

namespace agp::app {
namespace {

struct UserOptions {
  std::string name;
  std::string role;
  std::vector<std::string> units;
  bool password_stdin = false;
  std::string format = "table";
};

// Prints the error of opening the database; nullptr then.
std::unique_ptr<store::Database> OpenExisting(const GlobalOptions* g) {
  auto db = store::OpenSqlite(g->db_path, {.create = false});
  if (!db.ok()) {
    std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
    return nullptr;
  }
  return std::move(db).value();
}

// Whether every unit is in the database; says which is not otherwise.
bool UnitsExist(store::Database& db, const std::vector<std::string>& units, int* rc) {
  auto keys = db.UnitKeys();
  if (!keys.ok()) {
    std::fprintf(stderr, "agp: %s\n", keys.error().ToString().c_str());
    *rc = kExitFailure;
    return false;
  }
  for (const std::string& unit : units) {
    if (!std::binary_search(keys->begin(), keys->end(), unit)) {
      std::fprintf(stderr, "agp: enheten «%s» finnes ikke i databasen\n", unit.c_str());
      *rc = kExitUsage;
      return false;
    }
  }
  return true;
}

std::string JoinUnits(const std::vector<std::string>& units, const char* separator) {
  std::string out;
  for (const std::string& u : units) out += (out.empty() ? "" : separator) + u;
  return out;
}

// The role of `o` when its units fit it (a leader has at least one, the others none); else says
// why on stderr and gives nullopt.
std::optional<core::Role> RoleWithUnits(const UserOptions& o) {
  const auto role = core::ParseRole(o.role);
  if (!role) return std::nullopt;  // CLI11 checked the word
  if (*role == core::Role::kLeader && o.units.empty()) {
    std::fprintf(stderr, "agp: en leder trenger minst én enhet (--unit ID)\n");
    return std::nullopt;
  }
  if (*role != core::Role::kLeader && !o.units.empty()) {
    std::fprintf(stderr, "agp: bare ledere har egne enheter (--unit gjelder --role leader)\n");
    return std::nullopt;
  }
  return role;
}

int Add(const GlobalOptions* g, const UserOptions& o) {
  const auto role = RoleWithUnits(o);
  if (!role) return kExitUsage;
  auto db = OpenExisting(g);
  if (!db) return kExitFailure;
  if (int rc = kExitOk; !UnitsExist(*db, o.units, &rc)) return rc;
  std::string password;
  if (o.password_stdin) {
    std::getline(std::cin, password);
    if (password.size() < 12) {
      std::fprintf(stderr, "agp: passordet må ha minst 12 tegn\n");
      return kExitUsage;
    }
  } else {
    password = store::RandomPassword();
  }
  auto hash = store::HashPassword(password);
  if (!hash) {
    std::fprintf(stderr, "agp: kunne ikke lage passord-hash (for lite minne?)\n");
    return kExitFailure;
  }
  const core::SystemClock clock;
  store::UserRecord user;
  user.name = o.name;
  user.role = o.role;
  user.password_hash = *hash;
  user.created_at = clock.NowUtc();
  user.units = o.units;
  auto added = db->AddUser(user);
  if (!added.ok()) {
    std::fprintf(stderr, "agp: %s\n", added.error().ToString().c_str());
    return added.error().code() == core::ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
  }
  const std::string units = JoinUnits(o.units, " ");
  if (int rc = Audit(*db, clock, "user.add", o.name, o.role + (units.empty() ? "" : " " + units));
      rc != kExitOk) {
    return rc;
  }
  std::printf("Brukeren %s (%s) er opprettet.\n", o.name.c_str(),
              std::string(core::RoleLabel(*role)).c_str());
  if (!o.password_stdin) std::printf("Passord: %s  (vises bare nå)\n", password.c_str());
  return kExitOk;
}

int List(const GlobalOptions* g, const UserOptions& o) {
  auto db = OpenExisting(g);
  if (!db) return kExitFailure;
  auto users = db->Users();
  if (!users.ok()) {
    std::fprintf(stderr, "agp: %s\n", users.error().ToString().c_str());
    return kExitFailure;
  }
  if (o.format == "csv") {
    std::printf("name,role,units,disabled,created_at\n");
    for (const store::UserRecord& u : *users) {
      std::printf("%s,%s,%s,%d,%s\n", core::CsvText(u.name).c_str(), u.role.c_str(),
                  core::CsvText(JoinUnits(u.units, " ")).c_str(), u.disabled ? 1 : 0,
                  core::CsvText(u.created_at).c_str());
    }
    return kExitOk;
  }
  size_t width = 8;
  for (const store::UserRecord& u : *users) width = std::max(width, u.name.size() + 2);
  std::printf("%s%s%s%s\n", Pad("Navn", width).c_str(), Pad("Rolle", 22).c_str(),
              Pad("Status", 12).c_str(), "Enheter");
  for (const store::UserRecord& u : *users) {
    const auto role = core::ParseRole(u.role);
    std::printf("%s%s%s%s\n", Pad(u.name, width).c_str(),
                Pad(role ? core::RoleLabel(*role) : u.role, 22).c_str(),
                Pad(u.disabled ? "deaktivert" : "aktiv", 12).c_str(),
                u.units.empty() ? "–" : JoinUnits(u.units, ", ").c_str());
  }
  if (users->empty()) std::printf("(ingen brukere; lag en med agp user add NAVN --role admin)\n");
  return kExitOk;
}

// Changes the account `name` with `change` and writes the audit entry, in one transaction; prints
// `done` after it.
int ChangeAccount(const GlobalOptions* g, const std::string& name, const std::string& action,
                  const std::string& detail,
                  const std::function<core::Result<store::UserRecord>(store::Database&)>& change,
                  const std::string& done) {
  auto db = OpenExisting(g);
  if (!db) return kExitFailure;
  const core::SystemClock clock;
  int audit_rc = kExitOk;
  core::Status changed = db->Atomically([&]() -> core::Status {
    auto user = change(*db);
    if (!user.ok()) return user.error();
    audit_rc = Audit(*db, clock, action, name, detail);
    if (audit_rc != kExitOk) return core::Error(core::ErrorCode::kIo, "revisjonsloggen");
    return core::Ok{};
  });
  if (!changed.ok()) {
    if (audit_rc != kExitOk) return audit_rc;  // Audit said why; nothing was changed
    std::fprintf(stderr, "agp: %s\n", changed.error().ToString().c_str());
    const core::ErrorCode code = changed.error().code();
    return code == core::ErrorCode::kNotFound || code == core::ErrorCode::kInvalidInput
               ? kExitUsage
               : kExitFailure;
  }
  std::printf("Brukeren %s %s\n", name.c_str(), done.c_str());
  return kExitOk;
}

int Disable(const GlobalOptions* g, const UserOptions& o) {
  return ChangeAccount(
      g, o.name, "user.disable", "",
      [&](store::Database& db) { return db.SetUserDisabled(o.name, true); },
      "er deaktivert og logget ut av nettappen overalt.");
}

int Enable(const GlobalOptions* g, const UserOptions& o) {
  return ChangeAccount(
      g, o.name, "user.enable", "",
      [&](store::Database& db) { return db.SetUserDisabled(o.name, false); },
      "kan logge inn igjen.");
}

int Logout(const GlobalOptions* g, const UserOptions& o) {
  return ChangeAccount(
      g, o.name, "user.logout", "", [&](store::Database& db) { return db.EndSessions(o.name); },
      "er logget ut av nettappen overalt.");
}

int ChangeRole(const GlobalOptions* g, const UserOptions& o) {
  const auto role = RoleWithUnits(o);
  if (!role) return kExitUsage;
  {
    auto db = OpenExisting(g);
    if (!db) return kExitFailure;
    if (int rc = kExitOk; !UnitsExist(*db, o.units, &rc)) return rc;
  }
  const std::string units = JoinUnits(o.units, " ");
  return ChangeAccount(
      g, o.name, "user.role", o.role + (units.empty() ? "" : " " + units),
      [&](store::Database& db) { return db.SetUserRole(o.name, o.role, o.units); },
      "har nå rollen " + std::string(core::RoleLabel(*role)) +
          (units.empty() ? "" : " for " + JoinUnits(o.units, ", ")) +
          " og er logget ut av nettappen overalt.");
}

}  // namespace

Command UserCommand() {
  return {
      "user", "Accounts for the web app (DESIGN §6)", [](CLI::App* cmd, const GlobalOptions* g) {
        cmd->require_subcommand(1);
        auto o = std::make_shared<UserOptions>();
        CLI::App* add =
            cmd->add_subcommand("add", "Add a user; prints a new password unless --password-stdin");
        add->add_option("name", o->name, "User name (for logging in)")->required();
        add->add_option("--role", o->role, "admin, leader, union or viewer")
            ->required()
            ->check(CLI::IsMember({"admin", "leader", "union", "viewer"}));
        add->add_option("--unit", o->units, "A leader's own unit (repeatable)");
        add->add_flag("--password-stdin", o->password_stdin,
                      "Read the password from standard input");
        CLI::App* list = cmd->add_subcommand("list", "List the users with role, units and status");
        list->add_option("--format", o->format, "table or csv")
            ->check(CLI::IsMember({"table", "csv"}));
        auto named = [&](const char* name, const char* help) {
          CLI::App* sub = cmd->add_subcommand(name, help);
          sub->add_option("name", o->name, "User name")->required();
          return sub;
        };
        CLI::App* disable =
            named("disable", "Disable a user: no login, and open sessions end at once");
        CLI::App* enable = named("enable", "Let a disabled user log in again");
        CLI::App* role = named("role", "Give a user a new role (and units); ends their sessions");
        role->add_option("--role", o->role, "admin, leader, union or viewer")
            ->required()
            ->check(CLI::IsMember({"admin", "leader", "union", "viewer"}));
        role->add_option("--unit", o->units, "A leader's own unit (repeatable)");
        CLI::App* logout = named("logout", "End every session of a user in the web app");
        return std::function<int()>([=] {
          if (add->parsed()) return Add(g, *o);
          if (list->parsed()) return List(g, *o);
          if (disable->parsed()) return Disable(g, *o);
          if (enable->parsed()) return Enable(g, *o);
          if (role->parsed()) return ChangeRole(g, *o);
          if (logout->parsed()) return Logout(g, *o);
          return static_cast<int>(kExitUsage);
        });
      }};
}

}  // namespace agp::app
