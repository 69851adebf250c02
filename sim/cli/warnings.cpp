#include "warnings.hpp"

#include <cstdio>

#include <fmt/core.h>

namespace relocsim::cli {

void print_warnings(const config::LoadedConfig& loaded) {
  for (const auto& w : loaded.warnings) fmt::print(stderr, "warning: {}\n", w.what());
}

}  // namespace relocsim::cli
