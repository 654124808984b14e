#include "store/sqlite_statement.h"

namespace agp::store {

SqliteConnection& SqliteConnection::operator=(SqliteConnection&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

SqliteConnection::~SqliteConnection() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

core::Status SqliteConnection::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return core::Error(core::ErrorCode::kIo, "database: " + text);
  }
  return core::Ok{};
}

core::Error SqliteConnection::LastError(std::string_view what) const {
  return core::Error(core::ErrorCode::kIo,
                     std::string("database: ") + std::string(what) + ": " + sqlite3_errmsg(db_));
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK) {
    failure_ = std::string("cannot prepare \"") + std::string(sql.substr(0, 60)) +
               "\": " + sqlite3_errmsg(db);
    stmt_ = nullptr;
  }
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Statement& Statement::BindOptionalText(int i, std::string_view v) {
  return v.empty() ? BindNull(i) : Bind(i, v);
}

bool Statement::Step() {
  if (stmt_ == nullptr) return false;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && !failure_) failure_ = sqlite3_errmsg(db_);
  return false;
}

core::Status Statement::Run() {
  Step();
  Reset();
  return status();
}

void Statement::Reset() {
  if (stmt_ != nullptr) sqlite3_reset(stmt_);
}

std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p != nullptr ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
                      : std::string();
}

core::Status Statement::status() const {
  if (failure_) return core::Error(core::ErrorCode::kIo, "database: " + *failure_);
  return core::Ok{};
}

}  // namespace agp::store
