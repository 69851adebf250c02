#pragma once
// What each option is worth to a firm: the value of docs/ODD.md section 7.2, per
// unit of the firm's capacity, in USD million per unit (so a firm's size
// matters only through the PLI thresholds and cap, and the logit's scale means
// the same for small and large firms).
//
// Per unit of capacity at site s, a firm of sector k earns each year
//   g = sum_m mix_m (1 - tariff(s,m,k) - route(s,m))          sales net of tariffs and transport
//       - inputs(k,b(s)) (1 - supplier_gain_k * proximity_b(s))  inputs, cheaper near partners
//       - land_power(s) - workers_k wage(s) / (prod(s) prod_f) / 1e6
//   profit(s) = (1 - tax(s)) g  when g > 0, else g
// and an option with bloc shares w is worth
//   A * (sum_plants share * profit - risk(w)) + PLI + peers - set-up - waiting,
//   risk(w) = sum_b w_b h_b L_b + risk_aversion * sqrt(sum_b w_b^2 h_b (1 - h_b) L_b^2),
// A the annuity factor of the horizon, h the sector's belief of each bloc's
// hazard. docs/ODD.md section 7 gives every term.
#include <array>
#include <cstdint>
#include <vector>

#include "relocsim/engine/beliefs.hpp"
#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/japan_subsidy.hpp"
#include "relocsim/engine/nested_logit.hpp"
#include "relocsim/engine/peers.hpp"
#include "relocsim/engine/pli.hpp"
#include "relocsim/engine/policy_state.hpp"
#include "relocsim/engine/spec.hpp"
#include "relocsim/engine/transport_network.hpp"

namespace relocsim {

// Everything about (sector, site) pairs that is the same for every firm in a
// step, computed once at the step's start from the state at that moment.
struct ValuationTables {
  int n_sites = 0, n_sectors = 0, n_markets = 0;
  double annuity = 0;
  double add_share = 0;
  double logit_scale = 1;
  NestParams nests;
  std::vector<double> expected_loss, loss_variance;  // [sector][bloc], from beliefs
  // [sector][bloc] sqrt(loss_variance): the risk of capacity all in one bloc
  // needs no square root of its own (most firms have one plant).
  std::vector<double> loss_sd;
  std::vector<Bloc> site_bloc;
  std::vector<std::uint8_t> open;  // [site]
  std::vector<double> keep;        // [site] 1 - corporate tax
  std::vector<double> delay_sd;    // [site] approval delay sd, years
  std::vector<double> delay_factor;  // [site] multiplier of approval delays (single window, corridor)
  // [sector][site]
  std::vector<double> fixed_cost, proximity_saving, labour, delay_years;
  // [sector][site] input cost before agglomeration's saving (minerals
  // included): only `relocsim explain` reads it, to split fixed_cost.
  std::vector<double> input_cost;
  std::vector<double> setup;  // [sector]
  std::vector<PliOffer> pli;  // [sector][site]; zero where no scheme applies
  // To value the PLI of a project already under way, as of when it will
  // produce: the programmes, their scheme per sector, and what offer() needs.
  const PliPrograms* pli_programs = nullptr;
  std::vector<int> pli_scheme;              // [sector] -1 where none (or the PLI is off)
  std::vector<double> capital_per_unit;     // [sector]
  std::vector<double> build_months;         // [sector]
  double now = 0, discount_rate = 0;
  double subsidy_granted_share = 0;  // of set-up cost, for projects that qualified when they started
  std::vector<double> peer_bonus;  // [home][sector][site] value of peers' recent moves; empty when herding is off
  // Japan's subsidy: firms of home subsidy_home producing in China expect this
  // share of a new plant's set-up cost back where the destination bloc qualifies.
  int subsidy_home = -1;
  double subsidy_share = 0;
  std::array<std::uint8_t, kNumBlocs> subsidy_destination{};
  // [sector][market][site]: the profit loop runs along sites, so it vectorises.
  std::vector<double> net_revenue;
  std::vector<std::uint8_t> site_bloc_index;  // [site] bloc as an index
  // Sites in bloc order, so a firm's options come grouped by nest.
  std::vector<std::int16_t> site_order;
  std::array<int, kNumBlocs + 1> bloc_begin{};  // bloc b's sites: site_order[bloc_begin[b] .. bloc_begin[b+1])

