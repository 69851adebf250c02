#include "relocsim/sweep/check_runs.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <toml++/toml.h>

#include "toml_tree.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/transport_network.hpp"

namespace relocsim::sweep {
namespace {

// "arm 'base' with design row 1 (run.steps=13): PROBLEM", for a problem of
// the whole configuration rather than of one swept value.
std::string in_run(const SweepPlan& plan, long long row, const ArmPlan& arm, const std::string& problem) {
  return fmt::format("arm '{}' with design row {} ({}): {}", arm.name, row,
                     fmt::join(plan.design.overrides(static_cast<std::size_t>(row)), ", "), problem);
}

// An error of one (row, arm) configuration, moved to where the user can fix
// it. The loader reports a bad override against "--set"; the override came
// from the design (its parameter's line, or the csv row) or from the arm.
ConfigError locate(const SweepPlan& plan, long long row, const ArmPlan& a, const ConfigError& e) {
  const Design& d = plan.design;
  if (e.file() == "--set") {
    for (std::size_t j = 0; j < d.params.size(); ++j) {
      if (d.params[j] != e.key()) continue;
      // The value alone is wrong, whatever the arm: said once per row.
      const std::string problem = fmt::format("design row {}: {}", row, e.problem());
      if (!d.csv_line.empty()) return {plan.spec.design_csv, d.csv_line[static_cast<std::size_t>(row)], e.key(), problem};
      return {plan.spec.path, plan.spec.parameters[j].line, e.key(), problem};
    }
    return {plan.spec.path, a.line, e.key(),
            fmt::format("arm '{}' with design row {}: {}", a.name, row, e.problem())};
  }
  return {e.file(), e.line(), e.key(), in_run(plan, row, a, e.problem())};
}

// The problems of one configuration, empty when it can run.
std::vector<ConfigError> check_one(const SweepPlan& plan, long long row, int arm) {
  const ArmPlan& a = plan.arms[static_cast<std::size_t>(arm)];
  std::vector<ConfigError> out;
  try {
    const config::LoadedConfig loaded = config::load(a.scenario, plan.overrides(plan.run_index(row, 0, arm)));
    check_same_axes(axes_of(loaded.spec), plan.axes);
    const TransportNetwork network(loaded.spec);  // what the engine judges itself: can every market be reached
  } catch (const config::ConfigErrors& e) {
    for (const auto& err : e.errors()) out.push_back(locate(plan, row, a, err));
  } catch (const std::exception& e) {
    out.emplace_back(plan.spec.path, a.line, "arm.scenario", in_run(plan, row, a, e.what()));
  }
  return out;
}

}  // namespace

bool is_sweep_definition(const std::string& path) {
  const auto table = config::parse_file_quietly(path);
  return table && table->contains("sweep");
}

RunCheck check_runs(const SweepPlan& plan, std::size_t max_problems) {
  const auto A = static_cast<long long>(plan.arms.size());
  const long long pairs = static_cast<long long>(plan.design.rows) * A;
  std::vector<std::vector<ConfigError>> found(static_cast<std::size_t>(pairs));
  tbb::parallel_for(tbb::blocked_range<long long>(0, pairs, 1), [&](const tbb::blocked_range<long long>& range) {
    for (long long i = range.begin(); i != range.end(); ++i) {
      found[static_cast<std::size_t>(i)] = check_one(plan, i / A, static_cast<int>(i % A));
    }
  });

  RunCheck check;
  check.configurations = pairs;
  std::vector<std::string> said;  // the current row's messages: a design value's problem is the same in every arm
  for (long long i = 0; i < pairs; ++i) {
    if (i % A == 0) said.clear();
    auto& problems = found[static_cast<std::size_t>(i)];
    if (problems.empty()) continue;
    ++check.invalid;
    for (auto& p : problems) {
      const std::string text = p.what();
      if (std::find(said.begin(), said.end(), text) != said.end()) continue;
      said.push_back(text);
      if (check.problems.size() < max_problems) {
        check.problems.push_back(std::move(p));
      } else {
        check.truncated = true;
      }
    }
  }
  return check;
}

}  // namespace relocsim::sweep
