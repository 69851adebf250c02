#pragma once
// The model description: a plain, validated value that says everything the
// engine needs to build and run a scenario. The config loader produces it from
// TOML and CSV files; tests and the benchmark build it in code. The engine never
// reads a file.
//
// Units, unless a field says otherwise:
//   capacity  USD million of gross factory-gate output per year, constant
//             2020 USD ("a unit": USD 1 million a year);
//   money     USD million; wages USD per worker per year;
//   time      decimal years (2020.0 = 1 Jan 2020), delays in months;
//   rates     fractions (0.06 = 6 %).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace relocsim {

enum class Bloc : std::uint8_t { China = 0, ASEAN = 1, India = 2 };
inline constexpr int kNumBlocs = 3;
inline constexpr std::array<const char*, kNumBlocs> kBlocNames{"China", "ASEAN", "India"};

struct SiteSpec {
  std::string id;        // short key used in CSV files and output, e.g. "dholera"
  std::string name;      // human-readable, e.g. "Dholera SIR"
  Bloc bloc = Bloc::China;
  std::string country;   // must appear in ModelSpec::countries
  std::string state;     // state or province
  std::string corridor;  // "" when the site is in no corridor, e.g. "DMIC"
  std::string node;      // vertex of the transport network the site ships from
  double wage = 0;             // USD per worker per year at start_year
  double wage_growth = 0;      // real growth per year, before employment pressure
  double productivity = 1;     // labour productivity relative to the reference (China PRD = 1)
  double land_power_cost = 0;  // USD per unit of capacity per year, as a fraction of sales
  double corporate_tax = 0;    // statutory rate on profit
  double labour_pool = 1;      // manufacturing workers the site can draw on
  double approval_mean_months = 0;  // approval delay, lognormal mean
  double approval_sd_months = 0;    // approval delay, lognormal standard deviation
  bool single_window = false;       // single-window clearance shortens approvals
  double open_year = 0;             // the site accepts projects from this date
  double initial_weight = 0;        // relative share of firms that start here
  double mineral_exposure = 0;      // share of the site's critical-mineral supply processed in China, in [0,1]
};

struct SectorSpec {
  std::string id;    // e.g. "electronics"
  std::string name;  // e.g. "Electronics and mobile phones"
  double materials_share = 0;   // purchased inputs per unit of sales
  double workers_per_unit = 0;  // workers per unit of capacity at productivity 1
  double capital_per_unit = 0;  // investment per unit of capacity (counts toward PLI thresholds)
  double setup_cost = 0;        // sunk cost of a new plant per unit of capacity
  double build_months = 0;      // construction time after approval
  double supplier_gain = 0;     // share of input cost saved when all of a firm's partners share its bloc
  // Share of the model's agents that stand for this sector: a sampling
  // choice (precision per sector), not an economic value; the sector's
  // output below fixes how much activity they stand for.
  double firm_share = 0;
  // Gross factory-gate output at the start, USD million per year (constant
  // 2020 USD), by bloc of production; and the share of it each bloc's
  // producers sell in their own bloc's market (domestic producers).
  std::array<double, kNumBlocs> output{};
  std::array<double, kNumBlocs> domestic_share{};
  double mineral_dependence = 0;   // critical minerals' share of input cost, in [0,1]
  double agglomeration_gain = 0;   // share of input cost saved at a site dense with the sector, in [0,1]
  // Mean sales mix over markets of the sector's exports from the bloc where
  // a firm starts: the bloc's own market takes domestic_share, the other
  // markets share the rest in proportion to these weights. Sums to 1.
  std::vector<double> market_mix;
  // Where the sector's suppliers come from: weight of each sector among a
  // firm's suppliers, sums to 1; empty means suppliers from any sector alike.
  std::vector<double> supplier_mix;
};

struct MarketSpec {
  std::string id;        // e.g. "US"
  std::string name;
  std::string hub_node;  // vertex of the transport network where the market is served
};

// One leg of the transport network. Legs are undirected.
struct LegSpec {
  std::string from, to, mode;  // mode: "sea", "rail", "road"
  double cost_share = 0;       // freight and handling as a fraction of the goods' value
  double days = 0;             // door-to-door time along the leg
};

// A production-linked incentive scheme for one sector (India).
struct PliSpec {
  int sector = -1;             // index into ModelSpec::sectors
  double start_year = 0;       // first scheme year starts here (decimal year)
  double announce_year = -1e9; // firms value the scheme from this date (its announcement)
  double base_year = 0;        // incremental sales are measured against capacity at this date
  std::vector<double> rates;   // rate of incremental sales, one per scheme year
  // Eligibility thresholds by scheme year (cumulative incremental investment,
  // incremental sales in the year, both USD million). Global and domestic firms differ.
  std::vector<double> investment_threshold_global, sales_threshold_global;
  std::vector<double> investment_threshold_domestic, sales_threshold_domestic;
  double cap_per_firm_year = 0;  // most one firm can receive in one year
  double outlay = 0;             // total budget of the scheme
  // Most the scheme pays out in each scheme year (all firms together); empty
  // for no yearly cap. Same length as rates when given.
  std::vector<double> yearly_caps;
  double disbursement_lag_years = 0;  // claims are paid this long after the sales they reward
};

