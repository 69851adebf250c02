#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "build_spec.hpp"
#include "csv_columns.hpp"
#include "suggest.hpp"

namespace relocsim::config {
namespace {

constexpr double kShareTolerance = 1e-6;  // as in check_spec
constexpr double kMaxDelayMonths = 1200;   // a century

template <class T>
void set(T& field, const std::optional<T>& value) {
  if (value) field = *value;
}

// Whether every entity of a table is known, so that names in other tables
// can be checked against it. An empty table, or one with a malformed row,
// would turn every reference into an error of its own.
bool all_known(const CsvTable& table) { return !table.rows.empty() && table.malformed_rows == 0; }

std::vector<std::string> bloc_names() { return {kBlocNames.begin(), kBlocNames.end()}; }

Bloc bloc_of(const std::string& name) {
  for (int b = 0; b < kNumBlocs; ++b) {
    if (name == kBlocNames[static_cast<std::size_t>(b)]) return static_cast<Bloc>(b);
  }
  return Bloc::China;
}

// An id that must name a row of another table.
std::optional<int> reference(CsvColumns& csv, const CsvRow& row, std::string_view column, int index,
                             const std::vector<std::string>& ids, const std::string& what,
                             const std::string& defined_in) {
  const auto& cell = csv.text(row, column);
  if (index >= 0) return index;
  csv.reject(row, column,
             fmt::format("unknown {} \"{}\"; expected an id from {}{}", what, cell, defined_in, did_you_mean(cell, ids)));
  return std::nullopt;
}

}  // namespace

void build_sites(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors) {
  CsvColumns csv(table,
                 {"id", "name", "bloc", "country", "state", "corridor", "node", "wage_usd_year", "wage_growth",
                  "productivity", "land_power_cost", "corporate_tax", "labour_pool", "approval_mean_months",
                  "approval_sd_months", "single_window", "open_year", "initial_weight", "mineral_exposure"},
                 errors);
  entities.sites_path = table.path;
  if (!csv.usable()) return;
  // Tariffs fall back from a country to its bloc, so a country needs exactly one bloc.
  std::map<std::string, std::pair<std::string, int>> bloc_of_country;
  double total_weight = 0;
  for (const auto& row : table.rows) {
    SiteSpec s;
    set(s.id, csv.unique_id(row, "id"));
    s.name = csv.text(row, "name");
    const auto bloc = csv.one_of(row, "bloc", bloc_names());
    if (bloc) s.bloc = bloc_of(*bloc);
    set(s.country, csv.nonempty(row, "country"));
    s.state = csv.text(row, "state");
    s.corridor = csv.text(row, "corridor");
    set(s.node, csv.nonempty(row, "node"));
    set(s.wage, csv.number(row, "wage_usd_year", Range::above(0)));
    // Wages grow by (1 + wage_growth)^years: at -1 or below they vanish or
    // turn NaN, far above 1 (100 % a year) they overflow within a run.
    set(s.wage_growth, csv.number(row, "wage_growth", Range::open_closed(-1, 1)));
    set(s.productivity, csv.number(row, "productivity", Range::above(0)));
    set(s.land_power_cost, csv.number(row, "land_power_cost", Range::at_least(0)));
    set(s.corporate_tax, csv.number(row, "corporate_tax", Range::closed_open(0, 1)));
    set(s.labour_pool, csv.number(row, "labour_pool", Range::above(0)));
    // Delays beyond a century are typos, and far beyond it the engine's year
    // arithmetic leaves the integers (pli.cpp's scheme year of a plant).
    set(s.approval_mean_months, csv.number(row, "approval_mean_months", Range::closed(0, kMaxDelayMonths)));
    set(s.approval_sd_months, csv.number(row, "approval_sd_months", Range::closed(0, kMaxDelayMonths)));
    if (const auto sw = csv.one_of(row, "single_window", {"0", "1"})) s.single_window = *sw == "1";
    set(s.open_year, csv.number(row, "open_year", Range::any()));
    set(s.initial_weight, csv.number(row, "initial_weight", Range::at_least(0)));
    set(s.mineral_exposure, csv.number(row, "mineral_exposure", Range::closed(0, 1)));
    total_weight += s.initial_weight;

    if (!s.country.empty() && bloc) {
      const auto [it, inserted] = bloc_of_country.emplace(s.country, std::make_pair(*bloc, row.line));
      if (inserted) {
        spec.countries.push_back(s.country);
      } else if (it->second.first != *bloc) {
        csv.reject(row, "bloc",
                   fmt::format("expected {} like the other sites of {} (line {}), got \"{}\"", it->second.first,
                               s.country, it->second.second, *bloc));
      }
    }
    entities.site_lines.push_back(row.line);
    spec.sites.push_back(std::move(s));
  }
  if (!table.rows.empty() && total_weight <= 0) {
    errors.add({table.path, 0}, "initial_weight", "expected some site with initial_weight > 0, got none");
  }
  if (table.rows.empty()) errors.add({table.path, 0}, "", "expected at least one site, got none");
  entities.sites = all_known(table);
}

void build_sectors(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors) {
  CsvColumns csv(table,
                 {"id", "name", "materials_share", "workers_per_unit", "capital_per_unit", "setup_cost",
                  "build_months", "supplier_gain", "firm_share", "mineral_dependence", "agglomeration_gain"},
                 errors);
  entities.sectors_path = table.path;
  if (!csv.usable()) return;
  double total_share = 0;
  bool shares_ok = true;
  for (const auto& row : table.rows) {
    SectorSpec k;
    set(k.id, csv.unique_id(row, "id"));
    // "*" means every sector in the tariffs; a dot would split the pli.SECTOR key.
    if (k.id == "*" || k.id.find('.') != std::string::npos) {
      csv.reject(row, "id", fmt::format("expected an id without '.' other than \"*\", got \"{}\"", k.id));
    }
    k.name = csv.text(row, "name");
    set(k.materials_share, csv.number(row, "materials_share", Range::closed(0, 1)));
    set(k.workers_per_unit, csv.number(row, "workers_per_unit", Range::at_least(0)));
    set(k.capital_per_unit, csv.number(row, "capital_per_unit", Range::at_least(0)));
    set(k.setup_cost, csv.number(row, "setup_cost", Range::at_least(0)));
    set(k.build_months, csv.number(row, "build_months", Range::closed(0, kMaxDelayMonths)));
    set(k.supplier_gain, csv.number(row, "supplier_gain", Range::closed(0, 1)));
    const auto firm_share = csv.number(row, "firm_share", Range::closed(0, 1));
    set(k.firm_share, firm_share);
    shares_ok = shares_ok && firm_share.has_value();  // else the sum would mislead
    set(k.mineral_dependence, csv.number(row, "mineral_dependence", Range::closed(0, 1)));
    set(k.agglomeration_gain, csv.number(row, "agglomeration_gain", Range::closed(0, 1)));
    total_share += k.firm_share;
    spec.sectors.push_back(std::move(k));
  }
  if (table.rows.empty()) {
    errors.add({table.path, 0}, "", "expected at least one sector, got none");
  } else if (shares_ok && std::abs(total_share - 1) > kShareTolerance) {
    errors.add({table.path, 0}, "firm_share",
               fmt::format("expected shares that sum to 1, got a sum of {}", format_sum(total_share)));
  }
  entities.sectors = all_known(table);
}

void build_markets(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors) {
  CsvColumns csv(table, {"id", "name", "hub_node"}, errors);
  entities.markets_path = table.path;
  if (!csv.usable()) return;
  for (const auto& row : table.rows) {
    MarketSpec m;
    set(m.id, csv.unique_id(row, "id"));
    m.name = csv.text(row, "name");
    set(m.hub_node, csv.nonempty(row, "hub_node"));
    entities.market_lines.push_back(row.line);
    spec.markets.push_back(std::move(m));
  }
  if (table.rows.empty()) errors.add({table.path, 0}, "", "expected at least one market, got none");
  entities.markets = all_known(table);
}

void build_market_mix(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors) {
  CsvColumns csv(table, {"sector", "market", "share"}, errors);
  if (!csv.usable() || !entities.sectors || !entities.markets) return;
  std::vector<std::string> sector_ids, market_ids;
  for (const auto& k : spec.sectors) sector_ids.push_back(k.id);
  for (const auto& m : spec.markets) market_ids.push_back(m.id);
  for (auto& k : spec.sectors) k.market_mix.assign(spec.markets.size(), 0.0);

  std::map<std::pair<int, int>, int> line_of;  // (sector, market) -> row line
  std::map<int, int> first_line_of_sector;
  std::set<int> bad_share;
  for (const auto& row : table.rows) {
    const auto k = reference(csv, row, "sector", spec.sector_index(csv.text(row, "sector")), sector_ids, "sector",
                             entities.sectors_path);
    const auto m = reference(csv, row, "market", spec.market_index(csv.text(row, "market")), market_ids, "market",
                             entities.markets_path);
    const auto share = csv.number(row, "share", Range::closed(0, 1));
    if (!k || !m) continue;
    const auto [it, inserted] = line_of.emplace(std::make_pair(*k, *m), row.line);
    if (!inserted) {
      csv.reject(row, "sector,market",
                 fmt::format("duplicate row for sector {} and market {}; expected one (first at line {})",
                             sector_ids[static_cast<std::size_t>(*k)], market_ids[static_cast<std::size_t>(*m)],
                             it->second));
      continue;
    }
    first_line_of_sector.emplace(*k, row.line);
    if (share) {
      spec.sectors[static_cast<std::size_t>(*k)].market_mix[static_cast<std::size_t>(*m)] = *share;
    } else {
      bad_share.insert(*k);  // reported; the sum of the other shares would mislead
    }
  }
  for (std::size_t k = 0; k < spec.sectors.size(); ++k) {
    bool complete = true;
    for (std::size_t m = 0; m < spec.markets.size(); ++m) {
      if (line_of.count({static_cast<int>(k), static_cast<int>(m)}) == 0) {
        errors.add({table.path, 0}, "share",
                   fmt::format("no row for sector {} and market {}; expected a share for every sector and market",
                               sector_ids[k], market_ids[m]));
        complete = false;
      }
    }
    if (!complete || bad_share.count(static_cast<int>(k)) != 0) continue;
    double sum = 0;
    for (double s : spec.sectors[k].market_mix) sum += s;
    if (std::abs(sum - 1) > kShareTolerance) {
      errors.add({table.path, first_line_of_sector[static_cast<int>(k)]}, "share",
                 fmt::format("expected the shares of sector {} to sum to 1, got a sum of {}", sector_ids[k], format_sum(sum)));
    }
  }
}

}  // namespace relocsim::config
