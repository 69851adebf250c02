#pragma once
// The value of an option (docs/ODD.md section 7.2) split into the parts a user
// can argue about: sales, tariffs, freight, time in transit, labour, land and
// power, inputs (at China's prices, the markup far from suppliers, critical
// minerals), agglomeration, supplier proximity, tax, risk, PLI, peers,
// Japan's subsidy, set-up and waiting. `relocsim explain` prints them.
//
// The parts are built around the engine's own value_options(): the one-off
// parts (PLI, peers, set-up, waiting) are the engine's ValueParts as they are,
// and its operating part is split into the terms of the profit formula, each
// recomputed from the same tables. So the parts add up to the engine's value
// of the option (tests/engine/test_value_breakdown.cpp checks it at every
// site of the shipped baseline).
#include <array>
#include <string_view>
#include <vector>

#include "relocsim/engine/spec.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "relocsim/engine/valuation.hpp"

namespace relocsim {

// Each part is its contribution to the option's value: costs are negative.
enum class Part : int {
  Sales,              // gross sales, the sum of the sales mix (1 unless the mix is rounded)
  Tariffs,            // duties paid at each market, borne by the producer
  Freight,            // freight cost along the cheapest route to each market
  TimeCost,           // time in transit: time_cost_per_day x days
  Labour,             // wages over productivity (site, learning, firm)
  LandPower,          // land and power
  Materials,          // purchased inputs at China's prices
  InputMarkup,        // inputs dearer far from China's supplier base
  Minerals,           // critical minerals dearer under export controls
  Agglomeration,      // input cost saved where the sector is dense
  SupplierProximity,  // input cost saved near the firm's supply partners
  Tax,                // corporate tax on a positive margin
  RiskExpected,       // expected disruption loss (the sector's beliefs)
  RiskPremium,        // risk aversion times the loss's standard deviation
  Pli,                // expected PLI payments
  Peers,              // herding: peers' recent moves to the site
  Subsidy,            // Japan's subsidy: the share of set-up expected back
  Setup,              // set-up cost of the new plant, gross of the subsidy
  Waiting,            // profit gain forgone while approval and building last
};
inline constexpr int kNumParts = 19;
// Parts up to Tax make the profit per year; the risk parts with them make the
// engine's "operating" part (times the annuity factor).
inline constexpr int kNumProfitParts = 12;
inline constexpr int kNumOperatingParts = 14;

// Short names, for CSV columns and tables.
std::string_view part_name(Part part);
inline std::string_view part_name(int part) { return part_name(static_cast<Part>(part)); }

// One option: stay (site -1, ProjectKind::None), or move/add at a site.
struct OptionBreakdown {
  int site = -1;
  ProjectKind kind = ProjectKind::None;
  // USD per USD of the firm's annual capacity, over the valuation horizon
  // (the engine's units). Divide by annuity for an equivalent per year.
  std::array<double, kNumParts> parts{};
  double annuity = 0;
  double engine_value = 0;  // value_options' value of the option, for checking
  [[nodiscard]] double total() const;
};

// Every option value_options() offers the firm, split into parts, in the same
// order: entry 0 is "stay". routes are the ones the tables were made from
// (Simulation::routes()); spec the one they were made with (Simulation::spec()).
std::vector<OptionBreakdown> explain_options(const ModelSpec& spec, const ValuationTables& tables,
                                             const std::vector<Route>& routes, const FirmView& firm);

// The index in options of each bloc's best option of this kind (highest
// value), -1 where the bloc has none.
std::array<int, kNumBlocs> best_option_per_bloc(const ModelSpec& spec, const std::vector<OptionBreakdown>& options,
                                                ProjectKind kind);

}  // namespace relocsim
