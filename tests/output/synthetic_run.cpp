#include "synthetic_run.hpp"

#include <cmath>
#include <limits>

namespace relocsim::testing {

double capacity_value(int step, int site, int sector) { return 1000.0 * step + 10.0 * site + sector + 0.5; }

SyntheticRun make_synthetic_run() {
  SyntheticRun run;
  ModelSpec& spec = run.spec;
  spec.countries = {"China", "Vietnam", "India"};
  const char* ids[] = {"prd", "north_vietnam", "dholera"};
  const char* names[] = {"Pearl River Delta", "Northern Vietnam (Hà Nội)", "Dholera SIR"};
  const char* states[] = {"Guangdong", "Hanoi", "Gujarat"};
  for (int i = 0; i < 3; ++i) {
    SiteSpec s;
    s.id = ids[i];
    s.name = names[i];
    s.bloc = static_cast<Bloc>(i);
    s.country = spec.countries[static_cast<std::size_t>(i)];
    s.state = states[i];
    s.corridor = i == 2 ? "DMIC" : "";
    s.wage = 5000;
    s.initial_weight = 1;
    spec.sites.push_back(s);
  }
  for (const char* id : {"electronics", "ev_batteries"}) {
    SectorSpec k;
    k.id = id;
    k.name = std::string(id) + " (name)";
    k.firm_share = 0.5;
    k.market_mix = {0.5, 0.5};
    k.output = {100, 50, 20};
    spec.sectors.push_back(k);
  }
  spec.markets = {{"US", "United States", "us_hub"}, {"EU", "European Union", "eu_hub"}};
  spec.tariffs.assign(3 * 2 * 2, 0.0);
  spec.population.n_firms = 4;
  spec.params.add_share = 0.3;  // the share an added plant takes: event_share of an addition
  spec.population.home_countries = {"Japan", "United States"};
  spec.population.home_shares = {std::vector<double>{0.5, 0.5}, std::vector<double>{0.5, 0.5},
                                 std::vector<double>{0.5, 0.5}};
  spec.run.steps = 3;

  const std::size_t sites = 3, sectors = 2, blocs = kNumBlocs;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int step = 0; step <= spec.run.steps; ++step) {
    StepRecord r;
    r.step = step;
    r.year = spec.run.start_year + step / 4.0;
    r.firms_reviewing = step;
    for (std::size_t i = 0; i < sites; ++i) {
      for (std::size_t k = 0; k < sectors; ++k) {
        r.capacity.push_back(capacity_value(step, static_cast<int>(i), static_cast<int>(k)));
        r.employment.push_back(2 * capacity_value(step, static_cast<int>(i), static_cast<int>(k)));
        r.plants.push_back(static_cast<std::int32_t>(i + k));
        // Sold 60 % to the US, 40 % to the EU: summed over markets, capacity.
        const double c = capacity_value(step, static_cast<int>(i), static_cast<int>(k));
        r.sales.push_back(0.6 * c);
        r.sales.push_back(0.4 * c);
        r.learning_factor.push_back(1.0 + 0.01 * step);
      }
      r.wage.push_back(5000.0 + step);
      r.moves_started.push_back(step);
      r.additions_started.push_back(1);
      r.moves_completed.push_back(0);
      r.additions_completed.push_back(0);
      r.abandoned.push_back(0);
      r.projects_pending.push_back(static_cast<std::int32_t>(i));
    }
    for (std::size_t k = 0; k < sectors; ++k) {
      r.pli_paid.push_back(1.5 * step);
      r.pli_paid_cumulative.push_back(3.0 * step);
      r.pli_remaining.push_back(100.0 - step);
      r.india_incremental_jobs.push_back(10.0 * step);
      r.india_incremental_output.push_back(step);
      r.pli_cost_per_job.push_back(step == 0 ? nan : 0.3);
      r.pli_cost_per_unit.push_back(step == 0 ? nan : 3.0);
      r.capacity_hhi.push_back(0.4);
      r.pli_committed_cumulative.push_back(3.5 * step);
    }
    for (std::size_t b = 0; b < blocs; ++b) {
      for (std::size_t k = 0; k < sectors; ++k) {
        r.mean_unit_cost.push_back(b == 2 ? nan : 0.7);
        r.capacity_share.push_back(1.0 / 3);
        r.hazard_belief.push_back(0.05);
      }
      r.disruption.push_back(b == 0 && step == 2 ? 1.0 : 0.0);
    }
    r.export_control_severity = step >= 2 ? 1.0 : 0.0;
    r.japan_subsidy_paid = 0.5;
    r.japan_subsidy_remaining = 10.0 - 0.5 * step;
    if (step == 1) {
      r.events.push_back({0, 0, 2, EventKind::MoveStarted, ProjectKind::Move});
      r.events.push_back({3, -1, 1, EventKind::AddStarted, ProjectKind::Add});
    } else if (step == 2) {
      r.events.push_back({0, 0, 2, EventKind::MoveCompleted, ProjectKind::Move});
    }
    run.records.push_back(std::move(r));
  }

