// A thin RAII layer over libsqlite3: a connection, prepared statements with typed binds and reads, and transactions.
// Every SQLite error becomes one std::runtime_error line naming the database file and SQLite's own message.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace mcuprof {

// One SQL value as read back: NULL, integer, real or text (blobs are read as text).
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

class SqliteDb;

class SqliteStatement {
 public:
  SqliteStatement(const SqliteDb& db, std::string_view sql);
  SqliteStatement(SqliteStatement&&) noexcept;
  ~SqliteStatement();

  // Binds by 1-based position; returns *this so binds chain.
  SqliteStatement& bind(int index, int64_t value);
  SqliteStatement& bind(int index, double value);
  SqliteStatement& bind(int index, const std::string& value);
  SqliteStatement& bind_null(int index);
  // Steps once: true while a row is available, false when done.
  bool step();
  // Steps to the end (statements returning no rows).
  void run();
  void reset();

  int columns() const;
  std::string column_name(int i) const;
  SqlValue value(int i) const;
  int64_t integer(int i) const;
  double real(int i) const;
  std::string text(int i) const;
  bool is_null(int i) const;
  // Whether the statement cannot change the database (sqlite3_stmt_readonly).
  bool read_only() const;

 private:
  const SqliteDb* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  // Opens (kReadWrite: creating it when absent) the database at `path` with a busy timeout, so concurrent writers
  // (other processes or connections) wait for each other instead of failing. Does not read the file yet: SQLite finds
  // out that a file is no database on the first statement.
  SqliteDb(const std::string& path, Mode mode, int busy_timeout_ms);
  SqliteDb(SqliteDb&&) noexcept;
  ~SqliteDb();

  void exec(std::string_view sql) const;  // one or more statements, no results
  // exec, but SQLITE_BUSY (the lock was refused) returns false instead of throwing.
  bool exec_unless_busy(std::string_view sql) const;
  int64_t last_insert_id() const;
  std::string error_message() const;  // SQLite's message for the last error on this connection
  int changes() const;
  const std::string& path() const { return path_; }
  // Throws "<path>: <what>: <sqlite message>" for SQLite result code `rc`.
  [[noreturn]] void fail(int rc, std::string_view what) const;
  sqlite3* handle() const { return db_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted (an exception). IMMEDIATE takes the write lock at
// the start, so two writers never both hold read snapshots they then try to upgrade (which SQLite resolves by failing
// one of them with SQLITE_BUSY at once, without waiting for the busy timeout).
class SqliteTransaction {
 public:
  explicit SqliteTransaction(const SqliteDb& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  const SqliteDb& db_;
  bool done_ = false;
};

}  // namespace mcuprof
