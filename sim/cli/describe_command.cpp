// relocsim describe: the parameter table of the resolved configuration, so that
// a paper's appendix comes from the code rather than from memory.
#include <fmt/core.h>

#include "commands.hpp"
#include "warnings.hpp"
#include "input_kind.hpp"
#include "relocsim/config/describe.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"

namespace relocsim::cli {

int describe_command(const DescribeOptions& options) {
  const std::string path = options.config.empty() ? default_config() : options.config;
  require_scenario(path, "describe");
  const config::LoadedConfig loaded = config::load(path, options.overrides);
  print_warnings(loaded);
  const auto rows = config::parameter_table(loaded);
  if (options.format == "csv") {
    fmt::print("{}", config::parameter_csv(rows));
  } else {
    fmt::print("# Parameters of {}\n\n{}", loaded.path, config::parameter_markdown(rows));
  }
  return kOk;
}

}  // namespace relocsim::cli
