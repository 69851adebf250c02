#include "relocsim/engine/bloc_breakdown.hpp"

#include <limits>

#include "relocsim/engine/error.hpp"
#include "relocsim/engine/representative_firm.hpp"
#include "relocsim/engine/value_breakdown.hpp"

namespace relocsim {

void append_bloc_breakdown(const Simulation& sim, ValueBreakdownTable& table) {
  const auto& spec = sim.spec();
  const int K = static_cast<int>(spec.sectors.size());
  constexpr int O = ValueBreakdownTable::kOptions;
  if (table.parts.empty())
    for (int j = 0; j < kNumParts; ++j) table.parts.emplace_back(part_name(j));
  table.n_sectors = K;
  const ValuationTables t = sim.valuation_tables();
  table.year.push_back(sim.year());
  table.annuity.push_back(t.annuity);
  for (int k = 0; k < K; ++k) {
    std::vector<double> values(static_cast<std::size_t>(O) * kNumParts, std::numeric_limits<double>::quiet_NaN());
    std::vector<std::int16_t> sites(O, -1);
    double size = std::numeric_limits<double>::quiet_NaN();
    try {
      const RepresentativeFirm firm = representative_firm(sim, k, Bloc::China);
      size = firm.firm_size;
      const auto options = explain_options(spec, t, sim.routes(), firm.view(sim));
      // Column 0 staying; column 1 + b the bloc's best move.
      const auto best = best_option_per_bloc(spec, options, ProjectKind::Move);
      std::vector<int> pick(O, -1);
      pick[0] = 0;
      for (int b = 0; b < kNumBlocs; ++b) pick[1 + b] = best[b];
      for (int c = 0; c < O; ++c) {
        if (pick[c] < 0) continue;
        const auto& o = options[pick[c]];
        sites[c] = static_cast<std::int16_t>(c == 0 ? firm.site : o.site);
        for (int j = 0; j < kNumParts; ++j) values[static_cast<std::size_t>(c) * kNumParts + j] = o.parts[j];
      }
    } catch (const Error&) {
      // No producer in China: the sector's row stays NaN.
    }
    table.firm_size.push_back(size);
    table.value.insert(table.value.end(), values.begin(), values.end());
    table.site.insert(table.site.end(), sites.begin(), sites.end());
  }
}

}  // namespace relocsim
