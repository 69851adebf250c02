// SWEEP.toml: its schema, checked key by key. Every problem is collected with
// its file and line, so one run of `relocsim sweep` reports them all.
#include "relocsim/sweep/sweep_spec.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "error_list.hpp"
#include "file_io.hpp"
#include "relocsim/sweep/outcomes.hpp"
#include "suggest.hpp"
#include "toml_section.hpp"
#include "toml_text.hpp"
#include "toml_tree.hpp"

namespace relocsim::sweep {
namespace {

using config::ErrorList;
using config::Location;
using detail::line_of;
using detail::Section;
using detail::tables_of;

// What a design may hold: a million rows (runs are numbered in int32, and
// each run of an agent-based model takes seconds) and ten million values
// (each value is a number, a unit coordinate and a TOML text in memory).
constexpr long long kMaxDesignRows = 1'000'000;
constexpr long long kMaxDesignValues = 10'000'000;
// Boost's Sobol table (Joe and Kuo) covers 3667 dimensions, 2d for saltelli.
constexpr std::size_t kMaxSaltelliParameters = 1833;

// toml_text leaves DEL (U+007F) unescaped in a string, where TOML does not
// allow it: a level holding one would become a value no run can read. Escape
// it here. (No UTF-8 sequence but DEL itself has a 0x7F byte, and toml_text
// writes one only inside a string.)
std::string with_del_escaped(std::string text) {
  for (std::size_t i = 0; (i = text.find('\x7f', i)) != std::string::npos; i += 6) text.replace(i, 1, "\\u007F");
  return text;
}


std::optional<Method> parse_method(const std::string& text) {
  static const std::map<std::string, Method> methods{{"grid", Method::Grid},     {"lhs", Method::Lhs},
                                                     {"saltelli", Method::Saltelli}, {"morris", Method::Morris},
                                                     {"csv", Method::Csv}};
  const auto it = methods.find(text);
  if (it == methods.end()) return std::nullopt;
  return it->second;
}

void read_range(Section& p, Parameter& param, ErrorList& errors, const std::string& file) {
  static const std::vector<std::string> kinds{"uniform", "loguniform", "normal"};
  Distribution d;
  const auto kind = p.string("distribution", false).value_or("uniform");
  if (kind == "uniform") {
    d.kind = Distribution::Kind::Uniform;
  } else if (kind == "loguniform") {
    d.kind = Distribution::Kind::LogUniform;
  } else if (kind == "normal") {
    d.kind = Distribution::Kind::Normal;
  } else {
    p.error_at(p.get("distribution"), "distribution",
               fmt::format("unknown distribution '{}'; expected uniform, loguniform or normal{}", kind,
                           config::did_you_mean(kind, kinds)));
    return;
  }
  const auto lower = p.number("lower");
  const auto upper = p.number("upper");
  const auto mean = p.number("mean");
  const auto sd = p.number("sd");
  const std::size_t before = errors.size();
  if (d.kind == Distribution::Kind::Normal) {
    if (!p.has("mean")) p.error_at(nullptr, "mean", "missing; a normal distribution needs mean and sd");
    if (!p.has("sd")) p.error_at(nullptr, "sd", "missing; a normal distribution needs mean and sd");
    if (sd && *sd <= 0) p.error_at(p.get("sd"), "sd", fmt::format("expected sd > 0, got {}", *sd));
    // Without a bound, the values reach about 38 sd below the mean (the
    // quantile at the smallest probability) and 8 sd above it.
    if (mean && sd && *sd > 0 &&
        ((!lower && !std::isfinite(*mean - 40 * *sd)) || (!upper && !std::isfinite(*mean + 40 * *sd)))) {
      p.error_at(p.get("sd"), "sd",
                 fmt::format("sd = {} is too wide for mean = {}: the values 40 sd from the mean are not finite "
                             "numbers; give lower and upper, or a smaller sd",
                             *sd, *mean));
    }
  } else {
    if (!p.has("lower")) p.error_at(nullptr, "lower", fmt::format("missing; a {} range needs lower and upper", kind));
    if (!p.has("upper")) p.error_at(nullptr, "upper", fmt::format("missing; a {} range needs lower and upper", kind));
    if (mean || sd) {
      p.error_at(p.get(mean ? "mean" : "sd"), mean ? "mean" : "sd",
                 fmt::format("applies to distribution = \"normal\" only, not {}", kind));
    }
    if (d.kind == Distribution::Kind::LogUniform && lower && *lower <= 0) {
      p.error_at(p.get("lower"), "lower", fmt::format("expected lower > 0 for a loguniform range, got {}", *lower));
    }
  }
  if (lower && upper && *lower >= *upper) {
    const bool empty = *lower == *upper;
    p.error_at(p.get("upper"), "upper",
               empty ? fmt::format("empty range for {}: lower = upper = {}; expected lower < upper", param.key, *lower)
                     : fmt::format("reversed range for {}: lower = {} > upper = {}; expected lower < upper",
                                   param.key, *lower, *upper));
  }
  if (errors.size() != before) return;
  (void)file;
  if (lower) d.lower = *lower;
  if (upper) d.upper = *upper;
  if (mean) d.mean = *mean;
  if (sd) d.sd = *sd;
  param.distribution = d;
}

Parameter read_parameter(const toml::table& table, const std::string& file, ErrorList& errors) {
  Section p(table, "parameter", file, errors);
  Parameter param;
  param.line = p.line();
  param.key = p.string("key", true).value_or("");
  if (!param.key.empty()) {
    // As a run reads "key=value": blanks around the parts do not count, so
    // " run.seed" and "a .b" are run.seed and a.b (and are checked as such).
    const auto parts = config::split_key(param.key);
    const bool valid = std::none_of(parts.begin(), parts.end(), [](const std::string& part) {
      return part.empty() || part.find('=') != std::string::npos;
    });
    if (valid) {
      param.key = fmt::format("{}", fmt::join(parts, "."));
    } else {
      p.error_at(p.get("key"), "key",
                 fmt::format("expected a dotted key such as behaviour.logit_scale, got {}", toml_string(param.key)));
      param.key.clear();
    }
  }
  if (const toml::node* levels = p.get("levels")) {
    const auto* a = levels->as_array();
    if (a == nullptr || a->empty()) {
      p.error_at(levels, "levels", "expected a non-empty array of values, got " + toml_text(*levels));
    } else {
      for (const auto& v : *a) param.levels.push_back(with_del_escaped(toml_text(v)));
    }
    for (const char* other : {"lower", "upper", "distribution", "mean", "sd"}) {
      if (p.has(other)) {
        p.error_at(p.get(other), other, "give either levels or a range (lower, upper, distribution), not both");
      }
    }
  } else if (p.has("lower") || p.has("upper") || p.has("distribution") || p.has("mean") || p.has("sd")) {
    read_range(p, param, errors, file);
  } else {
    p.error_at(nullptr, "levels", fmt::format("parameter {} has no values; expected levels = [...] or lower and upper",
                                              param.key.empty() ? "?" : param.key));
  }
  p.finish({"key", "levels", "lower", "upper", "distribution", "mean", "sd"});
  return param;
}

Arm read_arm(const toml::table& table, const std::string& file, ErrorList& errors) {
  Section a(table, "arm", file, errors);
  Arm arm;
  arm.line = a.line();
  arm.name = a.string("name", true).value_or("");
  if (const auto scenario = a.string("scenario", true)) {
    arm.scenario = config::resolve_path(file, *scenario);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(arm.scenario, ec)) {
      a.error_at(a.get("scenario"), "scenario",
                 fmt::format("cannot open scenario '{}' of arm '{}' (no such file)", arm.scenario, arm.name));
    }
  }
  if (const auto set = a.strings("set")) {
    for (const auto& s : *set) {
      if (s.find('=') == std::string::npos || s.front() == '=') {
        a.error_at(a.get("set"), "set", fmt::format("'{}': expected \"key=value\", e.g. \"switches.pli=false\"", s));
      }
    }
    arm.set = *set;
  }
  a.finish({"name", "scenario", "set"});
  return arm;
}

// The tables of an array of tables ([[name]]), or an error if `name` is something else.
// The design's rows and values, before make_plan allocates them: n is any
// whole number, and a grid's rows multiply.
void check_design_size(const SweepSpec& spec, Section& s) {
  if (spec.method == Method::Csv || spec.parameters.empty()) return;  // a csv design's rows are checked as it is read
  constexpr long long kCap = 1'000'000'000'000'000'000;               // rows beyond it are shown as more than it
  const auto times = [](long long a, long long b) { return b != 0 && a > kCap / b ? kCap + 1 : a * b; };
  const auto d = static_cast<long long>(spec.parameters.size());
  const long long n = std::max(spec.n, 1LL);
  long long rows = 0;
  std::string how;
  bool uses_n = true;
  switch (spec.method) {
    case Method::Grid: {
      rows = 1;
      uses_n = false;
      std::vector<long long> points;
      for (const auto& p : spec.parameters) {
        points.push_back(p.levels.empty() ? n : static_cast<long long>(p.levels.size()));
        uses_n = uses_n || p.levels.empty();
        rows = times(rows, points.back());
      }
      how = fmt::format("{} points", fmt::join(points, " x "));
      break;
    }
    case Method::Lhs:
      rows = n;
      how = fmt::format("n = {} points", n);
      break;
    case Method::Saltelli: {
      const long long each = spec.second_order ? 2 * d + 2 : d + 2;
      rows = times(n, each);
      how = fmt::format("N = {} base samples x {} rows each", n, each);
      break;
    }
    case Method::Morris:
      rows = times(n, d + 1);
      how = fmt::format("r = {} trajectories x {} points each", n, d + 1);
      break;
    case Method::Csv:
    case Method::Compare: return;
  }
  const char* key = uses_n && s.has("n") ? "n" : "method";
  const std::string shown = rows > kCap ? fmt::format("more than {}", kCap) : fmt::format("{}", rows);
  if (rows > kMaxDesignRows) {
    s.error_at(s.get(key), key,
               fmt::format("{} design rows ({}); expected at most {}", shown, how, kMaxDesignRows));
  } else if (rows * d > kMaxDesignValues) {
    s.error_at(s.get(key), key,
               fmt::format("{} design rows x {} parameters = {} values; expected at most {}", rows, d, rows * d,
                           kMaxDesignValues));
  }
}

void check_method_options(const SweepSpec& spec, Section& s, const std::string& file, ErrorList& errors) {
  const bool any_range = std::any_of(spec.parameters.begin(), spec.parameters.end(),
                                     [](const Parameter& p) { return p.distribution.has_value(); });
  const std::string method(method_name(spec.method));
  const auto only = [&](const char* key, const char* for_method) {
    if (s.has(key)) s.error_at(s.get(key), key, fmt::format("applies to method = \"{}\" only, not {}", for_method, method));
  };
  if (spec.method != Method::Saltelli) only("second_order", "saltelli");
  if (spec.method != Method::Morris) only("levels", "morris");
  if (spec.method != Method::Csv) only("design", "csv");

  const bool needs_n = spec.method == Method::Lhs || spec.method == Method::Saltelli ||
                       spec.method == Method::Morris || (spec.method == Method::Grid && any_range);
  if (needs_n && !s.has("n")) {
    const char* what = spec.method == Method::Lhs        ? "the number of points"
                       : spec.method == Method::Saltelli ? "the number of base samples N"
                       : spec.method == Method::Morris   ? "the number of trajectories"
                                                         : "the number of points along each range";
    s.error_at(nullptr, "n", fmt::format("missing; method = \"{}\" needs n, {}", method, what));
  }
  if (spec.method == Method::Grid && any_range && s.has("n") && spec.n < 2) {
    s.error_at(s.get("n"), "n", fmt::format("expected n >= 2 points along each range, got {}", spec.n));
  }
  if (spec.method == Method::Csv) {
    if (!spec.parameters.empty()) {
      errors.add({file, spec.parameters.front().line}, "parameter",
                 "method = \"csv\" takes its parameters from the columns of the design file; remove the "
                 "[[parameter]] entries");
    }
  } else if (spec.parameters.empty()) {
    errors.add({file, s.line()}, "parameter", fmt::format("method = \"{}\" needs at least one [[parameter]]", method));
  }
  if (spec.method == Method::Saltelli && spec.parameters.size() > kMaxSaltelliParameters) {
    errors.add({file, spec.parameters[kMaxSaltelliParameters].line}, "parameter",
               fmt::format("method = \"saltelli\" takes at most {} parameters (the Sobol sequence's 2d dimensions), "
                           "got {}",
                           kMaxSaltelliParameters, spec.parameters.size()));
  }
  check_design_size(spec, s);
  // Points 0 and 1 of a grid or a Morris trajectory have no finite value
  // under an unbounded normal.
  if (spec.method == Method::Grid || spec.method == Method::Morris) {
    for (const auto& p : spec.parameters) {
      if (p.distribution && !p.distribution->bounded()) {
        errors.add({file, p.line}, "parameter.distribution",
                   fmt::format("{}: method = \"{}\" samples the ends of the range, which an unbounded {} does not "
                               "have; give lower and upper",
                               p.key, method, p.distribution->describe()));
      }
    }
  }
}

}  // namespace

