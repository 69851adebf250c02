#include <fmt/core.h>

#include "commands.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "resources.hpp"

namespace relocsim::cli {

int validate_command(const ValidateOptions& options) {
  const config::LoadedConfig loaded = config::load(options.config, options.overrides);
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

}  // namespace relocsim::cli
