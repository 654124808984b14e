// Password hashing for accounts (DESIGN §6): Argon2id from libsodium, with its own salt and cost
// parameters in the stored string, so that they can be raised later without a migration.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace agp::store {

// The hash string to store ("$argon2id$v=19$m=…"), or nullopt when memory for the hash is not
// available. Interactive cost (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB, ~0.1 s).
std::optional<std::string> HashPassword(std::string_view password);

// Whether `password` matches a stored hash; false for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// A random password of `length` characters from an alphabet without look-alikes (for demo and
// first logins).
std::string RandomPassword(int length = 16);

}  // namespace agp::store
