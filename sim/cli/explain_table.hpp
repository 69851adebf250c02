#pragma once
// What `relocsim explain` prints and writes: the per-bloc table (parts as
// rows), the per-site table (sites as rows, parts grouped), and the long CSV.
#include <cstdio>
#include <string>
#include <vector>

#include "relocsim/engine/spec.hpp"
#include "relocsim/engine/value_breakdown.hpp"

namespace relocsim::cli {

struct Explained {
  const ModelSpec* spec = nullptr;
  int sector = 0;
  double year = 0;     // the date of the state valued
  Bloc from = Bloc::China;
  int from_site = -1;
  double firm_size = 0;
  int home = 0;  // index into population.home_countries
  std::vector<OptionBreakdown> options;  // entry 0 is "stay"; then the kind asked for
};

void print_bloc_table(std::FILE* out, const Explained& e, bool horizon);
void print_site_table(std::FILE* out, const Explained& e, bool horizon);
// One row per option and part (and a "total" part); see README "Explaining a location choice".
std::string explain_csv(const Explained& e);

}  // namespace relocsim::cli
