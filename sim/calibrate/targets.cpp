// The targets CSV: one published observation per row, checked cell by cell.
#include "relocsim/calibrate/targets.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <regex>

#include "relocsim/sweep/defined_outcomes.hpp"
#include "csv_columns.hpp"
#include "csv_table.hpp"
#include "error_list.hpp"
#include "file_io.hpp"

namespace relocsim::calibrate {
namespace {

using config::CsvColumns;
using config::CsvRow;
using config::ErrorList;
using config::Range;

// YYYY-MM-DD with a real day of a real month.
std::optional<double> parse_date(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  return sweep::decimal_year(y, m, d);
}

}  // namespace

std::vector<Target> load_targets(const std::string& path, std::string* contents) {
  ErrorList errors;
  std::string why;
  const auto text = config::read_text(path, why);
  if (!text) {
    errors.add({path, 0}, "", "cannot open the targets file (" + why + ")");
    errors.throw_if_any();
  }
  if (contents != nullptr) *contents = *text;
  const auto table = config::parse_csv(path, *text, errors);
  std::vector<Target> out;
  if (!table) {
    errors.throw_if_any();
    return out;
  }
  CsvColumns c(*table, {"name", "series", "outcome", "date", "value", "unit", "se", "rel_se", "to_model", "conversion"},
               errors);
  if (c.usable()) {
    static const std::regex kName("[A-Za-z_][A-Za-z0-9_]*");
    for (const CsvRow& row : table->rows) {
      Target t;
      t.line = row.line;
      if (const auto name = c.unique_id(row, "name")) {
        if (!std::regex_match(*name, kName)) {
          c.reject(row, "name", fmt::format("expected a name of letters, digits and _ not starting with a digit "
                                            "(h5py, pandas and R use it as a label), got '{}'", *name));
        }
        t.name = *name;
      }
      t.series = c.nonempty(row, "series").value_or("");
      t.outcome = c.nonempty(row, "outcome").value_or("");
      t.unit = c.nonempty(row, "unit").value_or("");
      t.conversion = c.nonempty(row, "conversion").value_or("");
      t.source = c.nonempty(row, "source").value_or("");
      if (const auto date = c.nonempty(row, "date")) {
        if (const auto year = parse_date(*date)) {
          t.date = *year;
          t.date_label = *date;
        } else {
          c.reject(row, "date", fmt::format("expected a date YYYY-MM-DD, got '{}'", *date));
        }
      }
      t.value = c.number(row, "value", Range::any()).value_or(0);
      t.to_model = c.number(row, "to_model", Range::above(0)).value_or(1);
      const bool has_se = !c.text(row, "se").empty(), has_rel = !c.text(row, "rel_se").empty();
      if (has_se == has_rel) {
        c.reject(row, has_se ? "rel_se" : "se",
                 has_se ? "give either se or rel_se, not both"
                        : "missing; give the observation's uncertainty as se (in its unit) or rel_se (a share of it)");
      } else if (has_se) {
        t.se = c.number(row, "se", Range::above(0)).value_or(0);
      } else if (const auto rel = c.number(row, "rel_se", Range::above(0))) {
        t.se = *rel * std::fabs(t.value);
        if (t.se <= 0) c.reject(row, "rel_se", "a relative uncertainty of a value of 0 is 0; give se instead");
      }
      out.push_back(std::move(t));
    }
    if (table->rows.empty()) errors.add({path, table->header_line}, "", "no targets: expected at least one row");
  }
  errors.throw_if_any();
  return out;
}

}  // namespace relocsim::calibrate
