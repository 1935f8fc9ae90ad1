#include "reports/sql_table.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace mcuprof {

namespace {

std::string shortest(double v) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  return std::string(buffer, end);
}

struct CellText {
  std::string operator()(std::monostate) const { return ""; }
  std::string operator()(int64_t v) const { return std::to_string(v); }
  std::string operator()(double v) const { return shortest(v); }
  std::string operator()(const std::string& v) const { return v; }
};

std::string cell_text(const SqlValue& v) { return std::visit(CellText{}, v); }

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_csv(std::ostream& out, const SqlTable& t) {
  for (size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << csv_field(t.columns[c]);
  out << "\r\n";
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_field(cell_text(row[c]));
    out << "\r\n";
  }
}

void write_aligned(std::ostream& out, const SqlTable& t) {
  std::vector<size_t> width(t.columns.size());
  for (size_t c = 0; c < t.columns.size(); ++c) width[c] = t.columns[c].size();
  for (const auto& row : t.rows)
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], cell_text(row[c]).size());
  auto line = [&](auto text_of) {
    for (size_t c = 0; c < width.size(); ++c) {
      const std::string text = text_of(c);
      out << (c ? "  " : "") << text;
      if (c + 1 < width.size()) out << std::string(width[c] - text.size(), ' ');
    }
    out << "\n";
  };
  line([&](size_t c) { return t.columns[c]; });
  line([&](size_t c) { return std::string(width[c], '-'); });
  for (const auto& row : t.rows) line([&](size_t c) { return cell_text(row[c]); });
}

struct JsonCell {
  nlohmann::json operator()(std::monostate) const { return nullptr; }
  nlohmann::json operator()(int64_t v) const { return v; }
  nlohmann::json operator()(double v) const { return v; }
  nlohmann::json operator()(const std::string& v) const { return v; }
};

}  // namespace

TableFormat table_format_from_name(const std::string& name) {
  if (name == "table") return TableFormat::kTable;
  if (name == "csv") return TableFormat::kCsv;
  if (name == "json") return TableFormat::kJson;
  throw std::runtime_error("unknown format '" + name + "' (known: table, csv, json)");
}

SqlTable run_query(const SqliteDb& db, const std::string& sql) {
  SqliteStatement s(db, sql);
  SqlTable t;
  for (int c = 0; c < s.columns(); ++c) t.columns.push_back(s.column_name(c));
  while (s.step()) {
    std::vector<SqlValue> row;
    for (int c = 0; c < s.columns(); ++c) row.push_back(s.value(c));
    t.rows.push_back(std::move(row));
  }
  return t;
}

nlohmann::json to_json(const SqlTable& t) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : t.rows) {
    nlohmann::json object = nlohmann::json::object();
    for (size_t c = 0; c < row.size(); ++c) object[t.columns[c]] = std::visit(JsonCell{}, row[c]);
    rows.push_back(std::move(object));
  }
  return rows;
}

void write_table(std::ostream& out, const SqlTable& t, TableFormat format) {
  switch (format) {
    case TableFormat::kTable: return write_aligned(out, t);
    case TableFormat::kCsv: return write_csv(out, t);
    case TableFormat::kJson: out << to_json(t).dump(2) << "\n"; return;
  }
}

}  // namespace mcuprof
