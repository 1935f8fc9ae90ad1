// `mcuprof export --format csv|json`: the results database as CSV (one table) or JSON (every table).
#include <fstream>
#include <iostream>

#include "reports/power.h"
#include "reports/result_store.h"
#include "reports/sql_table.h"
#include "sim/cli/cli.h"
#include "sim/cli/results_options.h"

namespace mcuprof::cli {

namespace {

const char* const kTables[] = {"runs", "layers", "fits"};

std::string table_sql(const std::string& table) {
  return "SELECT * FROM " + table + (table == "layers" ? " ORDER BY run_id, layer_index" : " ORDER BY id");
}

size_t column(const SqlTable& t, const std::string& name) {
  return size_t(std::find(t.columns.begin(), t.columns.end(), name) - t.columns.begin());
}

// Adds avg_power_w: the board's average power at `rate_hz` inferences per second (reports/power.h); NULL where the
// run has no active or sleep power, or its inference is too slow for that rate.
void add_average_power(SqlTable& runs, double rate_hz) {
  const size_t latency = column(runs, "latency_s"), active = column(runs, "power_w"), sleep = column(runs, "sleep_w");
  runs.columns.push_back("avg_power_w");
  for (auto& row : runs.rows) {
    const auto* l = std::get_if<double>(&row[latency]);
    const auto* a = std::get_if<double>(&row[active]);
    const auto* s = std::get_if<double>(&row[sleep]);
    if (l && a && s && *l * rate_hz <= 1)
      row.push_back(average_power_w(*l, rate_hz, *a, *s));
    else
      row.push_back(std::monostate{});
  }
}

SqlTable read_table(const ResultStore& store, const std::string& table, double rate_hz) {
  SqlTable t = run_query(store.db(), table_sql(table));
  if (table == "runs" && rate_hz > 0) add_average_power(t, rate_hz);
  return t;
}

}  // namespace

int export_command(const Args& args) {
  po::options_description opts(
      "usage: mcuprof export --format csv|json [--table runs|layers|fits] [--db FILE] [--output FILE]\n\n"
      "Writes the results database: CSV holds one table (--table, default runs); JSON holds every table\n"
      "({\"schema_version\": ..., \"runs\": [...], \"layers\": [...], \"fits\": [...]}).\n\noptions");
  std::string format, table, db_path, output;
  double rate_hz = 0;
  opts.add_options()
      ("help,h", "this text")
      ("format", po::value(&format), "csv or json")
      ("table", po::value(&table)->default_value("runs"), "the table a CSV export holds: runs, layers or fits")
      ("output,o", po::value(&output), "write to FILE instead of stdout")
      ("rate", po::value(&rate_hz), "add avg_power_w to runs: average board power at this many inferences per second "
                                    "(active power during the inference, sleep power in between)");
  add_database_option(opts, db_path);
  const std::optional<po::variables_map> parsed = parse_command(args, opts);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  if (format != "csv" && format != "json") throw po::error("--format must be csv or json");
  if (std::find(std::begin(kTables), std::end(kTables), table) == std::end(kTables))
    throw po::error("--table must be runs, layers or fits");
  if (vm.count("rate") && !(rate_hz > 0)) throw po::error("--rate must be a positive number of inferences per second");

  const ResultStore store = ResultStore::open(db_path, ResultStore::Mode::kReadOnly);
  std::ofstream file;
  if (!output.empty()) {
    file.open(output);
    if (!file) throw std::runtime_error("cannot write " + output);
  }
  std::ostream& out = output.empty() ? std::cout : file;
  if (format == "csv") {
    write_table(out, read_table(store, table, rate_hz), TableFormat::kCsv);
  } else {
    nlohmann::json j = {{"schema_version", store.schema_version()}};
    for (const char* t : kTables) j[t] = to_json(read_table(store, t, rate_hz));
    out << j.dump(2) << "\n";
  }
  return 0;
}

}  // namespace mcuprof::cli
