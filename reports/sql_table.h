// Query results as tables, and their three written forms (`mcuprof query` and `mcuprof export`):
// - table: columns aligned for a terminal, NULL shown as an empty cell;
// - csv: RFC 4180 (a header line; a field holding a comma, quote or line break is quoted, quotes doubled);
// - json: an array of objects, one per row, keys the column names, SQL NULL as null.
// Reals are written in the shortest form that reads back to the same double.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/sqlite_db.h"

namespace mcuprof {

struct SqlTable {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
};

enum class TableFormat { kTable, kCsv, kJson };

// "table", "csv", "json"; throws std::runtime_error naming the known formats.
TableFormat table_format_from_name(const std::string& name);

// Runs one statement and collects its rows.
SqlTable run_query(const SqliteDb& db, const std::string& sql);

void write_table(std::ostream& out, const SqlTable& table, TableFormat format);
nlohmann::json to_json(const SqlTable& table);

}  // namespace mcuprof