// Japan's subsidy for plants moved out of China (METI's supply-chain
// subsidy): a share of the set-up cost of a Japanese firm's new plant outside
// China while it produces in China, from a budget that can run out.
struct JapanSubsidySpec {
  std::string home = "Japan";        // firms of this home country qualify
  double share = 0;                  // of the set-up cost
  double budget = 0;                 // USD million
  double start_year = 0, end_year = 0;  // applications accepted in [start, end)
  std::array<double, kNumBlocs> destination_from{1e9, 1e9, 1e9};  // a bloc qualifies from this date
};

// A lever that changes at a date. Which fields matter depends on the type.
enum class ScheduledType : std::uint8_t {
  Tariff,              // tariff from country (or every country of bloc) into market in sector (or all) := value
  SingleWindow,        // single-window clearance in state := enabled
  Leg,                 // the leg from-to gets cost_share and days (added if new): a network upgrade
  ExportControl,       // China tightens (value > 0) or eases (value < 0) export controls on critical minerals, value in [-1,1]
  MineralsInitiative,  // the exposure of sites in country (or bloc) is multiplied by (1 - value)
  Disruption,          // a dated disruption in bloc with severity value (beyond the random ones)
};
inline constexpr int kNumScheduledTypes = 6;
inline constexpr std::array<const char*, kNumScheduledTypes> kScheduledTypeNames{
    "tariff", "single_window", "leg", "export_control", "minerals_initiative", "disruption"};

struct ScheduledEvent {
  double year = 0;       // effective date: the engine applies the event from then
  double announced = 0;  // announcement date (<= year; the loader defaults it to year), for the record
  ScheduledType type = ScheduledType::Tariff;
  std::string label;  // what the event is, for output (e.g. "US Section 301 on EVs, May 2024")
  int country = -1;   // Tariff, MineralsInitiative: index into countries, or -1 for the whole bloc
  int bloc = -1;      // Tariff, MineralsInitiative, Disruption: the bloc when country is -1
  int market = -1;    // Tariff
  int sector = -1;    // Tariff: -1 for every sector
  std::string state;  // SingleWindow
  bool enabled = true;  // SingleWindow
  LegSpec leg;          // Leg
  double value = 0;     // Tariff: the rate; ExportControl, Disruption: severity; MineralsInitiative: reduction
};

// Behavioural and market parameters. Switches default to the full model.
struct Params {
  double horizon_years = 10;     // firms value options over this horizon
  double discount_rate = 0.08;   // per year
  double logit_scale = 1;        // utility = scale * value per unit of capacity
  std::array<double, kNumBlocs> nest_lambda{1, 1, 1};  // nested-logit dissimilarity per bloc nest
  double review_probability = 0.05;  // per step
  double add_share = 0.3;            // share of capacity an added plant takes
  double time_cost_per_day = 0;      // value of transit time, fraction of goods value per day
  double wage_pressure = 0;          // wage rise per unit of (employment change / labour pool)
  double single_window_factor = 1;   // approval delays are multiplied by this under single-window
  std::array<double, kNumBlocs> input_markup{0, 0, 0};  // input cost markup by bloc (far from suppliers)
  std::array<double, kNumBlocs> hazard{0, 0, 0};        // yearly probability of a disruption by bloc
  std::array<double, kNumBlocs> disruption_loss{0, 0, 0};  // share of a year's sales lost in one
  double risk_aversion_min = 0, risk_aversion_max = 0;  // firms draw uniformly in between
  double inr_per_usd = 75;         // for reporting only; the engine works in USD

