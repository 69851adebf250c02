#pragma once
// Where a key of a scenario was set, for checks made after loading (does the
// run fit in memory?) whose messages must point at the file and line like
// the loader's own.
#include <string>
#include <vector>

#include "relocsim/engine/error.hpp"

namespace relocsim::config {

// A ConfigError at the place `key` was set in the scenario at `path` with
// `overrides` applied as load() applies them: the file of the extends chain
// (or "--set") and the line. Reads the scenario files again; falls back to
// `path` without a line if they can no longer be read.
ConfigError error_at_key(const std::string& path, const std::vector<std::string>& overrides, const std::string& key,
                         std::string problem);

}  // namespace relocsim::config
