// `mcuprof query "SQL"`: one SQL statement over the results database, on a read-only connection.
#include <iostream>

#include "reports/result_store.h"
#include "reports/sql_table.h"
#include "sim/cli/cli.h"
#include "sim/cli/results_options.h"

namespace mcuprof::cli {

int query_command(const Args& args) {
  po::options_description opts(
      "usage: mcuprof query \"SQL\" [--db FILE] [--format table|csv|json]\n\n"
      "Runs one SQL statement on the results database, opened read-only (nothing can be changed), and prints the\n"
      "rows. Tables: runs, layers, fits (`mcuprof query \"SELECT sql FROM sqlite_schema\"` shows their columns).\n"
      "Example: mcuprof query \"SELECT board, count(*), avg(latency_s) FROM runs GROUP BY board\"\n\noptions");
  std::string sql, db_path, format;
  opts.add_options()
      ("help,h", "this text")
      ("format", po::value(&format)->default_value("table"), "table, csv or json");
  add_database_option(opts, db_path);
  if (!parse_command(args, opts, &sql)) return 0;
  if (sql.empty()) throw po::error("missing the SQL statement");
  const TableFormat table_format = table_format_from_name(format);
  const ResultStore store = ResultStore::open(db_path, ResultStore::Mode::kReadOnly);
  write_table(std::cout, run_query(store.db(), sql), table_format);
  return 0;
}

}  // namespace mcuprof::cli
