#pragma once
// What a sweep keeps of each run: the headline outcomes and three time
// series (docs/SWEEP.md), computed by an Observer while the run goes, so that
// nothing of a run but these few numbers outlives it.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "relocsim/engine/observer.hpp"

namespace relocsim::sweep {

// The axes every run of a sweep shares, taken from the reference arm. A run
// whose scenario has other sites, sectors, markets or steps cannot share the
// archive's arrays; it fails with an error saying so.
struct Axes {
  int records = 0;  // steps + 1
  double start_year = 0;
  int steps_per_year = 1;
  std::vector<double> year;  // [record], decimal year at the end of the step
  std::vector<std::string> sites, sectors, markets;
  std::vector<std::int8_t> site_bloc;  // [site]
};
Axes axes_of(const ModelSpec& spec);

// Throws Error, saying which axis differs, unless a run's axes are the sweep's.
void check_same_axes(const Axes& run, const Axes& sweep);

enum class Shape { Scalar, Sector, StepSector, StepBlocSector };

struct OutputInfo {
  const char* name;
  Shape shape;
  bool integer;  // a count: int32 in the archive, -1 when missing
  const char* long_name;
  const char* units;
};

// The headline outcomes, in archive order; RunRecord::outcomes follows it.
// The capacity outcomes come in pairs: the net change (what a bloc holds at
// the end minus at the start, negative when more left than arrived) and the
// gross inflow (what arrived from other blocs, never negative), since a net
// figure alone reads as "moved there" and hides the flows both ways.
inline constexpr std::array<OutputInfo, 12> kOutcomes{{
    {"india_capacity_share_end", Shape::Sector, false, "India's share of the sector's capacity at the end", "1"},
    {"asean_capacity_share_end", Shape::Sector, false, "ASEAN's share of the sector's capacity at the end", "1"},
    {"china_capacity_share_end", Shape::Sector, false, "China's share of the sector's capacity at the end", "1"},
    {"india_capacity_net_change", Shape::Sector, false,
     "net change of capacity in India: at the end minus at the start", "unit"},
    {"asean_capacity_net_change", Shape::Sector, false,
     "net change of capacity in ASEAN: at the end minus at the start", "unit"},
    {"india_capacity_gross_inflow", Shape::Sector, false,
     "gross inflow of capacity to India: moves and additions completed there from other blocs", "unit"},
    {"asean_capacity_gross_inflow", Shape::Sector, false,
     "gross inflow of capacity to ASEAN: moves and additions completed there from other blocs", "unit"},
    {"india_jobs_added", Shape::Sector, false,
     "manufacturing employment in India at the end minus that at the start", "1"},
    {"pli_paid_total", Shape::Sector, false, "PLI paid over the run", "USD million"},
    {"pli_cost_per_job", Shape::Sector, false,
     "PLI paid over the run per job added in India; missing when no jobs were added", "USD million"},
    {"firms_relocated_india", Shape::Scalar, true,
     "firms that opened a plant in India coming from another bloc", "1"},
    {"firms_relocated_asean", Shape::Scalar, true,
     "firms that opened a plant in ASEAN coming from another bloc", "1"},
}};

// The time series, in archive order; RunRecord::series follows it.
inline constexpr std::array<OutputInfo, 3> kSeries{{
    {"capacity_share", Shape::StepBlocSector, false, "bloc's share of the sector's capacity", "1"},
    {"pli_paid_cumulative", Shape::StepSector, false, "PLI paid since the start", "USD million"},
    {"india_incremental_jobs", Shape::StepSector, false, "Indian employment minus that at the PLI base date",
     "1"},
}};

// Numbers one run has of an output of this shape.
std::size_t values_per_run(Shape shape, const Axes& axes);

// Every name `outputs` in SWEEP.toml may list.
std::vector<std::string> output_names();

// Names an [[outcome]] may not take: every variable of the archive, so that
// a reader that gathers the defined outcomes beside the built-in ones (the
// Python reader does) never finds two of one name.
std::vector<std::string> reserved_outcome_names();

inline constexpr std::int8_t kDone = 0, kFailed = 1, kNotRun = -1;

// One run's result as the journal keeps it and the archive stores it.
struct RunRecord {
  long long run = -1;
  std::int8_t status = kNotRun;
  std::string error;  // "" unless failed
  std::vector<std::vector<double>> outcomes;  // [kOutcomes], empty unless done
  std::vector<std::vector<double>> series;    // [kSeries], [record][...] flattened
  std::vector<double> defined;                // [SweepSpec::defined_outcomes], empty unless done
};

class OutcomeObserver : public Observer {
 public:
  explicit OutcomeObserver(const Axes& axes) : axes_(axes) {}
  // The built-in outcomes read neither sales nor unit costs.
  [[nodiscard]] RecordParts wants() const override { return {false, false}; }
  void on_start(const RunStart& start) override;
  void on_step(const StepRecord& record) override;
  void on_end(const FirmTable& firms) override;

  // The finished run's outcomes and series; throws Error unless the run ended.
  [[nodiscard]] RunRecord result(long long run) const;

 private:
  const Axes& axes_;
  std::size_t n_sectors_ = 0;
  std::vector<double> india_capacity_start_, asean_capacity_start_, india_jobs_start_;  // [sector]
  std::vector<double> capacity_end_, employment_end_, share_end_, pli_paid_end_;  // the last record's
  std::vector<std::vector<double>> series_;
  std::array<long long, 3> relocated_{};  // by bloc
  // Completed moves and additions into a bloc from another: the firm's
  // capacity is known only at the end (FirmTable), so each is kept until then.
  struct Arrival {
    std::uint32_t firm;
    int bloc;
    double share;
  };
  std::vector<Arrival> arrivals_;
  std::vector<double> inflow_india_, inflow_asean_;  // [sector], filled at the end
  std::vector<std::uint8_t> counted_;     // [firm][bloc]
  double add_share_ = 0;                  // the run's behaviour.add_share: an event's share follows from it
  int records_seen_ = 0;
  bool ended_ = false;
};

}  // namespace relocsim::sweep
