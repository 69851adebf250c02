#pragma once
// relocsim explain: why a sector's firms would or would not locate in each
// bloc, the value of each option split into its parts (value_breakdown.hpp).
#include <optional>
#include <string>
#include <vector>

namespace relocsim::cli {

struct ExplainOptions {
  std::string config;  // empty: the baseline scenario
  std::string sector;  // sector id, e.g. "electronics"
  std::optional<double> year;  // decimal year; empty: the run's start
  std::string from = "China";  // bloc the representative firm produces in
  std::optional<double> firm_size;  // USD million of output a year; empty: the median agent's
  std::string home;  // home country; empty: the bloc's most common
  bool sites = false;  // also print every site
  bool add = false;    // value "add a plant" options instead of "move all capacity"
  bool horizon = false;  // print values over the horizon instead of per year
  std::string csv;     // write the per-site table here (long format)
  std::vector<std::string> overrides;
  int threads = 0;
};

int explain_command(const ExplainOptions& options);

}  // namespace relocsim::cli
