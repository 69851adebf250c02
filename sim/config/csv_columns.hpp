#pragma once
// Typed, checked access to the cells of one CSV table. Like TomlReader, it
// records located errors ("file:line: column: expected ..., got ...") and
// returns nullopt rather than throwing, so that every bad cell is reported.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv_table.hpp"
#include "error_list.hpp"
#include "range.hpp"

namespace relocsim::config {

class CsvColumns {
 public:
  // Checks that the header names every column in `required` and `source`, each once.
  CsvColumns(const CsvTable& table, std::vector<std::string> required, ErrorList& errors);

  // False when a required column is missing: the rows are then not read, as
  // every one of them would fail the same way.
  [[nodiscard]] bool usable() const { return usable_; }
  [[nodiscard]] const CsvTable& table() const { return table_; }
  [[nodiscard]] const std::string& path() const { return table_.path; }

  [[nodiscard]] const std::string& text(const CsvRow& row, std::string_view column) const;
  std::optional<std::string> nonempty(const CsvRow& row, std::string_view column);
  std::optional<double> number(const CsvRow& row, std::string_view column, Range range);
  std::optional<std::string> one_of(const CsvRow& row, std::string_view column,
                                    const std::vector<std::string>& allowed);
  // A non-empty id not seen in an earlier row of this table.
  std::optional<std::string> unique_id(const CsvRow& row, std::string_view column);

  void reject(const CsvRow& row, std::string_view column, std::string problem);

 private:
  const CsvTable& table_;
  ErrorList& errors_;
  bool usable_ = true;
  std::map<std::string, int> first_line_of_id_;
};

// "a, b or c", for listing what is allowed.
std::string or_list(const std::vector<std::string>& items);

}  // namespace relocsim::config
