// Thin RAII over the sqlite3 C API: a connection and prepared statements.
#pragma once

#include <sqlite3.h>

#include <algorithm>
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

// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless committed, so every early return
// leaves the database as it was. Inside an open transaction (Database::Atomically) it is a
// savepoint instead, so that the outer transaction decides.
class Transaction {
 public:
  explicit Transaction(SqliteConnection* db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!open_) return;
    if (nested_) {
      (void)db_->Exec("ROLLBACK TO agp_nested; RELEASE agp_nested");
    } else {
      (void)db_->Exec("ROLLBACK");
    }
  }
  core::Status Begin() {
    nested_ = sqlite3_get_autocommit(db_->get()) == 0;
    core::Status s = db_->Exec(nested_ ? "SAVEPOINT agp_nested" : "BEGIN IMMEDIATE");
    open_ = s.ok();
    return s;
  }
  core::Status Commit() {
    core::Status s = db_->Exec(nested_ ? "RELEASE agp_nested" : "COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  SqliteConnection* db_;
  bool open_ = false;
  bool nested_ = false;
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
  sqlite3_stmt* get() const { return stmt_; }

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
  // The column's text without a copy; valid until the next Step or Reset.
  std::string_view View(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p == nullptr ? std::string_view()
                        : std::string_view(p, sqlite3_column_bytes(stmt_, col));
  }

  // OK unless preparing or a step failed.
  core::Status status() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<std::string> failure_;
};

// Inserts `count` rows into a table with statements of up to kRowsPerStatement rows each
// ("INSERT INTO t(a, b) VALUES (?, ?), (?, ?), …"): a bulk load spends its time in the b-tree, not
// in stepping one statement a row. `head` is "INSERT INTO t(a, b)"; `bind(stmt, first, i)` binds
// row i's `columns` values starting at parameter `first`; `tick()` is called once a row.
template <typename BindRow, typename Tick>
core::Status InsertRows(sqlite3* db, std::string_view head, int columns, size_t count, BindRow bind,
                        Tick tick) {
  if (count == 0) return core::Ok{};  // "INSERT … VALUES" with no rows is not SQL
  constexpr size_t kRowsPerStatement = 64;
  auto make = [&](size_t rows) {
    std::string sql(head);
    sql += " VALUES ";
    for (size_t r = 0; r < rows; ++r) {
      sql += r == 0 ? "(" : ", (";
      for (int c = 0; c < columns; ++c) sql += c == 0 ? "?" : ", ?";
      sql += ')';
    }
    return Statement(db, sql);
  };
  Statement full = make(std::min(count, kRowsPerStatement));
  size_t i = 0;
  for (; i + kRowsPerStatement <= count; i += kRowsPerStatement) {
    for (size_t r = 0; r < kRowsPerStatement; ++r) {
      bind(full, static_cast<int>(r) * columns + 1, i + r);
      tick();
    }
    if (core::Status s = full.Run(); !s.ok()) return s;
  }
  if (i < count) {
    Statement rest = make(count - i);
    for (size_t r = 0; i + r < count; ++r) {
      bind(rest, static_cast<int>(r) * columns + 1, i + r);
      tick();
    }
    if (core::Status s = rest.Run(); !s.ok()) return s;
  }
  return full.status();
}

}  // namespace agp::store
