#include "parameter_docs.hpp"

#include <cctype>

namespace relocsim::config {
namespace {

// "events[12].rate" -> "events[].rate", so that every event shares its entries.
std::string without_indices(std::string_view key) {
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    out += key[i];
    if (key[i] != '[') continue;
    while (i + 1 < key.size() && std::isdigit(static_cast<unsigned char>(key[i + 1])) != 0) ++i;
  }
  return out;
}

// Dotted parts, with "*" matching any one part.
bool matches(std::string_view pattern, std::string_view key) {
  while (true) {
    const auto pdot = pattern.find('.');
    const auto kdot = key.find('.');
    const std::string_view p = pattern.substr(0, pdot);
    const std::string_view k = key.substr(0, kdot);
    if (p != "*" && p != k) return false;
    if (pdot == std::string_view::npos || kdot == std::string_view::npos) {
      return pdot == std::string_view::npos && kdot == std::string_view::npos;
    }
    pattern.remove_prefix(pdot + 1);
    key.remove_prefix(kdot + 1);
  }
}

}  // namespace

const std::vector<ParameterDoc>& parameter_docs() {
  // Units: "decimal year" (2020.25 = 1 April 2020); "units" of capacity are
  // USD million of annual sales; "share" and "fraction" are plain ratios.
  static const std::vector<ParameterDoc> docs{
      // [run] and [output]
      {"run.start_year", "date of the initial state", "decimal year"},
      {"run.steps", "number of steps simulated", "steps"},
      {"run.steps_per_year", "steps per year (4: quarterly)", "steps per year"},
      {"run.seed", "master seed of every random stream", "integer"},
      {"output.choice_log_every", "log the options weighed by firms with id % N == 0 (0: no log)", "firms"},
      // [data]
      {"data.sites", "table of sites", "path"},
      {"data.sectors", "table of sectors", "path"},
      {"data.markets", "table of destination markets", "path"},
      {"data.market_mix", "table of each sector's sales mix over markets", "path"},
      {"data.legs", "table of the transport network's legs", "path"},
      {"data.tariffs", "table of tariffs by origin, market and sector", "path"},
      {"data.supplier_mix", "table of each sector's supplier sectors", "path"},
      {"data.sector_output", "table of each sector's output and domestic sales share by bloc at the start", "path"},
      // [population]
      {"population.n_firms", "number of agents; each stands for an equal slice of its sector's output in its bloc",
       "agents"},
      {"population.home_countries", "home countries of the firms", "list of names"},
      {"population.home_shares", "home countries of the capacity in China, in the order of home_countries",
       "shares"},
      {"population.home_shares_asean", "home countries of the capacity in ASEAN", "shares"},
      {"population.home_shares_india", "home countries of the capacity in India", "shares"},
      {"population.domestic_home", "home country whose firms meet the PLI's domestic thresholds", "name"},
      {"population.size_min", "Pareto minimum of a firm's output", "USD million a year"},
      {"population.size_alpha", "Pareto tail index of firm output", "dimensionless"},
      {"population.size_max", "largest firm's output (truncation)", "USD million a year"},
      {"population.productivity_sd", "standard deviation of log firm productivity", "log points"},
      {"population.mix_concentration", "Dirichlet concentration of a firm's sales mix around its sector's",
       "dimensionless"},
      {"population.supply_links", "suppliers drawn for each firm", "links per firm"},
      // [behaviour]
      {"behaviour.horizon_years", "horizon over which firms value an option", "years"},
      {"behaviour.discount_rate", "rate at which firms discount future profit", "per year"},
      {"behaviour.logit_scale", "utility per unit of an option's value per unit of capacity",
       "per (value per unit of capacity)"},
      {"behaviour.nest_lambda.*", "nested-logit dissimilarity of the bloc's nest (1: no correlation within it)",
       "dimensionless, (0, 1]"},
      {"behaviour.review_probability", "probability that a firm reconsiders its footprint in a step",
       "probability per step"},
      {"behaviour.add_share", "share of a firm's capacity that an added plant takes", "share"},
      {"behaviour.risk_aversion_min", "lower end of the uniform range of firms' risk aversion", "dimensionless"},
      {"behaviour.risk_aversion_max", "upper end of the uniform range of firms' risk aversion", "dimensionless"},
      {"behaviour.herding_weight",
       "value a site gains per unit of the share of a firm's peers (same home and sector) that recently moved there",
       "value per unit of capacity"},
      {"behaviour.herding_persistence", "share of the weight of peers' past moves kept each step", "per step"},
      // [costs]
      {"costs.time_cost_per_day", "value of time in transit", "fraction of goods value per day"},
      {"costs.wage_pressure", "wage rise per unit of (change in employment / labour pool)", "dimensionless"},
      {"costs.input_markup.*", "input-cost markup in the bloc, far from the supplier base", "fraction of input cost"},
      {"costs.agglomeration_scale", "capacity of a sector at a site at which its full agglomeration gain is reached",
       "units"},
      {"costs.learning_elasticity", "elasticity of productivity to (1 + cumulative output / a site-sector's prior experience)",
       "dimensionless"},
      {"costs.learning_reference", "experience every site has in every sector (added to its own)", "units x years"},
      {"costs.learning_prior_years", "years of its output at the start that stand for a site-sector's own experience",
       "years"},
      // [friction]
      {"friction.single_window_factor", "approval delays are multiplied by this under single-window clearance",
       "factor"},
      {"friction.corridor_delay_factor.*", "approval delays at the corridor's sites are multiplied by this", "factor"},
      // [risk]
      {"risk.hazard.*", "probability of a disruption in the bloc", "probability per year"},
      {"risk.disruption_loss.*", "share of a year's sales a disruption in the bloc destroys", "share of annual sales"},
      {"risk.belief_jump", "rise of firms' believed yearly hazard of a bloc per unit of a disruption's severity there",
       "probability per year"},
      {"risk.belief_persistence", "share of the excess belief kept each step", "per step"},
      {"risk.shock_review_probability", "review probability in a step a disruption strikes the firm's bloc",
       "probability per step"},
      // [minerals]
      {"minerals.export_control_belief_jump",
       "rise of the believed yearly hazard of China per unit of export-control severity x mineral dependence",
       "probability per year"},
      {"minerals.mineral_price_shock",
       "rise of mineral input prices outside China per unit of cumulative export-control severity",
       "fraction of mineral input cost"},
      // [japan_subsidy]
      {"japan_subsidy.home", "home country of the firms that qualify", "name"},
      {"japan_subsidy.share", "share of a new plant's set-up cost the subsidy pays", "share"},
      {"japan_subsidy.budget_jpy_bn", "budget of the subsidy (USD million = JPY bn x 1000 / jpy_per_usd)", "JPY bn"},
      {"japan_subsidy.jpy_per_usd", "exchange rate for the budget", "JPY per USD"},
      {"japan_subsidy.start_year", "applications accepted from", "decimal year"},
      {"japan_subsidy.end_year", "applications accepted until (exclusive)", "decimal year"},
      {"japan_subsidy.destination_from.*", "plants in the bloc qualify from this date (a bloc left out never does)",
       "decimal year"},
      // [switches]
      {"switches.pli", "PLI incentives are valued and paid", "on/off"},
      {"switches.wage_feedback", "wages respond to employment", "on/off"},
      {"switches.supplier_proximity", "input cost depends on where a firm's partners are", "on/off"},
      {"switches.approval_delays", "projects wait for approval and construction (off: complete at once)", "on/off"},
      {"switches.abandonment", "firms may abandon projects whose value turns negative", "on/off"},
      {"switches.disruptions", "random disruptions strike and beliefs update", "on/off"},
      {"switches.herding", "peers' recent moves add value to their destination", "on/off"},
      {"switches.agglomeration", "a sector's density at a site lowers its input cost", "on/off"},
      {"switches.learning", "productivity rises with cumulative output (learning by doing)", "on/off"},
      {"switches.japan_subsidy", "Japan's relocation subsidy is valued and paid", "on/off"},
      {"switches.export_controls", "export_control and minerals_initiative events take effect", "on/off"},
      // [pli]
      {"pli.inr_per_usd", "exchange rate for every _inr_crore key", "INR per USD"},
      {"pli.*.start_year", "start of the scheme's first year", "decimal year"},
      {"pli.*.announce_year", "announcement: firms value the scheme from this date", "decimal year"},
      {"pli.*.base_year", "date of the capacity incremental sales are measured against", "decimal year"},
      {"pli.*.rates", "incentive by scheme year", "fraction of incremental sales"},
      {"pli.*.outlay_inr_crore", "total budget of the scheme", "INR crore"},
      {"pli.*.cap_per_firm_year_inr_crore", "most one firm receives in one year", "INR crore"},
      {"pli.*.investment_threshold_global_inr_crore",
       "cumulative incremental investment a global firm needs, by scheme year", "INR crore"},
      {"pli.*.sales_threshold_global_inr_crore", "incremental sales a global firm needs in the year, by scheme year",
       "INR crore"},
      {"pli.*.investment_threshold_domestic_inr_crore",
       "cumulative incremental investment a domestic firm needs, by scheme year", "INR crore"},
      {"pli.*.sales_threshold_domestic_inr_crore",
       "incremental sales a domestic firm needs in the year, by scheme year", "INR crore"},
      {"pli.*.yearly_caps_inr_crore", "most the scheme pays all firms in each scheme year (none: no yearly cap)",
       "INR crore"},
      {"pli.*.disbursement_lag_years", "time from the sales a claim rewards to its payment", "years"},
      // [[events]]
      {"events[].year", "date the event takes effect (at the first step starting on or after it)", "decimal year"},
      {"events[].announced",
       "date the event was announced (no later than year; defaults to year); tariffs and controls act from year",
       "decimal year"},
      {"events[].type",
       "kind of event: tariff, single_window, leg, export_control, minerals_initiative or disruption", "name"},
      {"events[].label", "what the event is", "text"},
      {"events[].origin", "tariff, minerals_initiative: the country of the sites, or the bloc, it applies to",
       "name"},
      {"events[].market", "tariff: the destination market", "id"},
      {"events[].sector", "tariff: the sector (* for every sector)", "id"},
      {"events[].rate", "tariff: the new ad-valorem rate", "fraction of goods value"},
      {"events[].state", "single_window: the state whose sites change", "name"},
      {"events[].enabled", "single_window: clearance on or off from the date", "on/off"},
      {"events[].from", "leg: one end (a node of the transport network)", "node"},
      {"events[].to", "leg: the other end", "node"},
      {"events[].mode", "leg: sea, rail or road", "name"},
      {"events[].cost_share", "leg: freight and handling along the leg", "fraction of goods value"},
      {"events[].days", "leg: door-to-door time along the leg", "days"},
      {"events[].severity",
       "export_control: change in the severity of China's controls (negative: easing); disruption: its severity",
       "index in [-1, 1]"},
      {"events[].reduction", "minerals_initiative: share by which the mineral exposure of the origin's sites falls",
       "share"},
      {"events[].bloc", "disruption: the bloc it strikes", "name"},
      // Data tables: one entry per column the loader reads.
      {"sites.id", "site key used in the other tables and the output", "id"},
      {"sites.name", "site name", "text"},
      {"sites.bloc", "bloc of the site: China, ASEAN or India", "name"},
      {"sites.country", "country of the site (tariffs are by origin country)", "name"},
      {"sites.state", "state or province", "name"},
      {"sites.corridor", "industrial corridor the site lies in, if any", "name"},
      {"sites.node", "vertex of the transport network the site ships from", "node"},
      {"sites.wage_usd_year", "annual cost of a manufacturing worker at the start", "USD per worker per year"},
      {"sites.wage_growth", "real wage growth before employment pressure", "per year"},
      {"sites.productivity", "labour productivity", "relative to the PRD (= 1)"},
      {"sites.land_power_cost", "land and power", "fraction of sales per year"},
      {"sites.corporate_tax", "statutory tax rate on profit", "fraction of profit"},
      {"sites.labour_pool", "manufacturing workers the site can draw on", "workers"},
      {"sites.approval_mean_months", "mean of the lognormal approval delay", "months"},
      {"sites.approval_sd_months", "standard deviation of the lognormal approval delay", "months"},
      {"sites.single_window", "single-window clearance at the start (1: yes)", "0 or 1"},
      {"sites.open_year", "date from which the site accepts projects", "decimal year"},
      {"sites.initial_weight", "relative share of firms that start at the site", "weight"},
      {"sites.mineral_exposure", "share of the site's critical-mineral supply processed in China", "share"},
      {"sectors.id", "sector key used in the other tables and the output", "id"},
      {"sectors.name", "sector name", "text"},
      {"sectors.materials_share", "purchased inputs", "fraction of sales"},
      {"sectors.workers_per_unit", "workers per unit of capacity at productivity 1", "workers per unit"},
      {"sectors.capital_per_unit", "investment per unit of capacity (counts toward PLI thresholds)",
       "USD million per unit"},
      {"sectors.setup_cost", "sunk cost of a new plant", "USD million per unit"},
      {"sectors.build_months", "construction time after approval", "months"},
      {"sectors.supplier_gain", "input cost saved when all of a firm's partners share its bloc",
       "fraction of input cost"},
      {"sectors.firm_share", "share of the agents that stand for the sector (sampling precision, not economics)",
       "share"},
      {"sectors.mineral_dependence", "critical minerals' share of input cost", "share"},
      {"sectors.agglomeration_gain", "input cost saved at a site dense with the sector", "fraction of input cost"},
      {"markets.id", "market key used in the other tables and the output", "id"},
      {"markets.name", "market name", "text"},
      {"markets.hub_node", "vertex of the transport network where the market is served", "node"},
      {"market_mix.sector", "sector of the row", "id"},
      {"market_mix.market", "market of the row", "id"},
      {"market_mix.share", "weight of the market among the sector's sales outside the producer's own bloc", "share"},
      {"sector_output.sector", "sector of the row", "id"},
      {"sector_output.bloc", "bloc of production", "China, ASEAN or India"},
      {"sector_output.output_usd_bn", "gross factory-gate output at the start", "USD bn a year (constant 2020)"},
      {"sector_output.domestic_sales_share", "share of that output sold in the bloc's own market", "share"},
      {"legs.from", "one end of the leg", "node"},
      {"legs.to", "the other end", "node"},
      {"legs.mode", "sea, rail or road", "name"},
      {"legs.cost_share", "freight and handling along the leg", "fraction of goods value"},
      {"legs.days", "door-to-door time along the leg", "days"},
      {"tariffs.origin", "country or bloc the goods come from", "name"},
      {"tariffs.market", "market they enter", "id"},
      {"tariffs.sector", "sector (* for every sector)", "id"},
      {"tariffs.rate", "ad-valorem tariff", "fraction of goods value"},
      {"supplier_mix.buyer_sector", "sector whose firms buy", "id"},
      {"supplier_mix.supplier_sector", "sector they buy from", "id"},
      {"supplier_mix.weight", "weight of the supplier sector among the buyer's suppliers", "share"},
  };
  return docs;
}

const ParameterDoc* find_parameter_doc(std::string_view key, std::size_t* index) {
  const std::string plain = without_indices(key);
  const auto& docs = parameter_docs();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (matches(docs[i].pattern, plain)) {
      if (index != nullptr) *index = i;
      return &docs[i];
    }
  }
  return nullptr;
}

}  // namespace relocsim::config
