// Thin RAII over the sqlite3 C API: a connection and prepared statements.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace agp::store {

// Owns a sqlite3 connection.
class SqliteConnection {
 public:
  SqliteConnection() = default;
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  SqliteConnection(SqliteConnection&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteConnection& operator=(SqliteConnection&& other) noexcept;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  sqlite3* get() const { return db_; }

  // Runs one or more statements that return no rows.
  core::Status Exec(const std::string& sql);
  // An Error with SQLite's message for the last failure on this connection.
  core::Error LastError(std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement. Bind parameters are 1-based as in SQLite.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  bool ok() const { return stmt_ != nullptr; }

  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);  // copied by SQLite only if needed (SQLITE_STATIC)
  Statement& BindNull(int i);
  Statement& BindOptionalText(int i, std::string_view v);  // NULL when empty

  // SQLITE_ROW → true, SQLITE_DONE → false; anything else is remembered in status().
  bool Step();
  // Steps a statement that returns no rows and resets it for reuse.
  core::Status Run();
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;

  // OK unless preparing or a step failed.
  core::Status status() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<std::string> failure_;
};

}  // namespace agp::store
