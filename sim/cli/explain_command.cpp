// relocsim explain: run the scenario to the step containing --year, then
// split the value of every location option of the sector's representative
// firm into its parts, with that step's valuation tables.
#include "explain_command.hpp"

#include "date_label.hpp"

#include <cmath>
#include <fstream>

#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "../config/suggest.hpp"  // the loader's "did you mean", so ids are suggested alike everywhere
#include "commands.hpp"
#include "explain_table.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/representative_firm.hpp"
#include "relocsim/engine/simulation.hpp"

namespace relocsim::cli {

namespace {

// Exit 2 with a message: every error here is the user's input.
struct BadInput : Error {
  using Error::Error;
};

int sector_index(const ModelSpec& spec, const std::string& id) {
  std::vector<std::string> ids;
  for (std::size_t k = 0; k < spec.sectors.size(); ++k) {
    if (spec.sectors[k].id == id) return static_cast<int>(k);
    ids.push_back(spec.sectors[k].id);
  }
  std::string known;
  for (const auto& s : ids) known += (known.empty() ? "" : ", ") + s;
  throw BadInput("--sector: unknown sector '" + id + "'" + config::did_you_mean(id, ids) + " (sectors: " + known +
                 ")");
}

Bloc bloc_of(const std::string& name) {
  for (int b = 0; b < kNumBlocs; ++b)
    if (name == kBlocNames[b]) return static_cast<Bloc>(b);
  throw BadInput("--from: unknown bloc '" + name + "'" +
                 config::did_you_mean(name, {kBlocNames.begin(), kBlocNames.end()}) + " (blocs: China, ASEAN, India)");
}

std::optional<int> home_of(const ModelSpec& spec, const std::string& name) {
  if (name.empty()) return std::nullopt;
  const auto& homes = spec.population.home_countries;
  for (std::size_t h = 0; h < homes.size(); ++h)
    if (homes[h] == name) return static_cast<int>(h);
  std::string known;
  for (const auto& h : homes) known += (known.empty() ? "" : ", ") + h;
  throw BadInput("--home: unknown home country '" + name + "'" + config::did_you_mean(name, homes) + " (" + known +
                 ")");
}

// Steps to run before the step containing `year`: its valuation tables are
// the state at that step's start (before the step's own dated events).
int steps_before(const RunSpec& run, double year) {
  const double end = run.start_year + static_cast<double>(run.steps) / run.steps_per_year;
  if (!(year >= run.start_year && year <= end))
    throw BadInput(fmt::format("--year {}: outside the run, which covers {} to {}", year, date_label(run.start_year),
                               date_label(end)));
  return std::min(run.steps, static_cast<int>(std::floor((year - run.start_year) * run.steps_per_year + 1e-9)));
}

}  // namespace

int explain_command(const ExplainOptions& options) {
  const std::string path = options.config.empty() ? default_config() : options.config;
  const config::LoadedConfig loaded = config::load(path, options.overrides);
  try {
    const int sector = sector_index(loaded.spec, options.sector);
    const Bloc from = bloc_of(options.from);
    const std::optional<int> home = home_of(loaded.spec, options.home);
    const int steps = steps_before(loaded.spec.run, options.year.value_or(loaded.spec.run.start_year));
    if (options.firm_size && !(*options.firm_size > 0))
      throw BadInput(fmt::format("--firm-size {}: must be a positive USD million a year", *options.firm_size));
    // Opened before simulating, so a bad path fails at once.
    std::ofstream csv;
    if (!options.csv.empty()) {
      csv.open(options.csv);
      if (!csv) throw BadInput("--csv " + options.csv + ": cannot write the file");
    }

    const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    Simulation sim(loaded.spec);
    for (int i = 0; i < steps; ++i) sim.step();

    RepresentativeFirm firm;
    try {
      firm = representative_firm(sim, sector, from, options.firm_size, home);
    } catch (const Error& e) {
      throw BadInput(std::string("--from ") + options.from + ": " + e.what());
    }
    const ValuationTables tables = sim.valuation_tables();
    std::vector<OptionBreakdown> all = explain_options(sim.spec(), tables, sim.routes(), firm.view(sim));

    Explained e;
    e.spec = &sim.spec();
    e.sector = sector;
    e.year = sim.year();
    e.from = from;
    e.from_site = firm.site;
    e.firm_size = firm.firm_size;
    e.home = firm.home;
    const ProjectKind wanted = options.add ? ProjectKind::Add : ProjectKind::Move;
    for (auto& o : all)
      if (o.kind == ProjectKind::None || o.kind == wanted) e.options.push_back(o);

    print_bloc_table(stdout, e, options.horizon);
    if (options.sites) print_site_table(stdout, e, options.horizon);
    if (csv.is_open()) {
      csv << explain_csv(e);
      csv.close();
      if (!csv) throw BadInput("--csv " + options.csv + ": cannot write the file");
      fmt::print("\nwrote {} (one row per option and part; see README)\n", options.csv);
    }
  } catch (const BadInput& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kBadInput;
  }
  return kOk;
}

}  // namespace relocsim::cli
