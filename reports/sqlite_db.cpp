#include "reports/sqlite_db.h"

#include <sqlite3.h>

#include <cctype>
#include <filesystem>
#include <stdexcept>

namespace mcuprof {

SqliteDb::SqliteDb(const std::string& path, Mode mode, int busy_timeout_ms) : path_(path) {
  // A read-only open must not create the file: a missing database is an error, not an empty result.
  if (mode == Mode::kReadOnly && !std::filesystem::exists(path))
    throw std::runtime_error(path + ": no such database");
  const int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // FULLMUTEX: one connection may be shared by the sweep's worker threads (the store also locks around its writes).
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(path + ": cannot open the database: " + message);
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
}

SqliteDb::SqliteDb(SqliteDb&& o) noexcept : path_(std::move(o.path_)), db_(o.db_) { o.db_ = nullptr; }

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

void SqliteDb::fail(int rc, std::string_view what) const {
  const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  throw std::runtime_error(path_ + ": " + std::string(what) + ": " + message);
}

void SqliteDb::exec(std::string_view sql) const {
  if (!exec_unless_busy(sql)) fail(SQLITE_BUSY, "gave up waiting for the lock");
}

bool SqliteDb::exec_unless_busy(std::string_view sql) const {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return true;
  const std::string message = error ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  if ((rc & 0xff) == SQLITE_BUSY) return false;  // extended codes are on: SQLITE_BUSY_* share the low byte
  throw std::runtime_error(path_ + ": " + message);
}

std::string SqliteDb::error_message() const { return sqlite3_errmsg(db_); }

int64_t SqliteDb::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::changes() const { return sqlite3_changes(db_); }

SqliteStatement::SqliteStatement(const SqliteDb& db, std::string_view sql) : db_(&db) {
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), int(sql.size()), &stmt_, &tail);
  if (rc != SQLITE_OK) db.fail(rc, "SQL error");
  if (!stmt_) throw std::runtime_error("empty SQL statement");
  // Only one statement per SqliteStatement: anything but blanks and ';' after it would be silently ignored.
  for (const char* p = tail; p && p < sql.data() + sql.size(); ++p)
    if (*p != ';' && !std::isspace(static_cast<unsigned char>(*p))) {
      sqlite3_finalize(stmt_);
      throw std::runtime_error("only one SQL statement at a time (found more after the first)");
    }
}

SqliteStatement::SqliteStatement(SqliteStatement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int index, int64_t value) {
  if (const int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  if (const int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const std::string& value) {
  const int rc = sqlite3_bind_text(stmt_, index, value.data(), int(value.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) db_->fail(rc, "bind");
  return *this;
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail(rc, "SQL error");
}

void SqliteStatement::run() {
  while (step()) {
  }
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int SqliteStatement::columns() const { return sqlite3_column_count(stmt_); }
std::string SqliteStatement::column_name(int i) const { return sqlite3_column_name(stmt_, i); }
bool SqliteStatement::is_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
int64_t SqliteStatement::integer(int i) const { return sqlite3_column_int64(stmt_, i); }
double SqliteStatement::real(int i) const { return sqlite3_column_double(stmt_, i); }
bool SqliteStatement::read_only() const { return sqlite3_stmt_readonly(stmt_) != 0; }

std::string SqliteStatement::text(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return p ? std::string(p, size_t(sqlite3_column_bytes(stmt_, i))) : std::string();
}

SqlValue SqliteStatement::value(int i) const {
  switch (sqlite3_column_type(stmt_, i)) {
    case SQLITE_NULL: return std::monostate{};
    case SQLITE_INTEGER: return integer(i);
    case SQLITE_FLOAT: return real(i);
    default: return text(i);
  }
}

SqliteTransaction::SqliteTransaction(const SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace mcuprof