  [[nodiscard]] std::size_t ks(int sector, int site) const {
    return static_cast<std::size_t>(sector) * n_sites + site;
  }
};

// The state of the world at a step's start, as the valuation needs it.
struct WorldView {
  const std::vector<Route>& routes;     // [site][market]
  const std::vector<double>& wages;     // [site]
  const PliPrograms& pli;
  const PolicyState& policy;
  const Beliefs& beliefs;
  const PeerMoves* peers;               // nullptr when herding is off
  const std::vector<double>& capacity;  // [site][sector] operating now (agglomeration)
  const std::vector<double>& learning;  // [site][sector] productivity multiplier
  const JapanSubsidy& subsidy;
  double now;
};

ValuationTables make_valuation_tables(const ModelSpec& spec, const WorldView& world);

// Only the unit-cost tables (fixed_cost, proximity_saving, input_cost,
// labour), the sizes and site_bloc: what unit_cost() and the market update
// read, without the PLI offers, revenues and peers' terms.
ValuationTables make_cost_tables(const ModelSpec& spec, const WorldView& world);

// One firm as the valuation sees it.
struct FirmView {
  int sector = 0;
  int home = 0;
  bool domestic = false;
  double capacity = 0;
  double firm_size = 0;  // one represented firm's output: PLI thresholds and caps apply to it
  double productivity = 1;
  double risk_aversion = 0;
  const float* mix = nullptr;
  std::array<Plant, kMaxPlants> plants{};
  std::array<float, kNumBlocs> proximity{};  // share of partners in each bloc
};

// Inline: it runs for every firm with a project under way, every step.
inline FirmView view_of(const Firms& firms, std::size_t f, const std::array<float, kNumBlocs>& proximity) {
  FirmView v;
  v.sector = firms.sector[f];
  v.home = firms.home[f];
  v.domestic = firms.domestic(f);
  v.capacity = firms.capacity(f);
  v.firm_size = firms.firm_size[f];
  v.productivity = firms.productivity[f];
  v.risk_aversion = firms.risk_aversion[f];
  v.mix = &firms.mix[f * static_cast<std::size_t>(firms.n_markets)];
  v.plants = firms.plants[f];
  v.proximity = proximity;
  return v;
}

// An option's value in parts, per unit of capacity:
// value = operating + pli + peers - setup - waiting.
struct ValueParts {
  double operating = 0;  // annuity times (profit less risk)
  double pli = 0;        // expected PLI
  double peers = 0;      // value of peers' recent moves to the site (herding)
  double setup = 0;      // set-up cost of the new plant, net of Japan's subsidy
  double waiting = 0;    // cost of waiting for approval and building
  [[nodiscard]] double total() const { return operating + pli + peers - setup - waiting; }
};

// The options a reviewing firm chooses among, in arrays sized once (reserve)
// and overwritten for each firm: the hot loop allocates nothing. Entries
// [0, count) are valid; index 0 is "stay".
struct OptionSet {
  int count = 0;
  NestRanges ranges;                 // options grouped by nest
  std::vector<double> utility;       // logit_scale * value
  std::vector<double> value;         // per unit of capacity
  std::vector<std::uint8_t> nest;    // 0 stay, 1 + bloc
  std::vector<std::int16_t> site;    // -1 for stay
  std::vector<ProjectKind> kind;     // None for stay
  std::vector<ValueParts> parts;     // filled only when record_parts is set (the choice log)
  bool record_parts = false;
  std::vector<double> profit;        // scratch: profit per unit at each site
  std::vector<double> scratch;       // for the sampler
  void reserve(int n_sites);
};

// Fills options with every option open to the firm. Returns the number of
// sites valued (the benchmark's "firm-site evaluations").
int value_options(const ValuationTables& t, const FirmView& firm, OptionSet& options);

// Value over staying, per unit of capacity, of carrying on with a project
// under way: the set-up already spent is sunk, the wait is what is left of
// the drawn delay, the PLI is valued from when the plant will produce, a
// subsidy granted at the start stays granted, and herding's pull is not
// counted again (it is in the project's taste gap).
double continuation_gain(const ValuationTables& t, const FirmView& firm, const Project& project);

// Whether the firm drops its project under way: carrying on, with the taste
// gap that chose it, is worth less than staying. The same decision as
// continuation_gain(...) + project.taste_gap < 0, to the bit, with less work.
bool abandons(const ValuationTables& t, const FirmView& firm, const Project& project);

// The value of peers' recent moves in an option (herding), per unit of capacity.
double peers_value(const ValuationTables& t, const FirmView& firm, int site, ProjectKind kind);

// Production cost per unit at a site (inputs, labour, land and power), for reporting.
double unit_cost(const ValuationTables& t, const FirmView& firm, int site);
// The same for the parts of a firm it depends on, without building a FirmView;
// inline, for the market update's pass over every plant.
inline double unit_cost(const ValuationTables& t, int sector, const std::array<float, kNumBlocs>& proximity,
                        double productivity, int site) {
  const auto i = t.ks(sector, site);
  return t.fixed_cost[i] - t.proximity_saving[i] * proximity[t.site_bloc_index[site]] + t.labour[i] / productivity;
}

}  // namespace relocsim
