#pragma once
// A small model built in code, so engine tests need no configuration files:
// two sites per bloc, two sectors, two markets, a port per bloc.
#include "relocsim/engine/spec.hpp"

namespace relocsim::test {

inline ModelSpec tiny_spec(int firms = 400) {
  ModelSpec m;
  m.countries = {"China", "Vietnam", "India"};
  auto site = [](std::string id, Bloc b, std::string country, std::string node, double wage, double prod,
                 double weight) {
    SiteSpec s;
    s.id = id;
    s.name = id;
    s.bloc = b;
    s.country = country;
    s.state = "state";
    s.node = node;
    s.wage = wage;
    s.wage_growth = 0.03;
    s.productivity = prod;
    s.land_power_cost = 0.03;
    s.corporate_tax = 0.2;
    s.labour_pool = 2e5;
    s.approval_mean_months = 12;
    s.approval_sd_months = 6;
    s.initial_weight = weight;
    return s;
  };
  m.sites = {site("cn_a", Bloc::China, "China", "cn_a", 10000, 1.0, 4),
             site("cn_b", Bloc::China, "China", "cn_b", 8000, 0.9, 4),
             site("vn_a", Bloc::ASEAN, "Vietnam", "vn_a", 3700, 0.5, 1),
             site("vn_b", Bloc::ASEAN, "Vietnam", "vn_b", 3500, 0.45, 0),
             site("in_a", Bloc::India, "India", "in_a", 4000, 0.45, 1),
             site("in_dmic", Bloc::India, "India", "in_dmic", 3800, 0.45, 0)};
  const char* states[6] = {"Guangdong", "Jiangsu", "Bac Ninh", "Binh Duong", "Tamil Nadu", "Gujarat"};
  for (int i = 0; i < 6; ++i) m.sites[i].state = states[i];
  m.sites[5].corridor = "DMIC";
  m.sites[5].open_year = 2021.0;
  m.sites[5].single_window = true;
  auto sector = [](std::string id, double materials, double workers) {
    SectorSpec k;
    k.id = id;
    k.name = id;
    k.materials_share = materials;
    k.workers_per_unit = workers;
    k.capital_per_unit = 0.5;
    k.setup_cost = 0.4;
    k.build_months = 12;
    k.supplier_gain = 0.1;
    k.firm_share = 0.5;
    k.market_mix = {0.6, 0.4};
    return k;
  };
  m.sectors = {sector("electronics", 0.5, 6), sector("pharma", 0.55, 4)};
  // Output by bloc (USD million a year); India's producers sell 60% at home.
  m.sectors[0].output = {20000, 5000, 2000};
  m.sectors[1].output = {15000, 3000, 4000};
  for (auto& k : m.sectors) k.domestic_share = {0, 0, 0.6};
  // Electronics leans on critical minerals (magnets, gallium); pharma hardly.
  m.sectors[0].mineral_dependence = 0.4;
  m.sectors[1].mineral_dependence = 0.0;
  for (auto& k : m.sectors) {
    k.agglomeration_gain = 0.05;
    k.supplier_mix = {0.5, 0.5};
  }
  for (auto& s : m.sites) s.mineral_exposure = s.bloc == Bloc::China ? 0.0 : 0.9;
  // The Indian market carries India's bloc name, so India's producers sell there.
  m.markets = {MarketSpec{"US", "United States", "la"}, MarketSpec{"India", "India", "mumbai"}};
  m.legs = {{"cn_a", "shenzhen", "road", 0.005, 1}, {"cn_b", "shenzhen", "rail", 0.01, 2},
            {"vn_a", "haiphong", "road", 0.006, 1}, {"vn_b", "haiphong", "road", 0.008, 1},
            {"in_a", "mumbai", "rail", 0.01, 2},     {"in_dmic", "mumbai", "rail", 0.012, 2},
            {"shenzhen", "la", "sea", 0.03, 17},     {"haiphong", "la", "sea", 0.035, 22},
            {"mumbai", "la", "sea", 0.04, 30},       {"shenzhen", "mumbai", "sea", 0.02, 14},
            {"haiphong", "mumbai", "sea", 0.02, 12}};
  // [country][market][sector]: the US taxes China more; India protects itself.
  m.tariffs = {0.25, 0.25, 0.15, 0.15,   // China
               0.02, 0.02, 0.10, 0.10,   // Vietnam
               0.02, 0.02, 0.0, 0.0};    // India
  PliSpec pli;
  pli.sector = 0;
  pli.start_year = 2020.25;
  pli.base_year = 2020.0;
  pli.rates = {0.06, 0.06, 0.05, 0.05, 0.04};
  pli.investment_threshold_global = {1, 2, 3, 4, 4};
  pli.sales_threshold_global = {5, 10, 15, 20, 25};
  pli.investment_threshold_domestic = {0.5, 1, 1.5, 2, 2};
  pli.sales_threshold_domestic = {1, 2, 3, 4, 5};
  pli.cap_per_firm_year = 50;
  pli.outlay = 200;
  m.pli = {pli};
  auto& p = m.params;
  p.logit_scale = 6;
  p.nest_lambda = {0.85, 0.85, 0.85};
  p.review_probability = 0.1;
  p.time_cost_per_day = 0.006;
  p.wage_pressure = 1;
  p.single_window_factor = 0.6;
  p.input_markup = {0, 0.04, 0.06};
  p.hazard = {0.05, 0.03, 0.03};
  p.disruption_loss = {0.15, 0.15, 0.15};
  p.risk_aversion_max = 2;
  p.belief_jump = 0.05;
  p.belief_persistence = 0.9;
  p.shock_review_probability = 0.3;
  p.export_control_belief_jump = 0.3;
  p.mineral_price_shock = 0.1;
  p.herding_weight = 0.0;  // tests that need herding switch it on
  p.herding_persistence = 0.8;
  p.agglomeration_scale = 500;
  p.learning_elasticity = 0.1;
  p.learning_reference = 100;
  p.japan_subsidy.home = "Japan";
  p.japan_subsidy.share = 0.5;
  p.japan_subsidy.budget = 100;
  p.japan_subsidy.start_year = 2020.25;
  p.japan_subsidy.end_year = 2023.0;
  p.japan_subsidy.destination_from = {1e9, 2020.25, 2020.75};
  auto& pop = m.population;
  pop.n_firms = firms;
  pop.home_countries = {"Japan", "US", "India"};
  pop.home_shares = {std::vector<double>{0.5, 0.4, 0.1}, std::vector<double>{0.5, 0.4, 0.1},
                     std::vector<double>{0.3, 0.2, 0.5}};
  pop.size_min = 5;
  pop.size_alpha = 1.06;
  pop.size_max = 5000;
  pop.productivity_sd = 0.3;
  pop.supply_links = 2;
  m.run.steps = 16;
  m.run.seed = 42;
  return m;
}

// Every interaction off: static values, every firm reviews, choices are the
// plain nested logit.
inline ModelSpec pure_logit_spec(int firms) {
  ModelSpec m = tiny_spec(firms);
  auto& p = m.params;
  p.pli_enabled = false;
  p.wage_feedback = false;
  p.supplier_proximity = false;
  p.approval_delays = false;
  p.abandonment = false;
  p.disruptions = false;
  p.herding = false;
  p.agglomeration = false;
  p.learning = false;
  p.japan_subsidy_enabled = false;
  p.export_controls = false;
  p.review_probability = 1.0;
  return m;
}

}  // namespace relocsim::test
