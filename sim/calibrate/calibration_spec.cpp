// CALIB.toml: its schema, checked key by key, every problem collected with
// its file and line so that one try reports them all.
#include "relocsim/calibrate/calibration_spec.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <set>

#include "relocsim/sweep/defined_outcomes.hpp"
#include "error_list.hpp"
#include "file_io.hpp"
#include "suggest.hpp"
#include "toml_section.hpp"
#include "toml_text.hpp"

namespace relocsim::calibrate {
namespace {

using config::ErrorList;
using sweep::toml_text;
using sweep::detail::line_of;
using sweep::detail::Section;
using sweep::detail::tables_of;

// Enough evaluations for the search to move at all, and a cap that keeps one
// calibration's journal and file in hand (each evaluation is R runs).
constexpr long long kMaxEvaluations = 100'000;
constexpr long long kMaxReplications = 1'000;

// fit_until: a TOML date (2023-03-31) or a decimal year (2023.25).
std::optional<double> date_or_year(Section& s, const std::string& key) {
  const toml::node* n = s.get(key);
  if (n == nullptr) {
    s.error_at(nullptr, key, "missing; expected a date such as 2023-03-31");
    return std::nullopt;
  }
  if (const auto* d = n->as_date()) {
    const auto& v = d->get();
    return sweep::decimal_year(v.year, v.month, v.day);
  }
  if (const auto v = n->value<double>(); v && std::isfinite(*v)) return *v;
  s.error_at(n, key, "expected a date such as 2023-03-31 or a decimal year, got " + toml_text(*n));
  return std::nullopt;
}

int bounded_count(Section& s, const std::string& key, long long min, long long max, int fallback) {
  const auto v = s.integer(key, min, fmt::format("a whole number >= {}", min));
  if (!v) return fallback;
  if (*v > max) {
    s.error_at(s.get(key), key, fmt::format("expected at most {}, got {}", max, *v));
    return fallback;
  }
  return static_cast<int>(*v);
}

void read_method(const toml::table& table, const std::string& file, ErrorList& errors, MethodSettings& m) {
  Section s(table, "method", file, errors);
  const auto choice = [&](const std::string& key, const std::vector<std::string>& allowed, std::string& into) {
    if (const auto v = s.string(key, false)) {
      if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
        s.error_at(s.get(key), key,
                   fmt::format("unknown method '{}'; expected {}{}", *v, fmt::join(allowed, " or "),
                               config::did_you_mean(*v, allowed)));
      } else {
        into = *v;
      }
    }
  };
  choice("global", {"crs2", "none"}, m.global);
  choice("local", {"sbplx", "none"}, m.local);
  if (m.global == "none" && m.local == "none") {
    s.error_at(s.get("local"), "local", "global and local are both \"none\": nothing would be estimated");
  }
  m.global_evaluations = bounded_count(s, "global_evaluations", 1, kMaxEvaluations, m.global_evaluations);
  m.local_evaluations = bounded_count(s, "local_evaluations", 1, kMaxEvaluations, m.local_evaluations);
  if (const auto x = s.number("xtol")) {
    if (*x <= 0 || *x >= 1) {
      s.error_at(s.get("xtol"), "xtol", fmt::format("expected a share of each range in (0, 1), got {}", *x));
    } else {
      m.xtol = *x;
    }
  }
  std::string weighting = m.weighting == Weighting::TwoStep ? "two-step" : "targets";
  choice("weighting", {"targets", "two-step"}, weighting);
  m.weighting = weighting == "two-step" ? Weighting::TwoStep : Weighting::Targets;
  m.screen_points = bounded_count(s, "screen_points", 0, kMaxEvaluations, m.screen_points);
  m.draws = bounded_count(s, "draws", 0, kMaxEvaluations, m.draws);
  const auto step = [&](double v) { return v > 0 && v <= 0.5; };
  if (const toml::node* n = s.get("jacobian_steps")) {
    const auto* a = n->as_array();
    std::vector<double> steps;
    bool ok = a != nullptr && a->size() == 2;
    if (ok) {
      for (const auto& item : *a) {
        const auto v = item.value<double>();
        ok = ok && v && step(*v);
        if (v) steps.push_back(*v);
      }
    }
    if (!ok) {
      s.error_at(n, "jacobian_steps",
                 "expected two relative steps in (0, 0.5], e.g. [0.05, 0.1], got " + toml_text(*n));
    } else {
      m.jacobian_steps = steps;
    }
  }
  if (const auto v = s.number("identification_step")) {
    if (!step(*v)) {
      s.error_at(s.get("identification_step"), "identification_step",
                 fmt::format("expected a relative step in (0, 0.5], got {}", *v));
    } else {
      m.identification_step = *v;
    }
  }
  if (const auto v = s.number("min_singular_value")) {
    if (*v < 0) {
      s.error_at(s.get("min_singular_value"), "min_singular_value", fmt::format("expected a number >= 0, got {}", *v));
    } else {
      m.min_singular_value = *v;
    }
  }
  m.stop_if_unidentified = s.boolean("stop_if_unidentified").value_or(m.stop_if_unidentified);
  s.finish({"global", "global_evaluations", "local", "local_evaluations", "xtol", "weighting", "screen_points",
            "jacobian_steps", "identification_step", "draws", "min_singular_value", "stop_if_unidentified"});
}

FittedParameter read_parameter(const toml::table& table, const std::string& file, ErrorList& errors) {
  Section p(table, "parameter", file, errors);
  FittedParameter out;
  out.line = p.line();
  out.key = p.string("key", true).value_or("");
  const auto lower = p.number("lower");
  const auto upper = p.number("upper");
  if (!p.has("lower")) p.error_at(nullptr, "lower", "missing; a fitted parameter needs lower and upper bounds");
  if (!p.has("upper")) p.error_at(nullptr, "upper", "missing; a fitted parameter needs lower and upper bounds");
  if (lower && upper) {
    if (*lower >= *upper) {
      p.error_at(p.get("upper"), "upper",
                 fmt::format("expected lower < upper for {}, got lower = {}, upper = {}", out.key, *lower, *upper));
    }
    out.lower = *lower;
    out.upper = *upper;
  }
  if (const auto start = p.number("start")) {
    if (lower && upper && (*start < *lower || *start > *upper)) {
      p.error_at(p.get("start"), "start",
                 fmt::format("start = {} lies outside the bounds [{}, {}]", *start, out.lower, out.upper));
    }
    out.start = *start;
  }
  if (const toml::node* n = p.get("prior")) {
    const auto* t = n->as_table();
    const auto mean = t ? t->get("mean") : nullptr;
    const auto sd = t ? t->get("sd") : nullptr;
    const auto m = mean ? mean->value<double>() : std::nullopt;
    const auto s = sd ? sd->value<double>() : std::nullopt;
    if (t == nullptr || !m || !s || !std::isfinite(*m) || !std::isfinite(*s) || *s <= 0 || t->size() != 2) {
      p.error_at(n, "prior", "expected a normal prior { mean = M, sd = S } with S > 0, got " + toml_text(*n));
    } else {
      out.prior_mean = *m;
      out.prior_sd = *s;
    }
  }
  out.unit = p.string("unit", false).value_or("");
  out.description = p.string("description", false).value_or("");
  p.finish({"key", "lower", "upper", "start", "prior", "unit", "description"});
  return out;
}

}  // namespace

