// From a calibration definition to a problem the estimator can run: the
// scenario is loaded once here, so that a bad key or outcome is reported
// before the first of thousands of runs.
#include "relocsim/calibrate/problem.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>

#include "error_list.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/seeds.hpp"
#include "relocsim/sweep/sha256.hpp"
#include "suggest.hpp"
#include "toml_text.hpp"
#include "toml_tree.hpp"

namespace relocsim::calibrate {
namespace {

using config::ErrorList;

// What the results depend on: the definition, the targets and the scenario
// as resolved, with its data files' contents rather than their paths.
std::string identity_of(const Problem& p) {
  sweep::Sha256 h;
  const auto field = [&](const std::string& name, const std::string& value) {
    h.update(fmt::format("{} {}\n", name, value.size()));
    h.update(value);
  };
  field("calibration", p.spec.text);
  toml::table tree = toml::parse(p.scenario_resolved);
  tree.erase("data");
  std::ostringstream scenario;
  scenario << tree;
  field("scenario", scenario.str());
  for (const auto& in : p.inputs) field("input", in.sha256);
  return h.hex().substr(0, 32);
}

}  // namespace

std::uint64_t Problem::seed(int replicate) const {
  // Row 0 of a one-row design: the seeds a sweep of the same master seed uses.
  return sweep::run_seed(spec.master_seed, 0, static_cast<std::uint64_t>(replicate));
}

std::vector<std::string> Problem::overrides(const Eigen::VectorXd& theta, std::uint64_t run_seed) const {
  std::vector<std::string> out = spec.set;
  for (int j = 0; j < parameters(); ++j) {
    out.push_back(spec.parameters[static_cast<std::size_t>(j)].key + "=" + sweep::toml_float(theta[j]));
  }
  out.push_back(fmt::format("run.seed={}", run_seed));
  return out;
}

Problem make_problem(CalibrationSpec spec) {
  ErrorList errors;
  Problem p;
  p.spec = std::move(spec);
  const std::string& file = p.spec.path;

  std::string targets_text;
  try {
    p.targets = load_targets(p.spec.targets, &targets_text);
  } catch (const config::ConfigErrors& e) {
    for (const auto& err : e.errors()) errors.add({err.file(), err.line()}, err.key(), err.problem());
  }

  config::LoadedConfig loaded;
  bool scenario_ok = false;
  try {
    loaded = config::load(sweep::archive_path(p.spec.scenario), p.spec.set);
    scenario_ok = true;
  } catch (const config::ConfigErrors& e) {
    errors.add({file, 0}, "calibration.scenario",
               fmt::format("scenario {} (with calibration.set) is not valid; its errors follow", p.spec.scenario));
    for (const auto& err : e.errors()) errors.add({err.file(), err.line()}, err.key(), err.problem());
  }

  const auto P = static_cast<Eigen::Index>(p.spec.parameters.size());
  p.lower.resize(P);
  p.upper.resize(P);
  p.start.resize(P);
  if (scenario_ok) {
    p.scenario_resolved = loaded.resolved_toml;
    const toml::table tree = toml::parse(loaded.resolved_toml);
    for (Eigen::Index j = 0; j < P; ++j) {
      const auto& par = p.spec.parameters[static_cast<std::size_t>(j)];
      p.lower[j] = par.lower;
      p.upper[j] = par.upper;
      p.start[j] = par.start;
      const toml::node* node = config::find_node(tree, par.key);
      if (node == nullptr) {
        errors.add({file, par.line}, "parameter.key",
                   fmt::format("{} is not a key of scenario {}{}", par.key, p.spec.scenario,
                               config::did_you_mean(par.key, config::key_paths(tree))));
        continue;
      }
      if (!node->is_floating_point()) {
        errors.add({file, par.line}, "parameter.key",
                   fmt::format("{} holds {}; only keys holding a real number can be fitted", par.key,
                               sweep::toml_text(*node)));
        continue;
      }
      if (std::isnan(par.start)) {
        const double v = node->as_floating_point()->get();
        if (v < par.lower || v > par.upper) {
          errors.add({file, par.line}, "parameter.start",
                     fmt::format("missing, and the scenario's value of {}, {}, lies outside the bounds [{}, {}]; give "
                                 "start or widen the bounds",
                                 par.key, v, par.lower, par.upper));
        }
        p.start[j] = v;
      }
    }
    try {
      sweep::check_outcome_definitions(p.spec.outcomes, loaded.spec);
    } catch (const config::ConfigErrors& e) {
      for (const auto& err : e.errors()) errors.add({err.file(), err.line()}, err.key(), err.problem());
    }
  }

  std::map<std::string, int> outcome_index;
  std::vector<std::string> outcome_names;
  for (std::size_t i = 0; i < p.spec.outcomes.size(); ++i) {
    outcome_index[p.spec.outcomes[i].name] = static_cast<int>(i);
    outcome_names.push_back(p.spec.outcomes[i].name);
  }
  for (std::size_t i = 0; i < p.targets.size(); ++i) {
    const Target& t = p.targets[i];
    const auto it = outcome_index.find(t.outcome);
    if (it == outcome_index.end()) {
      errors.add({p.spec.targets, t.line}, "outcome",
                 fmt::format("target {} names outcome '{}', which {} does not define{}", t.name, t.outcome, file,
                             config::did_you_mean(t.outcome, outcome_names)));
      p.target_outcome.push_back(-1);
      continue;
    }
    p.target_outcome.push_back(it->second);
    (t.date <= p.spec.fit_until ? p.fit : p.held_out).push_back(static_cast<int>(i));
  }
  if (!p.targets.empty() && p.fit.empty()) {
    errors.add({file, 0}, "calibration.fit_until", "no target is dated on or before fit_until: nothing to fit");
  }
  // Three over-identifying restrictions at least, so that the J-test has
  // something to test and no parameter is fitted by one moment alone.
  if (!p.fit.empty() && P > static_cast<Eigen::Index>(p.fit.size()) - 3) {
    errors.add({file, p.spec.parameters.empty() ? 0 : p.spec.parameters.back().line}, "parameter",
               fmt::format("{} parameters for {} targets inside the fit window: fit at most the number of targets "
                           "minus three ({}); leave the rest at their sourced values",
                           P, p.fit.size(), std::max<long>(0, static_cast<long>(p.fit.size()) - 3)));
  }
  errors.throw_if_any();

  sweep::add_input(p.inputs, p.spec.path, p.spec.text);
  sweep::add_input(p.inputs, p.spec.targets, targets_text);
  for (const auto& in : loaded.inputs) sweep::add_input(p.inputs, in.path, in.contents);
  p.identity = identity_of(p);
  return p;
}

}  // namespace relocsim::calibrate
