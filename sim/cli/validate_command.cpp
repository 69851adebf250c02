#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "commands.hpp"
#include "warnings.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "relocsim/sweep/check_runs.hpp"
#include "resources.hpp"
#include "sweep_resources.hpp"

namespace relocsim::cli {
namespace {

int validate_scenario(const ValidateOptions& options) {
  const config::LoadedConfig loaded = config::load(options.config, options.overrides);
  print_warnings(loaded);
  check_resources(loaded, options.overrides);
  // Connectivity is the engine's to judge; ask it without building any firm.
  try {
    TransportNetwork network(loaded.spec);
  } catch (const SpecError& e) {
    throw config::ConfigErrors({ConfigError(loaded.path, 0, "data.legs", e.what())});
  }
  const auto& s = loaded.spec;
  fmt::print("{}: valid ({} sites, {} sectors, {} markets, {} legs, {} PLI schemes, {} firms, {} steps)\n",
             loaded.path, s.sites.size(), s.sectors.size(), s.markets.size(), s.legs.size(), s.pli.size(),
             s.population.n_firms, s.run.steps);
  return kOk;
}

// The definition and every arm (make_plan), then every run's configuration,
// then whether the sweep fits in memory with one run per thread.
int validate_sweep(const ValidateOptions& options) {
  if (!options.overrides.empty()) {
    throw ConfigError("--set", 0, "",
                      fmt::format("{} is a sweep definition; --set applies to scenarios (an arm takes its overrides "
                                  "from its own `set`)",
                                  options.config));
  }
  const sweep::SweepPlan plan = sweep::make_plan(sweep::load_sweep_spec(options.config));
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  const sweep::RunCheck check = [&] {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    return sweep::check_runs(plan);
  }();
  if (check.invalid > 0) {
    std::vector<ConfigError> errors = check.problems;
    errors.emplace_back(options.config, 0, "",
                        fmt::format("{} of the {} run configurations (design row x arm) are not valid{}", check.invalid,
                                    check.configurations,
                                    check.truncated ? "; the first problems are listed above" : ""));
    throw config::ConfigErrors(std::move(errors));
  }
  const sweep::Shard whole;
  check_sweep_memory(plan, whole, threads, plan.runs());
  fmt::print("{}: valid ({} design, {} rows x {} replications x {} arms = {} runs; all {} run configurations load)\n",
             options.config, sweep::method_name(plan.spec.method), plan.design.rows, plan.spec.replications,
             plan.arms.size(), plan.runs(), check.configurations);
  fmt::print("memory: {}\n", describe_sweep_memory(plan, whole, threads, plan.runs()));
  return kOk;
}

}  // namespace

int validate_command(const ValidateOptions& options) {
  return sweep::is_sweep_definition(options.config) ? validate_sweep(options) : validate_scenario(options);
}

}  // namespace relocsim::cli
