// From the unit cube to the values the runs are given.
#include "relocsim/sweep/design.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "csv_table.hpp"
#include "error_list.hpp"
#include "file_io.hpp"
#include "toml_text.hpp"
#include "toml_tree.hpp"

namespace relocsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A csv design's bounds, as sweep_spec.cpp bounds the generated designs.
constexpr std::size_t kMaxDesignRows = 1'000'000;
constexpr std::size_t kMaxDesignValues = 10'000'000;

// A TOML value's number: itself, 0/1 for a boolean, nullopt for anything else.
std::optional<double> numeric(const toml::node& node) {
  if (node.is_boolean()) return node.as_boolean()->get() ? 1.0 : 0.0;
  if (node.is_number()) return node.value<double>();
  return std::nullopt;
}

// toml_text leaves DEL (U+007F) unescaped in a string, where TOML does not
// allow it: a cell holding one would become a value no run can read. Escape
// it here. (No UTF-8 sequence but DEL itself has a 0x7F byte, and toml_text
// writes one only inside a string.)
std::string with_del_escaped(std::string text) {
  for (std::size_t i = 0; (i = text.find('\x7f', i)) != std::string::npos; i += 6) text.replace(i, 1, "\\u007F");
  return text;
}

// One TOML value; nullopt for anything else, "1\nw = 2" (two keys) included.
std::optional<toml::table> parse_value(const std::string& text) {
  try {
    toml::table table = toml::parse("v = " + text);
    if (table.size() != 1 || table.get("v") == nullptr) return std::nullopt;
    return table;
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

Design from_unit(const UnitDesign& u, const SweepSpec& spec, const std::vector<KeyType>& key_types) {
  Design d;
  for (const auto& p : spec.parameters) d.params.push_back(p.key);
  const std::size_t P = d.params.size();
  d.rows = u.rows;
  d.unit = u.unit;
  d.role = u.role;
  d.group = u.group;
  d.value.assign(d.rows * P, kNaN);
  d.text.assign(d.rows * P, "");
  d.lower.assign(P, kNaN);
  d.upper.assign(P, kNaN);
  d.distribution.assign(P, "");
  config::ErrorList errors;
  for (std::size_t j = 0; j < P; ++j) {
    const Parameter& p = spec.parameters[j];
    if (!p.levels.empty()) {
      const auto L = p.levels.size();
      std::vector<double> values(L, kNaN);
      for (std::size_t i = 0; i < L; ++i) {
        if (const auto t = parse_value(p.levels[i])) values[i] = numeric(*t->get("v")).value_or(kNaN);
      }
      const bool all_numeric = std::none_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
      if (all_numeric) {
        d.lower[j] = *std::min_element(values.begin(), values.end());
        d.upper[j] = *std::max_element(values.begin(), values.end());
      }
      d.distribution[j] = fmt::format("levels({})", L);
      for (std::size_t row = 0; row < d.rows; ++row) {
        const double x = u.at(row, j);
        const auto level = std::min(L - 1, static_cast<std::size_t>(x * static_cast<double>(L)));
        d.text[row * P + j] = p.levels[level];
        // A level that is not a number is identified by its index.
        d.value[row * P + j] = all_numeric ? values[level] : static_cast<double>(level);
      }
      continue;
    }
    const Distribution& dist = *p.distribution;
    if (key_types[j] == KeyType::Other) {
      errors.add({spec.path, p.line}, "parameter.key",
                 fmt::format("{} does not hold a number, so it cannot be given a range; list its values as levels",
                             p.key));
      continue;
    }
    if (key_types[j] == KeyType::Integer) {
      // Rounded values become 64-bit integers; beyond them the conversion is
      // undefined. An unbounded normal reaches about 38 sd from its mean.
      const double lo = std::isnan(dist.lower) ? dist.mean - 40 * dist.sd : dist.lower;
      const double hi = std::isnan(dist.upper) ? dist.mean + 40 * dist.sd : dist.upper;
      if (!(lo >= -0x1p63 && hi < 0x1p63)) {
        errors.add({spec.path, p.line}, "parameter.key",
                   fmt::format("{} holds an integer, but {} reaches beyond the 64-bit integers; narrow the range",
                               p.key, dist.describe()));
        continue;
      }
    }
    d.lower[j] = dist.lower;
    d.upper[j] = dist.upper;
    d.distribution[j] = dist.describe();
    for (std::size_t row = 0; row < d.rows; ++row) {
      double v = dist.value(u.at(row, j));
      std::string text;
      if (key_types[j] == KeyType::Integer) {
        v = std::round(v);
        text = fmt::format("{}", static_cast<long long>(v));
      } else {
        text = toml_float(v);
      }
      d.value[row * P + j] = v;
      d.text[row * P + j] = std::move(text);
    }
  }
  errors.throw_if_any();
  return d;
}

}  // namespace

std::vector<std::string> Design::overrides(std::size_t row) const {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < params.size(); ++j) out.push_back(params[j] + "=" + text[row * params.size() + j]);
  return out;
}

