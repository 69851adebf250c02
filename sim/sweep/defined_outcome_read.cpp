// [[outcome]] tables read into OutcomeDefinitions: each field's type, what
// the reduction needs, what the variable's dimensions allow, and the names.
// Nothing here needs a scenario (defined_outcome_check.cpp does what does).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "error_list.hpp"
#include "outcome_variables.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"
#include "suggest.hpp"
#include "toml_text.hpp"

namespace relocsim::sweep {
namespace {

using config::ErrorList;

const std::vector<std::string> kKeys{"name",      "variable",  "reduce",       "date",         "window",
                                     "blocs",     "sites",     "corridors",    "sectors",      "markets",
                                     "homes",     "of_blocs",  "of_sites",     "of_corridors", "of_sectors",
                                     "of_markets", "numerator", "denominator", "scale",        "units",
                                     "long_name"};
const std::vector<std::string> kReductions{"value", "sum", "mean", "change", "growth", "share", "ratio"};

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

Reduce reduce_of(const std::string& name) {
  return static_cast<Reduce>(std::find(kReductions.begin(), kReductions.end(), name) - kReductions.begin());
}

// [A-Za-z_][A-Za-z0-9_]*, by hand: std::regex recurses per character, and a
// name in a file may be megabytes long.
bool valid_name(const std::string& name) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

// The table as the user wrote it, less comments and layout: its keys in the
// file's order, each value in one canonical form, so that reformatting the
// file does not change the sweep's identity and the archive shows the
// definition as written.
std::string definition_text(const toml::table& table) {
  struct Entry {
    toml::source_index line, column;
    std::string text;
  };
  std::vector<Entry> entries;
  for (const auto& [key, value] : table) {
    const auto& at = key.source().begin;
    entries.push_back({at.line, at.column, fmt::format("{} = {}", key.str(), toml_text(value))});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  std::string out;
  for (const auto& e : entries) out += e.text + "\n";
  return out;
}

// One [[outcome]] table: typed getters that report at the value's line.
class Fields {
 public:
  Fields(const toml::table& table, std::string prefix, std::string file, ErrorList& errors)
      : table_(table), prefix_(std::move(prefix)), file_(std::move(file)), errors_(errors) {}

  [[nodiscard]] const toml::node* get(const std::string& k) const { return table_.get(k); }
  [[nodiscard]] bool has(const std::string& k) const { return table_.contains(k); }
  [[nodiscard]] int line() const { return line_of(table_); }
  void reject(const std::string& k, const std::string& problem) {
    const toml::node* n = get(k);
    errors_.add({file_, n != nullptr ? line_of(*n) : line()}, prefix_ + "." + k, problem);
  }

  std::optional<std::string> string(const std::string& k) {
    const toml::node* n = get(k);
    if (n == nullptr) return std::nullopt;
    if (!n->is_string() || n->as_string()->get().empty()) {
      reject(k, "expected a non-empty string, got " + toml_text(*n));
      return std::nullopt;
    }
    return n->as_string()->get();
  }

  // A non-empty array of names; `selector` allows the one word (markets = "abroad").
  std::vector<std::string> names(const std::string& k, const char* word = nullptr, bool* got_word = nullptr) {
    const toml::node* n = get(k);
    if (n == nullptr) return {};
    if (word != nullptr && n->is_string() && n->as_string()->get() == word) {
      *got_word = true;
      return {};
    }
    std::vector<std::string> out;
    const auto* a = n->as_array();
    bool ok = a != nullptr && !a->empty();
    if (ok) {
      for (const auto& item : *a) {
        ok = ok && item.is_string() && !item.as_string()->get().empty();
        if (ok) out.push_back(item.as_string()->get());
      }
    }
    if (!ok) {
      reject(k, fmt::format("expected a non-empty array of names{}, got {}",
                            word != nullptr ? fmt::format(" or \"{}\"", word) : "", toml_text(*n)));
      return {};
    }
    return out;
  }

  // A decimal year or a TOML date.
  std::optional<double> date(const toml::node& n, const std::string& k) {
    if (const auto* d = n.as_date()) return decimal_year(d->get().year, d->get().month, d->get().day);
    if ((n.is_integer() || n.is_floating_point()) && std::isfinite(*n.value<double>())) return *n.value<double>();
    errors_.add({file_, line_of(n)}, prefix_ + "." + k,
                "expected a decimal year (2023.25) or a date (2023-03-31), got " + toml_text(n));
    return std::nullopt;
  }

  void finish() {
    for (const auto& [k, node] : table_) {
      const std::string name(k.str());
      if (std::find(kKeys.begin(), kKeys.end(), name) != kKeys.end()) continue;
      errors_.add({file_, line_of(node)}, prefix_ + "." + name, "unknown key" + config::did_you_mean(name, kKeys));
    }
  }

 private:
  const toml::table& table_;
  std::string prefix_, file_;
  ErrorList& errors_;
};

// Selections a variable of this shape takes; an error for each other one.
void check_selections(Fields& f, const OutcomeVariable& v, bool of) {
  const std::string p = of ? "of_" : "";
  const auto deny = [&](const char* key, const std::string& why) {
    if (f.has(p + key)) f.reject(p + key, why);
  };
  const std::string what = fmt::format("variable {} is {}", v.name, shape_text(v.shape));
  if (v.shape == VariableShape::BlocSector) {
    deny("sites", what + "; select blocs, not sites");
    deny("corridors", what + "; select blocs, not corridors");
  } else if (!by_site(v.shape)) {
    for (const char* key : {"blocs", "sites", "corridors"}) deny(key, what + ": it has no site or bloc to select");
  }
  if (!by_sector(v.shape)) deny("sectors", what + ": it has no sector to select");
  if (v.shape != VariableShape::SiteSectorMarket) {
    deny("markets", what + ": markets apply to variable = \"sales\" only");
  }
}

OutcomeDefinition read_one(const toml::table& table, const std::string& prefix, const std::string& file,
                           ErrorList& errors, const std::vector<OutcomeDefinition>& earlier) {
  Fields f(table, prefix, file, errors);
  OutcomeDefinition d;
  d.file = file;
  d.line = f.line();
  d.key = prefix;
  d.definition = definition_text(table);

  if (const auto name = f.string("name")) {
    if (!valid_name(*name)) {
      f.reject("name", fmt::format("expected a name of letters, digits and _ not starting with a digit (as h5py, "
                                   "pandas and R take it), got {}",
                                   toml_string(*name)));
    } else {
      d.name = *name;
    }
  } else if (!f.has("name")) {
    f.reject("name", "missing; expected name = \"...\" (letters, digits and _)");
  }

  bool reduce_ok = false;
  if (const auto reduce = f.string("reduce")) {
    if (std::find(kReductions.begin(), kReductions.end(), *reduce) == kReductions.end()) {
      f.reject("reduce", fmt::format("unknown reduction '{}'; expected one of {}{}", *reduce,
                                     fmt::join(kReductions, ", "), config::did_you_mean(*reduce, kReductions)));
    } else {
      d.reduce = reduce_of(*reduce);
      reduce_ok = true;
    }
  } else if (!f.has("reduce")) {
    f.reject("reduce", fmt::format("missing; expected one of {}", fmt::join(kReductions, ", ")));
  }
  const bool ratio = reduce_ok && d.reduce == Reduce::Ratio;
  const bool share = reduce_ok && d.reduce == Reduce::Share;

  const OutcomeVariable* variable = nullptr;
  if (ratio) {
    if (f.has("variable")) {
      f.reject("variable", "a ratio divides two outcomes named by numerator and denominator; remove variable");
    }
  } else if (const auto v = f.string("variable")) {
    variable = find_outcome_variable(*v);
    if (variable == nullptr) {
      f.reject("variable", fmt::format("unknown variable '{}'{}; see docs/SWEEP.md, \"Defined outcomes\"", *v,
                                       config::did_you_mean(*v, outcome_variable_names())));
    } else {
      d.variable = *v;
    }
  } else if (!f.has("variable")) {
    f.reject("variable", "missing; expected the name of a recorded variable, e.g. variable = \"capacity\"");
  }

  // Selections.
  d.blocs = f.names("blocs");
  d.sites = f.names("sites");
  d.corridors = f.names("corridors");
  d.sectors = f.names("sectors");
  d.markets = f.names("markets", "abroad", &d.abroad);
  d.of_blocs = f.names("of_blocs");
  d.of_sites = f.names("of_sites");
  d.of_corridors = f.names("of_corridors");
  d.of_sectors = f.names("of_sectors");
  d.of_markets = f.names("of_markets");
  if (f.has("homes")) {
    f.reject("homes", "selection by home country is not available for step variables: a run records them by site, "
                      "sector and market, not by the firms' home country; remove homes");
  }
  if (ratio) {
    for (const char* k : {"blocs", "sites", "corridors", "sectors", "markets"}) {
      if (f.has(k)) f.reject(k, "a ratio takes no selection; select in the outcomes it divides");
    }
  } else if (variable != nullptr) {
    check_selections(f, *variable, false);
    if (share) check_selections(f, *variable, true);
  }
  if (reduce_ok && !share) {
    for (const char* k : {"of_blocs", "of_sites", "of_corridors", "of_sectors", "of_markets"}) {
      if (f.has(k)) f.reject(k, "applies to reduce = \"share\" only");
    }
  }

  // When: a date or a window, as the reduction needs.
  if (const toml::node* n = f.get("date")) {
    if (const auto y = f.date(*n, "date")) d.date = *y;
  }
  if (const toml::node* n = f.get("window")) {
    const auto* a = n->as_array();
    if (a == nullptr || a->size() != 2) {
      f.reject("window", "expected [from, to], two dates or decimal years, got " + toml_text(*n));
    } else {
      const auto from = f.date(*a->get(0), "window");
      const auto to = f.date(*a->get(1), "window");
      if (from && to && *from >= *to) {
        f.reject("window", fmt::format("expected from < to, got {} to {}", *from, *to));
      } else if (from && to) {
        d.from = *from;
        d.to = *to;
      }
    }
  }
  if (reduce_ok) {
    const std::string r = kReductions[static_cast<std::size_t>(d.reduce)];
    const bool at_date = d.reduce == Reduce::Value || d.reduce == Reduce::Share;
    const bool over_window = !at_date && !ratio;
    if (at_date && !f.has("date")) f.reject("date", fmt::format("missing; reduce = \"{}\" needs a date", r));
    if (over_window && !f.has("window")) {
      f.reject("window", fmt::format("missing; reduce = \"{}\" needs window = [from, to]", r));
    }
    if (!at_date && f.has("date")) {
      f.reject("date", fmt::format("applies to reduce = \"value\" or \"share\", not \"{}\"{}", r,
                                   over_window ? "; give window = [from, to]" : ""));
    }
    if (!over_window && f.has("window")) {
      f.reject("window", fmt::format("applies to reduce = \"sum\", \"mean\", \"change\" or \"growth\", not \"{}\"{}",
                                     r, at_date ? "; give date" : ""));
    }
  }

  // A ratio of two earlier outcomes.
  for (const char* k : {"numerator", "denominator"}) {
    const auto name = f.string(k);
    if (reduce_ok && !ratio) {
      if (f.has(k)) f.reject(k, "applies to reduce = \"ratio\" only");
      continue;
    }
    if (!ratio) continue;
    if (!name) {
      if (!f.has(k)) f.reject(k, fmt::format("missing; reduce = \"ratio\" needs numerator and denominator, names of "
                                             "outcomes defined before this one"));
      continue;
    }
    std::vector<std::string> before;
    for (const auto& e : earlier) before.push_back(e.name);
    if (std::find(before.begin(), before.end(), *name) == before.end()) {
      f.reject(k, fmt::format("no outcome named '{}' is defined before this one{}", *name,
                              config::did_you_mean(*name, before)));
    } else {
      (std::string(k) == "numerator" ? d.numerator : d.denominator) = *name;
    }
  }

  if (const toml::node* n = f.get("scale")) {
    const auto v = n->value<double>();
    if ((!n->is_integer() && !n->is_floating_point()) || !v || !std::isfinite(*v)) {
      f.reject("scale", "expected a finite number, got " + toml_text(*n));
    } else {
      d.scale = *v;
    }
  }
  d.units = f.string("units").value_or("");
  d.long_name = f.string("long_name").value_or("");
  f.finish();

  // What the file does not say, from the variable, where it follows.
  if (variable != nullptr && reduce_ok) {
    if (d.units.empty()) {
      if (d.reduce == Reduce::Share || d.reduce == Reduce::Growth) {
        d.units = d.scale == 1.0 ? "1" : "";
      } else if (d.scale == 1.0) {
        d.units = variable->units;
      }
    }
    if (d.long_name.empty()) {
      d.long_name = fmt::format("{} of {} ({})", kReductions[static_cast<std::size_t>(d.reduce)], variable->name,
                                variable->long_name);
    }
  } else if (ratio && d.long_name.empty()) {
    d.long_name = fmt::format("{} / {}", d.numerator, d.denominator);
  }
  return d;
}

}  // namespace

double decimal_year(int year, int month, int day) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = month == 2 && leap ? 29 : kDays[std::clamp(month, 1, 12) - 1];
  // (months before + the fraction of this month gone at the day's end) / 12:
  // the last day of a month gives a whole number of months, so 2023-03-31 is
  // exactly 2023.25.
  return year + ((month - 1) + static_cast<double>(day) / days) / 12.0;
}

std::vector<OutcomeDefinition> read_outcome_definitions(const toml::array& outcomes, const std::string& file,
                                                        const std::vector<std::string>& reserved,
                                                        const std::string& prefix) {
  ErrorList errors;
  std::vector<OutcomeDefinition> out;
  std::map<std::string, int> lines;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string key = fmt::format("{}[{}]", prefix, i);
    const toml::table* table = outcomes.get(i)->as_table();
    if (table == nullptr) {
      errors.add({file, line_of(*outcomes.get(i))}, key, "expected a table, got " + toml_text(*outcomes.get(i)));
      continue;
    }
    OutcomeDefinition d = read_one(*table, key, file, errors, out);
    if (!d.name.empty()) {
      if (std::find(reserved.begin(), reserved.end(), d.name) != reserved.end()) {
        errors.add({file, d.line}, key + ".name",
                   fmt::format("'{}' is taken by a built-in output; choose another name", d.name));
      } else if (const auto [it, fresh] = lines.emplace(d.name, d.line); !fresh) {
        errors.add({file, d.line}, key + ".name",
                   fmt::format("outcome '{}' defined twice (also at line {})", d.name, it->second));
      }
    }
    out.push_back(std::move(d));
  }
  errors.throw_if_any();
  return out;
}

std::vector<OutcomeDefinition> read_outcome_section(const toml::table& root, const std::string& file,
                                                    const std::vector<std::string>& reserved) {
  const toml::node* node = root.get("outcome");
  if (node == nullptr) return {};
  const auto* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    throw config::ConfigErrors({ConfigError(file, line_of(*node), "outcome",
                                            "expected [[outcome]] entries (an array of tables)")});
  }
  return read_outcome_definitions(*array, file, reserved);
}

}  // namespace relocsim::sweep
