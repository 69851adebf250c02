#pragma once
// The steps that turn the checked TOML tree and CSV tables into a ModelSpec.
// Each reports problems to the ErrorList and fills what it can, so that later
// steps still run and report theirs; the spec is used only if nothing failed.
#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "csv_table.hpp"
#include "error_list.hpp"
#include "relocsim/engine/spec.hpp"
#include "toml_reader.hpp"

namespace relocsim::config {

// The data tables as read; nullopt when a file could not be read or parsed.
struct DataTables {
  std::optional<CsvTable> sites, sectors, markets, market_mix, legs, tariffs, supplier_mix, sector_output;
};

// Which tables yielded their entities (every required column present), and
// the line of each entity's row, for messages about sites and markets.
struct Entities {
  bool sites = false, sectors = false, markets = false, legs = false;
  std::vector<int> site_lines, market_lines;
  std::string sites_path, sectors_path, markets_path, legs_path;
  std::set<std::string> nodes;  // every node the legs name, for leg events
};

// TOML sections. build_run says whether every run key was usable, which the
// events' dates are checked against.
bool build_run(TomlReader& toml, RunSpec& run);
void build_population(TomlReader& toml, PopulationSpec& population);
void build_params(TomlReader& toml, Params& params);
// pli.inr_per_usd and one scheme per pli.SECTOR table, in sector order.
void build_pli(TomlReader& toml, const Entities& entities, ModelSpec& spec);
// The keys that name entities of the tables or of [population]:
// friction.corridor_delay_factor (corridors of sites) and [japan_subsidy].
void build_policies(TomlReader& toml, const Entities& entities, ModelSpec& spec);
// [[events]]: dated changes of the levers, checked against the tables and the run's dates.
void build_events(TomlReader& toml, const Entities& entities, bool run_ok, ModelSpec& spec, ErrorList& errors);

// CSV tables. Sites also fill spec.countries.
void build_sites(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors);
void build_sectors(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors);
void build_markets(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors);
void build_market_mix(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);
// Legs, and that every site node and market hub lies in one connected network.
void build_legs(const CsvTable& table, Entities& entities, ModelSpec& spec, ErrorList& errors);
// Each sector's weights over supplier sectors: every sector has rows as a buyer, summing to 1.
void build_supplier_mix(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);
// Each sector's output and domestic sales share by bloc: a row for every sector and bloc.
void build_sector_output(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);
// The dense tariff array from the most specific row for each country, market and sector.
void build_tariffs(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);

// Dates against the run's horizon (when run_ok): site open_year and PLI
// start and base years within 50 years of the run, a PLI base year at or
// before its start. `sites` is the sites table as read, or nullptr.
void check_dates(TomlReader& toml, bool run_ok, const ModelSpec& spec, const CsvTable* sites, ErrorList& errors);

// Counts the engine's index types bound: sites, sectors, home countries.
void check_sizes(TomlReader& toml, const Entities& entities, const ModelSpec& spec, ErrorList& errors);

// Every key named in [sources] exists in the configuration.
void check_sources(const toml::table& root, ErrorList& errors);

}  // namespace relocsim::config
