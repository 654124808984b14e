// agp user add NAME --role ROLE [--unit ID …]: accounts for the web app (DESIGN §6). The password
// is read from standard input with --password-stdin, or made up and printed once.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "core/role.h"
#include "store/database.h"
#include "store/passwords.h"

namespace agp::app {
namespace {

struct UserOptions {
  std::string name;
  std::string role;
  std::vector<std::string> units;
  bool password_stdin = false;
};

int Add(const GlobalOptions* g, const UserOptions& o) {
  const auto role = core::ParseRole(o.role);
  if (!role) return kExitUsage;  // CLI11 checked the word
  if (*role == core::Role::kLeader && o.units.empty()) {
    std::fprintf(stderr, "agp: en leder trenger minst én enhet (--unit ID)\n");
    return kExitUsage;
  }
  if (*role != core::Role::kLeader && !o.units.empty()) {
    std::fprintf(stderr, "agp: bare ledere har egne enheter (--unit gjelder --role leader)\n");
    return kExitUsage;
  }
  auto db = store::OpenSqlite(g->db_path, {.create = false});
  if (!db.ok()) {
    std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
    return kExitFailure;
  }
  auto keys = (*db)->UnitKeys();
  if (!keys.ok()) {
    std::fprintf(stderr, "agp: %s\n", keys.error().ToString().c_str());
    return kExitFailure;
  }
  for (const std::string& unit : o.units) {
    if (!std::binary_search(keys->begin(), keys->end(), unit)) {
      std::fprintf(stderr, "agp: enheten «%s» finnes ikke i databasen\n", unit.c_str());
      return kExitUsage;
    }
  }
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
  auto added = (*db)->AddUser(user);
  if (!added.ok()) {
    std::fprintf(stderr, "agp: %s\n", added.error().ToString().c_str());
    return added.error().code() == core::ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
  }
  std::string units;
  for (const std::string& u : o.units) units += (units.empty() ? "" : " ") + u;
  if (int rc = Audit(**db, clock, "user.add", o.name, o.role + (units.empty() ? "" : " " + units));
      rc != kExitOk) {
    return rc;
  }
  std::printf("Brukeren %s (%s) er opprettet.\n", o.name.c_str(),
              std::string(core::RoleLabel(*role)).c_str());
  if (!o.password_stdin) std::printf("Passord: %s  (vises bare nå)\n", password.c_str());
  return kExitOk;
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
        return std::function<int()>([g, o, add] {
          if (add->parsed()) return Add(g, *o);
          return static_cast<int>(kExitUsage);
        });
      }};
}

}  // namespace agp::app