std::string_view method_name(Method m) {
  switch (m) {
    case Method::Grid: return "grid";
    case Method::Lhs: return "lhs";
    case Method::Saltelli: return "saltelli";
    case Method::Morris: return "morris";
    case Method::Csv: return "csv";
    case Method::Compare: return "compare";
  }
  return "unknown";
}

SweepSpec load_sweep_spec(const std::string& path) {
  ErrorList errors;
  SweepSpec spec;
  spec.path = path;
  const toml::table root = detail::read_definition(path, "sweep definition", errors, spec.text);

  for (const auto& [k, node] : root) {
    const std::string name(k.str());
    if (name != "sweep" && name != "arm" && name != "parameter" && name != "outcome") {
      errors.add({path, line_of(node)}, name,
                 "unknown key" + config::did_you_mean(name, {"sweep", "arm", "parameter", "outcome"}) +
                     "; expected [sweep], [[arm]], [[parameter]] and [[outcome]]");
    }
  }

  const toml::table* sweep_table = root.get_as<toml::table>("sweep");
  if (sweep_table == nullptr) {
    if (const toml::node* node = root.get("sweep")) {  // [[sweep]], sweep = 1, ...
      errors.add({path, line_of(*node)}, "sweep",
                 "expected a [sweep] table with method, replications and master_seed, got " +
                     (node->is_array() ? std::string("an array") : toml_text(*node)));
    } else {
      errors.add({path, 0}, "sweep", "missing; expected a [sweep] table with method, replications and master_seed");
    }
    errors.throw_if_any();
  }
  Section s(*sweep_table, "sweep", path, errors);
  bool method_known = false;
  if (const auto method = s.string("method", true)) {
    if (const auto m = parse_method(*method)) {
      spec.method = *m;
      method_known = true;
    } else {
      s.error_at(s.get("method"), "method",
                 fmt::format("unknown method '{}'; expected grid, lhs, saltelli, morris or csv{}", *method,
                             config::did_you_mean(*method, {"grid", "lhs", "saltelli", "morris", "csv"})));
    }
  }
  spec.n = s.integer("n", 1, "a whole number >= 1").value_or(0);
  // Checked before it is narrowed to int: 4294967297 must not become 1.
  if (const auto r = s.integer("replications", 1, "a whole number >= 1")) {
    if (*r > 1'000'000) {
      s.error_at(s.get("replications"), "replications", fmt::format("expected at most 1000000, got {}", *r));
    } else {
      spec.replications = static_cast<int>(*r);
    }
  }
  spec.master_seed = static_cast<std::uint64_t>(s.integer("master_seed", 0, "a whole number >= 0").value_or(1));
  spec.second_order = s.boolean("second_order").value_or(false);
  if (const auto p = s.integer("levels", 2, "an even number of levels >= 2")) {
    if (*p > 1000) {
      s.error_at(s.get("levels"), "levels", fmt::format("expected at most 1000 levels, got {}", *p));
    } else if (*p % 2 != 0) {
      s.error_at(s.get("levels"), "levels", fmt::format("expected an even number of levels >= 2, got {}", *p));
    } else {
      spec.morris_levels = static_cast<int>(*p);
    }
  }
  if (const auto design = s.string("design", false)) {
    spec.design_csv = config::resolve_path(path, *design);
    spec.design_csv_line = line_of(*s.get("design"));
  } else if (spec.method == Method::Csv) {
    s.error_at(nullptr, "design", "missing; method = \"csv\" needs design = \"FILE.csv\" (one column per key)");
  }
  const auto reference = s.string("reference", false);
  if (const auto outputs = s.strings("outputs")) {
    const auto names = output_names();
    spec.outputs_line = line_of(*s.get("outputs"));
    if (outputs->empty()) s.error_at(s.get("outputs"), "outputs", "expected at least one output name");
    for (const auto& o : *outputs) {
      if (std::find(names.begin(), names.end(), o) == names.end()) {
        s.error_at(s.get("outputs"), "outputs", fmt::format("unknown output '{}'{}", o, config::did_you_mean(o, names)));
      } else if (std::find(spec.outputs.begin(), spec.outputs.end(), o) == spec.outputs.end()) {
        spec.outputs.push_back(o);
      }
    }
  } else {
    spec.outputs = output_names();
  }

  for (const toml::table* t : tables_of(root, "arm", path, errors)) spec.arms.push_back(read_arm(*t, path, errors));
  if (spec.arms.empty() && !root.contains("arm")) {
    errors.add({path, 0}, "arm", "missing; expected at least one [[arm]] with a name and a scenario");
  }
  std::map<std::string, int> arm_lines;
  for (const auto& arm : spec.arms) {
    if (arm.name.empty()) continue;
    if (const auto [it, fresh] = arm_lines.emplace(arm.name, arm.line); !fresh) {
      errors.add({path, arm.line}, "arm.name",
                 fmt::format("arm '{}' defined twice (also at line {})", arm.name, it->second));
    }
  }
  std::vector<std::string> arm_names;
  for (const auto& arm : spec.arms) arm_names.push_back(arm.name);
  if (reference) {
    if (arm_lines.count(*reference) == 0) {
      s.error_at(s.get("reference"), "reference",
                 fmt::format("no arm is named '{}'{}", *reference, config::did_you_mean(*reference, arm_names)));
    }
    spec.reference = *reference;
  } else if (!spec.arms.empty()) {
    spec.reference = spec.arms.front().name;
  }

  std::map<std::string, int> keys;
  for (const toml::table* t : tables_of(root, "parameter", path, errors)) {
    Parameter p = read_parameter(*t, path, errors);
    if (!p.key.empty()) {
      if (const auto [it, fresh] = keys.emplace(p.key, p.line); !fresh) {
        errors.add({path, p.line}, "parameter.key",
                   fmt::format("{} is swept twice (also at line {})", p.key, it->second));
      }
      if (p.key == "run.seed") {
        errors.add({path, p.line}, "parameter.key",
                   "run.seed cannot be a parameter: each run's seed derives from sweep.master_seed");
      }
    }
    spec.parameters.push_back(std::move(p));
  }
  // Defined outcomes: their own file-only checks here, the scenario's when
  // the plan is made (check_outcome_definitions against every arm).
  try {
    spec.defined_outcomes = read_outcome_section(root, path, reserved_outcome_names());
  } catch (const config::ConfigErrors& e) {
    for (const auto& err : e.errors()) errors.add({err.file(), err.line()}, err.key(), err.problem());
  }
  s.finish({"method", "n", "replications", "master_seed", "reference", "second_order", "levels", "design", "outputs"});
  if (method_known) check_method_options(spec, s, path, errors);
  errors.throw_if_any();
  return spec;
}

SweepSpec compare_spec(const std::string& scenario_a, const std::string& scenario_b, int replications,
                       std::uint64_t master_seed) {
  SweepSpec spec;
  spec.path = "compare";
  spec.method = Method::Compare;
  spec.n = 1;
  spec.replications = replications;
  spec.master_seed = master_seed;
  spec.arms = {Arm{"A", scenario_a, {}, 0}, Arm{"B", scenario_b, {}, 0}};
  spec.reference = "A";
  spec.outputs = output_names();
  // The definition as SWEEP.toml would say it, for the archive.
  spec.text = fmt::format(
      "# relocsim compare A B: the paired difference B - A\n[sweep]\nmethod = \"compare\"\nreplications = {}\n"
      "master_seed = {}\nreference = \"A\"\n\n[[arm]]\nname = \"A\"\nscenario = {}\n\n[[arm]]\nname = \"B\"\n"
      "scenario = {}\n",
      replications, master_seed, toml_string(scenario_a), toml_string(scenario_b));
  return spec;
}

}  // namespace relocsim::sweep
