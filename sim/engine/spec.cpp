#include "relocsim/engine/spec.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "relocsim/engine/error.hpp"
#include "relocsim/engine/strata.hpp"

namespace relocsim {
namespace {

template <class T, class Key>
int find_index(const std::vector<T>& items, const std::string& wanted, Key key) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return key(x) == wanted; });
  return it == items.end() ? -1 : static_cast<int>(it - items.begin());
}

void require(bool ok, const std::string& what) {
  if (!ok) throw SpecError("invalid model description: " + what);
}

bool finite_nonneg(double x) { return std::isfinite(x) && x >= 0; }
bool unit_interval(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }

}  // namespace

int ModelSpec::country_index(const std::string& name) const {
  return find_index(countries, name, [](const std::string& c) { return c; });
}
int ModelSpec::site_index(const std::string& id) const {
  return find_index(sites, id, [](const SiteSpec& s) { return s.id; });
}
int ModelSpec::sector_index(const std::string& id) const {
  return find_index(sectors, id, [](const SectorSpec& s) { return s.id; });
}
int ModelSpec::market_index(const std::string& id) const {
  return find_index(markets, id, [](const MarketSpec& m) { return m.id; });
}

void check_spec(const ModelSpec& spec) {
  // Output and firm state store site and sector ids in small integers.
  require(!spec.sites.empty() && spec.sites.size() <= 32000, "between 1 and 32000 sites");
  require(!spec.sectors.empty() && spec.sectors.size() <= 250, "between 1 and 250 sectors");
  require(!spec.markets.empty(), "at least one market");
  require(spec.tariffs.size() == spec.countries.size() * spec.markets.size() * spec.sectors.size(),
          "tariffs sized countries x markets x sectors");
  for (double t : spec.tariffs) require(finite_nonneg(t), "tariffs finite and non-negative");
  double total_weight = 0;
  for (const auto& s : spec.sites) {
    require(spec.country_index(s.country) >= 0, "site " + s.id + ": country " + s.country + " listed");
    require(s.wage > 0 && std::isfinite(s.wage), "site " + s.id + ": wage > 0");
    require(s.productivity > 0 && std::isfinite(s.productivity), "site " + s.id + ": productivity > 0");
    require(finite_nonneg(s.land_power_cost), "site " + s.id + ": land_power_cost >= 0");
    require(unit_interval(s.corporate_tax) && s.corporate_tax < 1, "site " + s.id + ": corporate_tax in [0,1)");
    require(s.labour_pool > 0 && std::isfinite(s.labour_pool), "site " + s.id + ": labour_pool > 0");
    require(finite_nonneg(s.approval_mean_months) && finite_nonneg(s.approval_sd_months),
            "site " + s.id + ": approval delay moments >= 0");
    require(finite_nonneg(s.initial_weight), "site " + s.id + ": initial_weight >= 0");
    require(std::isfinite(s.open_year) && std::isfinite(s.wage_growth), "site " + s.id + ": finite dates and growth");
    require(unit_interval(s.mineral_exposure), "site " + s.id + ": mineral_exposure in [0,1]");
    total_weight += s.initial_weight;
  }
  require(total_weight > 0, "some site with initial_weight > 0");
  double firm_share = 0;
  for (const auto& k : spec.sectors) {
    require(unit_interval(k.materials_share), "sector " + k.id + ": materials_share in [0,1]");
    require(finite_nonneg(k.workers_per_unit) && finite_nonneg(k.capital_per_unit) && finite_nonneg(k.setup_cost) &&
                finite_nonneg(k.build_months),
            "sector " + k.id + ": costs and build time >= 0");
    require(unit_interval(k.supplier_gain), "sector " + k.id + ": supplier_gain in [0,1]");
    require(k.market_mix.size() == spec.markets.size(), "sector " + k.id + ": a mix share per market");
    double mix = 0;
    for (double m : k.market_mix) {
      require(unit_interval(m), "sector " + k.id + ": mix shares in [0,1]");
      mix += m;
    }
    require(std::abs(mix - 1) < 1e-6, "sector " + k.id + ": mix shares sum to 1");
    require(unit_interval(k.firm_share), "sector " + k.id + ": firm_share in [0,1]");
    require(unit_interval(k.mineral_dependence) && unit_interval(k.agglomeration_gain),
            "sector " + k.id + ": mineral_dependence and agglomeration_gain in [0,1]");
    if (!k.supplier_mix.empty()) {
      require(k.supplier_mix.size() == spec.sectors.size(), "sector " + k.id + ": a supplier weight per sector");
      double w = 0;
      for (double x : k.supplier_mix) {
        require(finite_nonneg(x), "sector " + k.id + ": supplier weights >= 0");
        w += x;
      }
      require(std::abs(w - 1) < 1e-6, "sector " + k.id + ": supplier weights sum to 1");
    }
    firm_share += k.firm_share;
  }
  require(std::abs(firm_share - 1) < 1e-6, "sector firm shares sum to 1");
  for (const auto& p : spec.pli) {
    require(p.sector >= 0 && p.sector < static_cast<int>(spec.sectors.size()), "PLI scheme names a sector");
    const auto n = p.rates.size();
    require(n > 0, "PLI scheme has at least one rate");
    require(p.investment_threshold_global.size() == n && p.sales_threshold_global.size() == n &&
                p.investment_threshold_domestic.size() == n && p.sales_threshold_domestic.size() == n,
            "PLI thresholds: one per scheme year");
    for (double r : p.rates) require(unit_interval(r), "PLI rates in [0,1]");
    require(finite_nonneg(p.outlay) && finite_nonneg(p.cap_per_firm_year), "PLI outlay and cap >= 0");
    require(p.yearly_caps.empty() || p.yearly_caps.size() == n, "PLI yearly caps: none or one per scheme year");
    for (double c : p.yearly_caps) require(finite_nonneg(c), "PLI yearly caps >= 0");
    require(finite_nonneg(p.disbursement_lag_years), "PLI disbursement lag >= 0");
  }
  const auto& b = spec.params;
  require(b.horizon_years > 0 && b.discount_rate > 0 && b.logit_scale > 0, "horizon, discount rate, logit scale > 0");
  for (double l : b.nest_lambda) require(l > 0 && l <= 1, "nest lambda in (0,1]");
  require(unit_interval(b.review_probability), "review_probability in [0,1]");
  require(b.add_share > 0 && b.add_share < 1, "add_share in (0,1)");
  require(b.single_window_factor > 0 && b.single_window_factor <= 1, "single_window_factor in (0,1]");
  require(finite_nonneg(b.time_cost_per_day) && finite_nonneg(b.wage_pressure), "time cost, wage pressure >= 0");
  for (int i = 0; i < kNumBlocs; ++i) {
    require(unit_interval(b.hazard[i]) && unit_interval(b.disruption_loss[i]), "hazard and loss in [0,1]");
    require(finite_nonneg(b.input_markup[i]), "input_markup >= 0");
  }
  require(finite_nonneg(b.risk_aversion_min) && b.risk_aversion_max >= b.risk_aversion_min &&
              std::isfinite(b.risk_aversion_max),
          "0 <= risk_aversion_min <= risk_aversion_max");
  require(finite_nonneg(b.belief_jump) && unit_interval(b.belief_persistence) &&
              unit_interval(b.shock_review_probability),
          "belief_jump >= 0, belief_persistence and shock_review_probability in [0,1]");
  require(finite_nonneg(b.export_control_belief_jump) && finite_nonneg(b.mineral_price_shock),
          "export-control parameters >= 0");
  require(finite_nonneg(b.herding_weight) && unit_interval(b.herding_persistence),
          "herding_weight >= 0, herding_persistence in [0,1]");
  require(b.agglomeration_scale > 0 && std::isfinite(b.agglomeration_scale), "agglomeration_scale > 0");
  require(finite_nonneg(b.learning_elasticity) && b.learning_reference > 0 && std::isfinite(b.learning_reference) &&
              finite_nonneg(b.learning_prior_years),
          "learning_elasticity >= 0, learning_reference > 0, learning_prior_years >= 0");
  for (const auto& [corridor, factor] : b.corridor_delay_factor)
    require(factor > 0 && std::isfinite(factor), "corridor_delay_factor of " + corridor + " > 0");
  const auto& js = b.japan_subsidy;
  require(unit_interval(js.share) && finite_nonneg(js.budget) && js.end_year >= js.start_year,
          "japan_subsidy: share in [0,1], budget >= 0, end_year >= start_year");
  for (const auto& e : spec.events) {
    require(std::isfinite(e.year), "event years finite");
    switch (e.type) {
      case ScheduledType::Tariff:
        require(e.market >= 0 && e.market < static_cast<int>(spec.markets.size()), "tariff event names a market");
        require(e.country >= 0 || (e.bloc >= 0 && e.bloc < kNumBlocs), "tariff event names a country or bloc");
        require(e.sector < static_cast<int>(spec.sectors.size()), "tariff event's sector exists");
        // As the table's rates (sim/config/tariff_rate.hpp): 145% was real in 2025.
        require(std::isfinite(e.value) && e.value >= 0 && e.value <= 5, "tariff event rate in [0,5]");
        break;
      case ScheduledType::MineralsInitiative:
        require(e.country >= 0 || (e.bloc >= 0 && e.bloc < kNumBlocs), "minerals initiative names a country or bloc");
        require(unit_interval(e.value), "minerals initiative reduction in [0,1]");
        break;
      case ScheduledType::Disruption:
        require(e.bloc >= 0 && e.bloc < kNumBlocs && unit_interval(e.value), "disruption event: bloc, severity in [0,1]");
        break;
      case ScheduledType::ExportControl:
        require(std::isfinite(e.value) && e.value >= -1 && e.value <= 1, "export control severity in [-1,1]");
        break;
      case ScheduledType::Leg:
        require(finite_nonneg(e.leg.cost_share) && finite_nonneg(e.leg.days), "leg event cost and days >= 0");
        break;
      case ScheduledType::SingleWindow:
        break;
    }
  }
  const auto& pop = spec.population;
  require(pop.n_firms > 0, "n_firms > 0");
  require(!pop.home_countries.empty() && pop.home_countries.size() <= 250, "some home countries, at most 250");
  for (const auto& shares : pop.home_shares) {
    require(shares.size() == pop.home_countries.size(), "a share per home country, for each bloc");
    double home = 0;
    for (double h : shares) {
      require(unit_interval(h), "home shares in [0,1]");
      home += h;
    }
    require(std::abs(home - 1) < 1e-6, "home shares sum to 1");
  }
  for (const auto& k : spec.sectors) {
    double output = 0;
    for (int b = 0; b < kNumBlocs; ++b) {
      require(finite_nonneg(k.output[b]) && k.output[b] < 1e9, "sector output in [0, 1e9) USD million");
      require(unit_interval(k.domestic_share[b]), "domestic sales shares in [0,1]");
      output += k.output[b];
    }
    require(output > 0, "every sector has output in some bloc");
  }
  // Agents start at the open sites of their bloc, and domestic producers sell
  // in the market named after their bloc.
  for (int b = 0; b < kNumBlocs; ++b) {
    bool has_output = false, has_domestic = false;
    for (const auto& k : spec.sectors) {
      has_output = has_output || k.output[b] > 0;
      has_domestic = has_domestic || k.domestic_share[b] > 0;
    }
    bool has_site = false;
    for (const auto& s : spec.sites)
      has_site = has_site || (static_cast<int>(s.bloc) == b && s.open_year <= spec.run.start_year && s.initial_weight > 0);
    require(!has_output || has_site, std::string("a site open at the start with initial_weight > 0 in ") +
                                         kBlocNames[b] + ", where sectors have output");
    require(!has_domestic || spec.market_index(kBlocNames[b]) >= 0,
            std::string("a market with id ") + kBlocNames[b] + " for its domestic producers");
  }
  (void)agent_strata(population_inputs(spec));  // throws SpecError when a sector has too few agents
  require(pop.size_min > 0 && pop.size_alpha > 0 && pop.size_max >= pop.size_min && std::isfinite(pop.size_max),
          "0 < size_min <= size_max, size_alpha > 0");
  require(finite_nonneg(pop.productivity_sd) && pop.mix_concentration > 0 && pop.supply_links >= 0,
          "productivity_sd >= 0, mix_concentration > 0, supply_links >= 0");
  require(spec.run.steps > 0 && spec.run.steps_per_year > 0 && std::isfinite(spec.run.start_year),
          "steps and steps_per_year > 0");
  require(spec.run.choice_log_every >= 0, "choice_log_every >= 0");
}

}  // namespace relocsim
