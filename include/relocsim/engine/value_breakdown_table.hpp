#pragma once
// The small table of value parts a run file keeps for its report's waterfall
// (docs/OUTPUT.md, "value_breakdown"): for each sector's representative
// China producer (representative_firm.hpp), the parts of staying and of
// moving all capacity to the best site of each bloc, at the run's start and
// end. Plain data, so the writer needs nothing of the engine.
#include <cstdint>
#include <string>
#include <vector>

namespace relocsim {

struct ValueBreakdownTable {
  static constexpr int kOptions = 4;  // stay, then the best site of China, ASEAN, India
  int n_sectors = 0;
  std::vector<std::string> parts;  // part names, value_breakdown.hpp's order
  std::vector<double> year;        // [time] decimal year of the state valued
  std::vector<double> annuity;     // [time] annuity factor: horizon value / annuity = per year
  std::vector<double> firm_size;   // [time][sector] USD million of output a year
  std::vector<double> value;       // [time][sector][option][part] USD per USD of annual capacity, over the horizon
  std::vector<std::int16_t> site;  // [time][sector][option] site index, -1 where the bloc offers none
};

}  // namespace relocsim
