// Helpers shared by the web layer's tests that run a server on a demo municipality: the database
// (the workforce imported, its indicators computed, a seed policy, accounts) and the server's
// options for a test folder.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/records.h"
#include "metrics/results.h"
#include "policy/lint.h"
#include "policy/policy_store.h"
#include "store/database.h"
#include "store/passwords.h"
#include "web/context.h"
#include "web/server.h"
#include "web/test_support.h"

namespace agp::web::testing {

// Imports `w` as a package would and computes its indicators.
inline ::testing::AssertionResult ImportAndCompute(store::Database& db, const core::Workforce& w,
                                                   const core::Clock& clock) {
  store::ImportRecord record;
  record.imported_at = clock.NowUtc();
  record.source = "test";
  record.checksum = "test";
  if (!db.ReplaceWorkforce(w, record).ok()) return ::testing::AssertionFailure() << "import";
  if (!metrics::Recompute(db, w, clock).ok()) return ::testing::AssertionFailure() << "recompute";
  return ::testing::AssertionSuccess();
}

// Stores the seed policy data/policies/`file` of the source tree.
inline ::testing::AssertionResult StoreSeedPolicy(store::Database& db, const std::string& file,
                                                  const core::Clock& clock) {
  policy::Diagnostics diagnostics(file);
  policy::Policy p = policy::CheckPolicy(
      ReadFile(std::filesystem::path(AGP_SOURCE_DIR) / "data/policies" / file), &diagnostics);
  if (diagnostics.error_count() > 0) return ::testing::AssertionFailure() << file << " has errors";
  if (!policy::StorePolicy(db, p, "test", clock).ok()) {
    return ::testing::AssertionFailure() << "storing " << file;
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult AddAccount(store::Database& db, const std::string& name,
                                             const std::string& role, const std::string& password,
                                             const core::Clock& clock,
                                             std::vector<std::string> units = {}) {
  store::UserRecord user;
  user.name = name;
  user.role = role;
  user.password_hash = *store::HashPassword(password);
  user.created_at = clock.NowUtc();
  user.units = std::move(units);
  if (!db.AddUser(user).ok()) return ::testing::AssertionFailure() << "adding " << name;
  return ::testing::AssertionSuccess();
}

// A server on a free loopback port with the source tree's web/ and data/, uploads in `dir`.
inline ServeOptions TestServeOptions(const std::string& db_path, const std::filesystem::path& dir,
                                     int threads = 4) {
  ServeOptions options;
  options.port = 0;
  options.db_path = db_path;
  options.web_dir = (std::filesystem::path(AGP_SOURCE_DIR) / "web").string();
  options.data_dir = (std::filesystem::path(AGP_SOURCE_DIR) / "data").string();
  options.upload_dir = (dir / "uploads").string();
  options.threads = threads;
  return options;
}

// A fresh, empty folder for one test program's files: the temporary folder's `name`-PID.
inline std::filesystem::path FreshTestDir(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A WebServer bound to a free loopback port and served on a thread of its own, without an access
// log, until Stop() or the end of the object.
class RunningServer {
 public:
  RunningServer() = default;
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  ~RunningServer() { Stop(); }

  ::testing::AssertionResult Start(const ServeOptions& options, const core::Clock& clock) {
    server_ = std::make_unique<WebServer>(options, clock);
    server_->set_access_log(false);
    auto port = server_->Bind();
    if (!port.ok()) return ::testing::AssertionFailure() << port.error().message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Listen(); });
    return ::testing::AssertionSuccess();
  }
  void Stop() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace agp::web::testing