CalibrationSpec load_calibration_spec(const std::string& path) {
  ErrorList errors;
  CalibrationSpec spec;
  spec.path = path;
  const toml::table root = sweep::detail::read_definition(path, "calibration definition", errors, spec.text);
  const std::vector<std::string> sections{"calibration", "method", "parameter", "outcome"};
  for (const auto& [k, node] : root) {
    const std::string name(k.str());
    if (std::find(sections.begin(), sections.end(), name) == sections.end()) {
      errors.add({path, line_of(node)}, name,
                 "unknown key" + config::did_you_mean(name, sections) +
                     "; expected [calibration], [method], [[parameter]] and [[outcome]]");
    }
  }

  const toml::table* calibration = root.get_as<toml::table>("calibration");
  if (calibration == nullptr) {
    errors.add({path, root.contains("calibration") ? line_of(*root.get("calibration")) : 0}, "calibration",
               "missing; expected a [calibration] table with scenario, targets, fit_until and replications");
    errors.throw_if_any();
  }
  Section c(*calibration, "calibration", path, errors);
  if (const auto scenario = c.string("scenario", true)) spec.scenario = config::resolve_path(path, *scenario);
  if (const auto targets = c.string("targets", true)) spec.targets = config::resolve_path(path, *targets);
  spec.fit_until = date_or_year(c, "fit_until").value_or(0);
  spec.replications = bounded_count(c, "replications", 2, kMaxReplications, 0);
  if (!c.has("replications")) {
    c.error_at(nullptr, "replications",
               "missing; expected the number of seeds every parameter point is run on (at least 2, for the "
               "simulated moments' covariance)");
  }
  spec.master_seed = static_cast<std::uint64_t>(c.integer("master_seed", 0, "a whole number >= 0").value_or(1));
  spec.set = c.strings("set").value_or(std::vector<std::string>{});
  c.finish({"scenario", "targets", "fit_until", "replications", "master_seed", "set"});

  if (const toml::table* method = root.get_as<toml::table>("method")) {
    read_method(*method, path, errors, spec.method);
  } else if (root.contains("method")) {
    errors.add({path, line_of(*root.get("method"))}, "method", "expected a [method] table");
  }

  std::set<std::string> keys;
  for (const toml::table* t : tables_of(root, "parameter", path, errors)) {
    auto p = read_parameter(*t, path, errors);
    if (!p.key.empty() && !keys.insert(p.key).second) {
      errors.add({path, p.line}, "parameter.key", fmt::format("{} is fitted twice", p.key));
    }
    spec.parameters.push_back(std::move(p));
  }
  if (spec.parameters.empty() && !root.contains("parameter")) {
    errors.add({path, 0}, "parameter", "missing; expected at least one [[parameter]] with a key and bounds");
  }

  if (const toml::node* n = root.get("outcome")) {
    const auto* array = n->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      errors.add({path, line_of(*n)}, "outcome", "expected [[outcome]] entries (an array of tables)");
    } else {
      try {
        spec.outcomes = sweep::read_outcome_definitions(*array, path);
      } catch (const config::ConfigErrors& e) {
        for (const auto& err : e.errors()) errors.add({err.file(), err.line()}, err.key(), err.problem());
      }
    }
  } else {
    errors.add({path, 0}, "outcome", "missing; expected [[outcome]] definitions of the model outcomes the targets name");
  }
  errors.throw_if_any();
  return spec;
}

}  // namespace relocsim::calibrate