  // Beliefs and disruptions. Each step a disruption strikes bloc b with
  // probability hazard_b / steps_per_year. Firms' belief of a bloc's yearly
  // hazard, by sector, is hazard_b plus an excess that jumps by belief_jump x
  // severity when a disruption strikes and keeps belief_persistence of itself
  // each step.
  double belief_jump = 0;
  double belief_persistence = 0;
  double shock_review_probability = 0;  // review probability in a step a disruption strikes the firm's bloc
  // Export controls: the China belief of sector k jumps by
  // export_control_belief_jump x severity x mineral_dependence_k, and mineral
  // inputs cost more outside China: input cost x mineral_dependence_k x
  // mineral_exposure_s x mineral_price_shock x cumulative severity.
  double export_control_belief_jump = 0;
  double mineral_price_shock = 0;
  // Herding: value per unit of capacity of a site where peers (same home
  // country and sector) recently moved, per unit of their share of the group;
  // recent = decayed by herding_persistence per step.
  double herding_weight = 0;
  double herding_persistence = 0;
  // Agglomeration: the sector's agglomeration_gain is reached where the
  // sector's capacity at the site is agglomeration_scale units or more.
  double agglomeration_scale = 1;
  // Learning by doing: a sector's productivity at a site is multiplied by
  // (1 + cumulative output since the start / learning_reference)^learning_elasticity.
  double learning_elasticity = 0;
  double learning_reference = 1;
  // Years of its output at the start that stand for a site-sector's prior
  // experience (0: every site starts with learning_reference alone).
  double learning_prior_years = 0;
  // Approval delays at sites of a corridor are multiplied by this (corridor id, factor).
  std::vector<std::pair<std::string, double>> corridor_delay_factor;
  JapanSubsidySpec japan_subsidy;
  // Switches. With all of them off and review_probability = 1 the choice is the
  // plain nested logit over the static values, so its shares have a closed form.
  bool pli_enabled = true;
  bool wage_feedback = true;
  bool supplier_proximity = true;
  bool approval_delays = true;       // off: projects complete at once
  bool abandonment = true;
  bool disruptions = true;           // random disruptions and belief updating
  bool herding = true;
  bool agglomeration = true;
  bool learning = true;
  bool japan_subsidy_enabled = true;
  bool export_controls = true;       // ExportControl and MineralsInitiative events take effect
};

// The firm agents. Each agent stands for a slice of one sector's output in
// one bloc: the sector's n_firms x firm_share agents are spread over the
// blocs in proportion to the square root of each bloc's output (at least
// kMinAgentsPerStratum each where output is positive), and a bloc's agents
// cut its output into equal slices along the firm-size distribution (equal-
// output strata), so every agent holds the same output and no agent can move
// a sector by itself. The agent's firm_size is the size of the firms in its
// slice; it stands for capacity / firm_size of them.
inline constexpr int kMinAgentsPerStratum = 20;

struct PopulationSpec {
  int n_firms = 0;                          // agents
  std::vector<std::string> home_countries;  // e.g. Japan, US, ..., India
  // Home country shares of the agents producing in each bloc at the start;
  // each the same length as home_countries, summing to 1.
  std::array<std::vector<double>, kNumBlocs> home_shares;
  std::string domestic_home = "India";      // firms from here meet domestic PLI thresholds
  double size_min = 1;        // Pareto distribution of firm sizes (USD million of output per year)
  double size_alpha = 1.1;    // Pareto tail index
  double size_max = 1e5;      // truncation: no firm larger than this
  double productivity_sd = 0; // firm productivity is lognormal with mean 1 and this sd of log
  double mix_concentration = 20;  // Dirichlet concentration of a firm's sales mix around the sector mean
  int supply_links = 2;       // suppliers drawn for each firm
  bool operator==(const PopulationSpec&) const = default;
};

struct RunSpec {
  double start_year = 2020.0;
  int steps = 64;             // quarters: 2020Q1 .. 2035Q4
  int steps_per_year = 4;
  std::uint64_t seed = 1;
  // Log the full choice set of every firm with id % choice_log_every == 0 each
  // time it reviews (0: no log), for re-estimating the choice model.
  int choice_log_every = 0;
};

struct ModelSpec {
  std::vector<std::string> countries;  // countries of the sites; tariffs are by origin country
  std::vector<SiteSpec> sites;
  std::vector<SectorSpec> sectors;
  std::vector<MarketSpec> markets;
  std::vector<LegSpec> legs;
  // Ad-valorem tariff on goods from a country into a market in a sector,
  // indexed [country][market][sector]; see tariff().
  std::vector<double> tariffs;
  std::vector<PliSpec> pli;
  std::vector<ScheduledEvent> events;  // in any order; applied at the first step starting at or after their year
  Params params;
  PopulationSpec population;
  RunSpec run;

  [[nodiscard]] double tariff(int country, int market, int sector) const {
    return tariffs[(static_cast<std::size_t>(country) * markets.size() + market) * sectors.size() + sector];
  }
  [[nodiscard]] int country_index(const std::string& name) const;
  [[nodiscard]] int site_index(const std::string& id) const;
  [[nodiscard]] int sector_index(const std::string& id) const;
  [[nodiscard]] int market_index(const std::string& id) const;
};

// Checks what the engine relies on (sizes agree, names resolve, values in range)
// and throws SpecError naming the first field that does not hold. The config
// loader reports file and line before this runs; this is the last line of
// defence for specs built in code.
void check_spec(const ModelSpec& spec);

}  // namespace relocsim
