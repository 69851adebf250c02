#include "csv_columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "relocsim/config/quote.hpp"
#include "suggest.hpp"

namespace relocsim::config {

std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

CsvColumns::CsvColumns(const CsvTable& table, std::vector<std::string> required, ErrorList& errors)
    : table_(table), errors_(errors) {
  table.columns_read = required;
  required.emplace_back("source");
  std::set<std::string> seen;
  for (const auto& name : table.header) {
    if (!name.empty() && !seen.insert(name).second) {
      errors.add({table.path, table.header_line}, name, "duplicate column; expected each column once");
      usable_ = false;
    }
  }
  // Columns nobody asked for are allowed (notes in a spreadsheet), but are the
  // likely misspellings of a missing one.
  std::vector<std::string> extra;
  for (const auto& name : table.header) {
    if (std::find(required.begin(), required.end(), name) == required.end()) extra.push_back(name);
  }
  for (const auto& name : required) {
    if (table.column(name) >= 0) continue;
    errors.add({table.path, table.header_line}, name,
               "missing column; expected it in the header" + did_you_mean(name, extra));
    usable_ = false;
  }
}

const std::string& CsvColumns::text(const CsvRow& row, std::string_view column) const {
  return row.cells[static_cast<std::size_t>(table_.column(column))];
}

void CsvColumns::reject(const CsvRow& row, std::string_view column, std::string problem) {
  errors_.add({table_.path, row.line}, std::string(column), std::move(problem));
}

std::optional<std::string> CsvColumns::nonempty(const CsvRow& row, std::string_view column) {
  const auto& cell = text(row, column);
  if (cell.empty()) {
    reject(row, column, "expected a value, got an empty cell");
    return std::nullopt;
  }
  return cell;
}

std::optional<double> CsvColumns::number(const CsvRow& row, std::string_view column, Range range) {
  const auto& cell = text(row, column);
  const auto value = parse_number(cell);
  if (!value || !range.contains(*value)) {
    // A number out of range reads as itself; anything else is quoted so that
    // an empty cell or stray spaces are visible.
    reject(row, column, fmt::format("expected {}, got {}", range.describe(), value ? cell : config::quoted(cell)));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> CsvColumns::one_of(const CsvRow& row, std::string_view column,
                                              const std::vector<std::string>& allowed) {
  const auto& cell = text(row, column);
  if (std::find(allowed.begin(), allowed.end(), cell) == allowed.end()) {
    reject(row, column, fmt::format("expected {}, got {}", or_list(allowed), config::quoted(cell)));
    return std::nullopt;
  }
  return cell;
}

std::optional<std::string> CsvColumns::unique_id(const CsvRow& row, std::string_view column) {
  auto id = nonempty(row, column);
  if (!id) return std::nullopt;
  const auto [it, inserted] = first_line_of_id_.emplace(*id, row.line);
  if (!inserted) {
    reject(row, column, fmt::format("duplicate id \"{}\"; expected ids to be unique (first at line {})", *id, it->second));
    return std::nullopt;
  }
  return id;
}

}  // namespace relocsim::config