  FirmTable& f = run.firms;
  f.sector = {0, 1, 0, 1};
  f.home = {0, 0, 1, 1};
  f.capacity = {10, 20, 30, 40};
  f.productivity = {1.0, 0.9, 1.1, 1.2};
  f.plant_site = {2, -1, -1, 0, 1, -1, 1, -1, -1, 0, -1, -1};
  f.plant_share = {1, 0, 0, 0.5, 0.5, 0, 1, 0, 0, 1, 0, 0};
  f.project_site = {-1, -1, -1, 1};
  f.project_kind = {-1, -1, -1, 1};
  f.project_share = {0, 0, 0, 0.3};
  f.project_months_left = {0, 0, 0, 7.5};
  f.pli_received = {4.5, 0, 0, 0};

  run.route_cost = {0.05, 0.06, 0.07, 0.08, 0.09, 0.10};
  run.route_days = {20, 30, 25, 35, 28, 40};
  // Two times (start and end), two parts: enough to check the layout.
  auto& b = run.breakdown;
  b.n_sectors = 2;
  b.parts = {"sales", "setup"};
  b.year = {2020.0, 2020.75};
  b.annuity = {6.5, 6.5};
  for (int t = 0; t < 2; ++t)
    for (int k = 0; k < 2; ++k) {
      b.firm_size.push_back(100.0 * (k + 1));
      for (int o = 0; o < ValueBreakdownTable::kOptions; ++o) {
        b.site.push_back(static_cast<std::int16_t>(o == 0 ? 0 : o - 1));
        for (int j = 0; j < 2; ++j) b.value.push_back(breakdown_value(t, k, o, j));
      }
    }
  return run;
}

double breakdown_value(int time, int sector, int option, int part) {
  return 1000.0 * time + 100.0 * sector + 10.0 * option + part;
}

RunStart SyntheticRun::start() const {
  return RunStart{spec, spec.run.steps + 1, route_cost, route_days};
}

output::Provenance synthetic_provenance() {
  output::Provenance p = output::build_provenance();
  p.command_line = "relocsim run synthetic.toml -o out.h5";
  p.config_path = "synthetic.toml";
  p.resolved_config = "[run]\nsteps = 3\nseed = 18446744073709551557\n";
  p.input_files = {{"data/sites.csv", "id,name\nprd,Pearl River Delta\n"}, {"data/legs.csv", "from,to\n"}};
  p.seed = 18446744073709551557ULL;  // the largest 64-bit prime: checks that no bits are lost
  p.threads = 2;
  return p;
}

void feed(output::Hdf5Writer& writer, const SyntheticRun& run) {
  writer.on_start(run.start());
  for (const auto& r : run.records) writer.on_step(r);
  writer.on_end(run.firms);
  writer.write_value_breakdown(run.breakdown);
}

}  // namespace relocsim::testing
