#include "bench_spec.hpp"

#include <string>

namespace relocsim::bench {

ModelSpec bench_spec(int firms, int steps) {
  ModelSpec m;
  m.countries = {"China", "Vietnam", "India"};
  const std::string ports[3] = {"cn_port", "vn_port", "in_port"};
  const double wage[3] = {10131, 3673, 3982}, prod[3] = {1.0, 0.33, 0.41};
  for (int b = 0; b < kNumBlocs; ++b)
    for (int i = 0; i < 8; ++i) {
      SiteSpec s;
      s.id = std::string(kBlocNames[b]) + "_" + std::to_string(i);
      s.name = s.id;
      s.bloc = static_cast<Bloc>(b);
      s.country = m.countries[b];
      s.node = s.id;
      s.wage = wage[b] * (1 - 0.03 * i);
      s.wage_growth = 0.05;
      s.productivity = prod[b];
      s.land_power_cost = 0.03;
      s.corporate_tax = 0.2;
      s.labour_pool = 5e7;
      s.approval_mean_months = 6 + 2 * i;
      s.approval_sd_months = 4;
      s.single_window = i % 2 == 0;
      s.open_year = i == 7 ? 2022.0 : 2000.0;
      s.initial_weight = b == 0 ? 8 : 1;
      s.mineral_exposure = b == 0 ? 0.0 : 0.9;
      if (b == 2 && i < 4) s.corridor = "DMIC";
      m.sites.push_back(s);
      m.legs.push_back({s.node, ports[b], "road", 0.01, 2});
    }
  const char* sectors[7] = {"electronics", "semiconductors_atmp", "ev_batteries", "auto_components",
                            "pharma_api", "specialty_chemicals", "solar_modules"};
  const char* markets[6] = {"US", "EU", "Japan", "China", "India", "ASEAN"};
  for (int k = 0; k < 7; ++k) {
    SectorSpec s;
    s.id = sectors[k];
    s.name = sectors[k];
    s.materials_share = 0.5 + 0.02 * k;
    s.workers_per_unit = 6 - 0.5 * k;
    s.capital_per_unit = 0.6;
    s.setup_cost = 0.4;
    s.build_months = 18;
    s.supplier_gain = 0.1;
    s.firm_share = 1.0 / 7;
    s.market_mix = {0.25, 0.2, 0.08, 0.3, 0.05, 0.12};
    s.mineral_dependence = 0.05 * k;
    s.agglomeration_gain = 0.05;
    s.supplier_mix.assign(7, 1.0 / 7);
    s.output = {200000, 40000, 20000};  // USD million a year, of the order of the shipped data
    s.domestic_share = {0.4, 0.2, 0.8};
    m.sectors.push_back(s);
  }
  for (int i = 0; i < 6; ++i) m.markets.push_back({markets[i], markets[i], std::string("hub_") + markets[i]});
  for (int b = 0; b < 3; ++b)
    for (int i = 0; i < 6; ++i) m.legs.push_back({ports[b], std::string("hub_") + markets[i], "sea", 0.03, 20});
  m.tariffs.assign(3 * 6 * 7, 0.05);
  for (int k = 0; k < 7; ++k) m.tariffs[(0 * 6 + 0) * 7 + k] = 0.25;  // US on China
  PliSpec pli;
  pli.sector = 0;
  pli.start_year = 2020.25;
  pli.base_year = 2020.0;
  pli.rates = {0.06, 0.06, 0.05, 0.05, 0.04, 0.04};
  pli.investment_threshold_global = {33, 67, 100, 133, 133, 133};
  pli.sales_threshold_global = {533, 1067, 2000, 2667, 3333, 3333};
  pli.investment_threshold_domestic = {7, 13, 20, 27, 27, 27};
  pli.sales_threshold_domestic = {67, 133, 267, 467, 667, 667};
  pli.cap_per_firm_year = 200;
  pli.outlay = 5460;
  pli.yearly_caps = {700, 1070, 1120, 1120, 1120, 1120};
  pli.disbursement_lag_years = 0.5;
  m.pli = {pli};
  ScheduledEvent controls;
  controls.year = 2023.5;
  controls.type = ScheduledType::ExportControl;
  controls.value = 0.5;
  m.events = {controls};
  auto& p = m.params;
  p.logit_scale = 6;
  p.nest_lambda = {0.85, 0.85, 0.85};
  // The benchmark's worst case: every firm reviews every step. A firm with a
  // project under way does not review, so projects complete at once here.
  p.review_probability = 1.0;
  p.approval_delays = false;
  p.time_cost_per_day = 0.006;
  p.wage_pressure = 1;
  p.single_window_factor = 0.6;
  p.input_markup = {0, 0.04, 0.06};
  p.hazard = {0.05, 0.03, 0.03};
  p.disruption_loss = {0.15, 0.15, 0.15};
  p.risk_aversion_max = 2;
  // Every mechanism on, so the benchmark measures the whole model.
  p.belief_jump = 0.05;
  p.belief_persistence = 0.9;
  p.shock_review_probability = 0.3;
  p.export_control_belief_jump = 0.3;
  p.mineral_price_shock = 0.2;
  p.herding_weight = 1.0;
  p.herding_persistence = 0.8;
  p.agglomeration_scale = 5000;
  p.learning_elasticity = 0.1;
  p.learning_reference = 1000;
  p.corridor_delay_factor = {{"DMIC", 0.8}};
  p.japan_subsidy.share = 0.5;
  p.japan_subsidy.budget = 200;
  p.japan_subsidy.start_year = 2020.25;
  p.japan_subsidy.end_year = 2023.0;
  p.japan_subsidy.destination_from = {1e9, 2020.25, 2020.75};
  auto& pop = m.population;
  pop.n_firms = firms;
  pop.home_countries = {"Japan", "US", "Korea", "Taiwan", "Europe", "China", "India"};
  const std::vector<double> homes{0.25, 0.2, 0.1, 0.15, 0.15, 0.1, 0.05};
  pop.home_shares = {homes, homes, homes};
  pop.size_min = 5;
  pop.size_alpha = 1.06;
  pop.size_max = 50000;
  pop.productivity_sd = 0.3;
  pop.supply_links = 2;
  m.run.steps = steps;
  m.run.seed = 1;
  return m;
}

}  // namespace relocsim::bench
