#pragma once
// The steps that turn the checked TOML tree and CSV tables into a ModelSpec.
// Each reports problems to the ErrorList and fills what it can, so that later
// steps still run and report theirs; the spec is used only if nothing failed.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "csv_table.hpp"
#include "error_list.hpp"
#include "relocsim/engine/spec.hpp"
#include "toml_reader.hpp"

namespace relocsim::config {

// The data tables as read; nullopt when a file could not be read or parsed.
struct DataTables {
  std::optional<CsvTable> sites, sectors, markets, market_mix, legs, tariffs;
};

// Which tables yielded their entities (every required column present), and
// the line of each entity's row, for messages about sites and markets.
struct Entities {
  bool sites = false, sectors = false, markets = false;
  std::vector<int> site_lines, market_lines;
  std::string sites_path, sectors_path, markets_path;
};

// TOML sections.
void build_run(TomlReader& toml, RunSpec& run);
void build_population(TomlReader& toml, PopulationSpec& population);
void build_params(TomlReader& toml, Params& params);
// pli.inr_per_usd and one scheme per pli.SECTOR table, in sector order.
void build_pli(TomlReader& toml, const Entities& entities, ModelSpec& spec);

// CSV tables. Sites also fill spec.countries.
void build_sites(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors);
void build_sectors(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors);
void build_markets(const CsvTable& table, ModelSpec& spec, Entities& entities, ErrorList& errors);
void build_market_mix(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);
// Legs, and that every site node and market hub lies in one connected network.
void build_legs(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);
// The dense tariff array from the most specific row for each country, market and sector.
void build_tariffs(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors);

// Every key named in [sources] exists in the configuration.
void check_sources(const toml::table& root, ErrorList& errors);

}  // namespace relocsim::config
