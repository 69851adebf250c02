#pragma once
// Values the loader accepted but that are probably mistakes (a tariff rate
// of 3, likely meant as 3 %), printed on stderr as "warning: file:line: key:
// ...", like errors, so the run goes on and the user still sees them.
#include "relocsim/config/load.hpp"

namespace relocsim::cli {

void print_warnings(const config::LoadedConfig& loaded);

}  // namespace relocsim::cli
