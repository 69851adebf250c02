#include "relocsim/engine/value_breakdown.hpp"

#include <cmath>
#include <numeric>

namespace relocsim {

namespace {

constexpr std::array<std::string_view, kNumParts> kPartNames{
    "sales",    "tariffs",       "freight",  "time_cost", "labour",        "land_power",   "materials",
    "input_markup", "minerals",  "agglomeration", "supplier_proximity", "tax", "risk_expected", "risk_premium",
    "pli",      "peers",         "subsidy",  "setup",     "waiting"};

using Profit = std::array<double, kNumProfitParts>;

// Profit per year per unit of capacity at site s, in the terms of the
// engine's fill_profits(), each recomputed from the tables and the routes.
Profit profit_parts(const ModelSpec& spec, const ValuationTables& t, const std::vector<Route>& routes,
                    const FirmView& firm, int s) {
  const auto i = t.ks(firm.sector, s);
  const auto& sector = spec.sectors[static_cast<std::size_t>(firm.sector)];
  const int b = t.site_bloc_index[s];
  const double per_day = spec.params.time_cost_per_day;
  Profit p{};
  auto at = [&p](Part part) -> double& { return p[static_cast<int>(part)]; };
  for (int m = 0; m < t.n_markets; ++m) {
    const double w = firm.mix[m];
    const Route& r = routes[static_cast<std::size_t>(s) * t.n_markets + m];
    const double net = t.net_revenue[(static_cast<std::size_t>(firm.sector) * t.n_markets + m) * t.n_sites + s];
    // The tables hold 1 - tariff - route cost; the route's cost is freight
    // plus the time cost of its days (docs/ODD.md 7.1), so the tariff is the rest.
    at(Part::Sales) += w;
    at(Part::Tariffs) -= w * (1 - net - r.cost);
    at(Part::Freight) -= w * (r.cost - per_day * r.days);
    at(Part::TimeCost) -= w * per_day * r.days;
  }
  at(Part::Labour) = -t.labour[i] / firm.productivity;
  const double land = spec.sites[static_cast<std::size_t>(s)].land_power_cost;
  at(Part::LandPower) = -land;
  const double base = sector.materials_share;
  const double markup = sector.materials_share * spec.params.input_markup[b];
  at(Part::Materials) = -base;
  at(Part::InputMarkup) = -markup;
  at(Part::Minerals) = -(t.input_cost[i] - base - markup);
  // fixed_cost = inputs (1 - gain x density) + land and power.
  at(Part::Agglomeration) = t.input_cost[i] - (t.fixed_cost[i] - land);
  at(Part::SupplierProximity) = t.proximity_saving[i] * firm.proximity[b];
  const double margin = std::accumulate(p.begin(), p.end(), 0.0);
  // Tax is paid on a positive margin only.
  at(Part::Tax) = margin > 0 ? -(1 - t.keep[s]) * margin : 0.0;
  return p;
}

// Expected loss and premium of a footprint with bloc shares w (the engine's risk()).
std::array<double, 2> risk_parts(const ValuationTables& t, const FirmView& firm, const std::array<double, kNumBlocs>& w) {
  double mean = 0, var = 0;
  for (int b = 0; b < kNumBlocs; ++b) {
    mean += w[b] * t.expected_loss[static_cast<std::size_t>(firm.sector) * kNumBlocs + b];
    var += w[b] * w[b] * t.loss_variance[static_cast<std::size_t>(firm.sector) * kNumBlocs + b];
  }
  return {mean, firm.risk_aversion * std::sqrt(var)};
}

// Operating parts (annuity times profit parts, less risk) of a footprint
// holding `profit` with bloc shares w.
void put_operating(OptionBreakdown& out, double annuity, const Profit& profit, const std::array<double, 2>& risk) {
  for (int j = 0; j < kNumProfitParts; ++j) out.parts[j] = annuity * profit[j];
  out.parts[static_cast<int>(Part::RiskExpected)] = -annuity * risk[0];
  out.parts[static_cast<int>(Part::RiskPremium)] = -annuity * risk[1];
}

}  // namespace

std::string_view part_name(Part part) { return kPartNames[static_cast<std::size_t>(part)]; }

double OptionBreakdown::total() const { return std::accumulate(parts.begin(), parts.end(), 0.0); }

std::vector<OptionBreakdown> explain_options(const ModelSpec& spec, const ValuationTables& t,
                                             const std::vector<Route>& routes, const FirmView& firm) {
  OptionSet options;
  options.reserve(t.n_sites);
  options.record_parts = true;
  value_options(t, firm, options);

  // The firm's footprint now: share-weighted profit parts and bloc shares.
  Profit here{};
  std::array<double, kNumBlocs> shares{};
  for (const auto& plant : firm.plants) {
    if (plant.site < 0) continue;
    const Profit p = profit_parts(spec, t, routes, firm, plant.site);
    for (int j = 0; j < kNumProfitParts; ++j) here[j] += plant.share * p[j];
    shares[t.site_bloc_index[plant.site]] += plant.share;
  }

  std::vector<OptionBreakdown> out(static_cast<std::size_t>(options.count));
  for (int n = 0; n < options.count; ++n) {
    OptionBreakdown& o = out[static_cast<std::size_t>(n)];
    o.site = options.site[n];
    o.kind = options.kind[n];
    o.annuity = t.annuity;
    o.engine_value = options.value[n];
    if (o.kind == ProjectKind::None) {
      put_operating(o, t.annuity, here, risk_parts(t, firm, shares));
      continue;
    }
    const int s = o.site;
    const Profit there = profit_parts(spec, t, routes, firm, s);
    // A move puts all capacity at s; an add puts add_share there and keeps
    // the rest where it is (docs/ODD.md 7.2).
    const double a = o.kind == ProjectKind::Add ? t.add_share : 1.0;
    Profit mixed{};
    for (int j = 0; j < kNumProfitParts; ++j) mixed[j] = (1 - a) * here[j] + a * there[j];
    std::array<double, kNumBlocs> w{};
    for (int b = 0; b < kNumBlocs; ++b) w[b] = (1 - a) * shares[b];
    w[t.site_bloc_index[s]] += a;
    put_operating(o, t.annuity, o.kind == ProjectKind::Add ? mixed : there, risk_parts(t, firm, w));
    // The one-off parts are the engine's own; only set-up is split into its
    // gross cost and Japan's subsidy.
    const ValueParts& v = options.parts[n];
    const double gross = a * t.setup[firm.sector];
    o.parts[static_cast<int>(Part::Pli)] = v.pli;
    o.parts[static_cast<int>(Part::Peers)] = v.peers;
    o.parts[static_cast<int>(Part::Subsidy)] = gross - v.setup;
    o.parts[static_cast<int>(Part::Setup)] = -gross;
    o.parts[static_cast<int>(Part::Waiting)] = -v.waiting;
  }
  return out;
}

std::array<int, kNumBlocs> best_option_per_bloc(const ModelSpec& spec, const std::vector<OptionBreakdown>& options,
                                                ProjectKind kind) {
  std::array<int, kNumBlocs> best;
  best.fill(-1);
  for (std::size_t n = 0; n < options.size(); ++n) {
    const auto& o = options[n];
    if (o.kind != kind || o.site < 0) continue;
    int& b = best[static_cast<int>(spec.sites[static_cast<std::size_t>(o.site)].bloc)];
    if (b < 0 || o.engine_value > options[static_cast<std::size_t>(b)].engine_value) b = static_cast<int>(n);
  }
  return best;
}

}  // namespace relocsim