Design make_design(const SweepSpec& spec, const std::vector<KeyType>& key_types) {
  const std::size_t d = spec.parameters.size();
  switch (spec.method) {
    case Method::Grid: {
      std::vector<int> points;
      for (const auto& p : spec.parameters) {
        points.push_back(p.levels.empty() ? static_cast<int>(spec.n) : static_cast<int>(p.levels.size()));
      }
      return from_unit(grid_unit(points), spec, key_types);
    }
    case Method::Lhs: return from_unit(lhs_unit(spec.n, d, spec.master_seed), spec, key_types);
    case Method::Saltelli: return from_unit(saltelli_unit(spec.n, d, spec.second_order), spec, key_types);
    case Method::Morris: return from_unit(morris_unit(spec.n, d, spec.morris_levels, spec.master_seed), spec, key_types);
    case Method::Compare: {
      UnitDesign one;
      one.rows = 1;
      one.role = {""};
      one.group = {0};
      return from_unit(one, spec, key_types);
    }
    case Method::Csv: break;
  }
  throw Error("make_design: a csv design is read with read_csv_design");
}

Design read_csv_design(const std::string& path, const std::string& sweep_path, int sweep_line, std::string* contents) {
  config::ErrorList errors;
  std::string why;
  const auto text = config::read_text(path, why);
  if (!text) {
    errors.add({sweep_path, sweep_line}, "sweep.design", fmt::format("cannot open design '{}' ({})", path, why));
    errors.throw_if_any();
  }
  if (contents != nullptr) *contents = *text;
  const auto table = config::parse_csv(path, *text, errors);
  errors.throw_if_any();
  if (!table || table->rows.empty()) {
    errors.add({path, 1}, "", "the design has no rows; expected a header of keys and one row per design row");
    errors.throw_if_any();
  }
  const std::size_t rows = table->rows.size(), columns = table->header.size();
  if (rows > kMaxDesignRows) {
    errors.add({path, table->header_line}, "",
               fmt::format("the design has {} rows; expected at most {}", rows, kMaxDesignRows));
  } else if (rows * columns > kMaxDesignValues) {
    errors.add({path, table->header_line}, "",
               fmt::format("the design has {} rows x {} columns = {} values; expected at most {}", rows, columns,
                           rows * columns, kMaxDesignValues));
  }
  errors.throw_if_any();
  Design d;
  const std::size_t P = columns;
  for (std::size_t j = 0; j < P; ++j) {
    // A key as a run reads it: blanks around the parts do not count
    // ("a, b" is a header of a and b).
    const auto parts = config::split_key(table->header[j]);
    const bool valid = std::none_of(parts.begin(), parts.end(), [](const std::string& part) {
      return part.empty() || part.find('=') != std::string::npos;
    });
    d.params.push_back(fmt::format("{}", fmt::join(parts, ".")));
    if (!valid) {
      errors.add({path, table->header_line}, "",
                 fmt::format("column {}: expected a dotted key such as behaviour.logit_scale, got {}", j + 1,
                             toml_string(table->header[j])));
    }
  }
  for (std::size_t j = 0; j < P; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (d.params[i] == d.params[j]) errors.add({path, table->header_line}, d.params[j], "column given twice");
    }
    if (d.params[j] == "run.seed") {
      errors.add({path, table->header_line}, "run.seed",
                 "run.seed cannot be a column: each run's seed derives from sweep.master_seed");
    }
  }
  d.rows = table->rows.size();
  d.value.assign(d.rows * P, kNaN);
  d.unit.assign(d.rows * P, kNaN);
  d.text.assign(d.rows * P, "");
  d.lower.assign(P, kNaN);
  d.upper.assign(P, kNaN);
  d.distribution.assign(P, "csv column");
  d.role.assign(d.rows, "");
  for (std::size_t row = 0; row < d.rows; ++row) {
    const auto& r = table->rows[row];
    d.group.push_back(static_cast<std::int32_t>(row));
    d.csv_line.push_back(r.line);
    for (std::size_t j = 0; j < P && j < r.cells.size(); ++j) {
      const std::string& cell = r.cells[j];
      const auto value = parse_value(cell);
      if (!value || cell.empty()) {
        errors.add({path, r.line}, d.params[j],
                   fmt::format("'{}' is not a TOML value; expected a number, true or false, a \"quoted string\" or "
                               "an [array]",
                               cell));
        continue;
      }
      d.text[row * P + j] = with_del_escaped(toml_text(*value->get("v")));
      d.value[row * P + j] = numeric(*value->get("v")).value_or(kNaN);
    }
  }
  errors.throw_if_any();
  // The unit coordinates of a given design: each numeric column scaled to
  // [0, 1] between its smallest and largest value. A column with inf or nan
  // has no scale: its bounds and unit coordinates stay missing.
  for (std::size_t j = 0; j < P; ++j) {
    bool all_finite = true;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t row = 0; row < d.rows; ++row) {
      const double v = d.value[row * P + j];
      all_finite = all_finite && std::isfinite(v);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (!all_finite) continue;
    d.lower[j] = lo;
    d.upper[j] = hi;
    // Halves where hi - lo overflows (lo = -1e308, hi = 1e308).
    const bool halve = !std::isfinite(hi - lo);
    const double span = halve ? hi / 2 - lo / 2 : hi - lo;
    for (std::size_t row = 0; row < d.rows; ++row) {
      const double v = d.value[row * P + j];
      const double above = halve ? v / 2 - lo / 2 : v - lo;
      d.unit[row * P + j] = hi > lo ? std::clamp(above / span, 0.0, 1.0) : 0.5;
    }
  }
  return d;
}

}  // namespace relocsim::sweep
