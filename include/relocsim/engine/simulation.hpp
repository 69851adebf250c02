#pragma once
// One run of the model. Built from a validated ModelSpec; knows nothing of
// files. The caller chooses the thread count (tbb::global_control) and what
// observes the run.
//
// A step is a short list of phases (docs/ODD.md section 3). Every firm decides on
// the state at the step's start: its own, and what is fixed for the step. Its
// decision is applied at once, to its own state only, so no firm sees
// another's decision of the step and neither the order of firms nor the
// number of threads changes the outcome.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "relocsim/engine/beliefs.hpp"
#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/japan_subsidy.hpp"
#include "relocsim/engine/learning.hpp"
#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/peers.hpp"
#include "relocsim/engine/pli.hpp"
#include "relocsim/engine/policy_state.hpp"
#include "relocsim/engine/population_cache.hpp"
#include "relocsim/engine/spec.hpp"
#include "relocsim/engine/supply_network.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "relocsim/engine/valuation.hpp"

namespace relocsim {

struct RunControl {
  // Called after each step with (steps done, steps in all).
  std::function<void(int, int)> progress;
  // When set and true, the run stops after the current step by throwing Interrupted.
  const std::atomic<bool>* stop = nullptr;
};

class Simulation {
 public:
  explicit Simulation(ModelSpec spec);  // check_spec()s it, builds networks and firms
  // The same, with the firms and supply network taken from (or built into)
  // the cache: the same run, to the bit, for less work where runs share them.
  Simulation(ModelSpec spec, PopulationCache& populations);

  // on_start, record 0 (the initial state), each step's record, on_end.
  void run(Observer& observer, const RunControl& control = {});

  void step();  // one step; the record is then last_record()
  [[nodiscard]] const StepRecord& last_record() const { return record_; }
  [[nodiscard]] int steps_done() const { return step_; }
  [[nodiscard]] double year() const;  // decimal year at the start of the next step

  [[nodiscard]] const ModelSpec& spec() const { return spec_; }
  [[nodiscard]] const Firms& firms() const { return firms_; }
  [[nodiscard]] const SupplyNetwork& supply_network() const { return supply_; }
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }
  [[nodiscard]] const std::vector<double>& wages() const { return wages_; }
  [[nodiscard]] RunStart run_start() const;
  [[nodiscard]] FirmTable firm_table() const;
  // The tables the firms value options with, as of the next step's start.
  [[nodiscard]] ValuationTables valuation_tables() const;
  [[nodiscard]] std::array<float, kNumBlocs> proximity(std::size_t firm) const;

  // Firm-site pairs valued so far (the benchmark's unit of work).
  [[nodiscard]] std::int64_t evaluations() const { return evaluations_; }

 private:
  // What one block of firms' decisions add up to in a step.
  struct DecidePartial {
    std::int64_t evaluations = 0;
    int reviewing = 0;
    std::vector<ChoiceRow> choices;
    // The block's events, written straight into the step's list at
    // [first_event, first_event + n_events): see decide_and_apply.
    std::size_t first_event = 0, n_events = 0, max_events = 0;
    double grants = 0;                     // Japan's subsidy for plants that opened
    void clear() {
      evaluations = 0, reviewing = 0, grants = 0, n_events = 0;
      choices.clear();
    }
  };

  struct Decision {
    std::int16_t site = -1;
    ProjectKind kind = ProjectKind::None;
    bool abandon = false;
    float taste_gap = 0;  // for a new project: see Project::taste_gap
  };

  // The chosen option's draw over staying's, given the choice, plus peers' pull (value units).
  [[nodiscard]] double taste_gap(const ValuationTables& tables, const FirmView& firm, const OptionSet& options,
                                 int chosen, double log_sum, std::size_t f, std::uint64_t draw_step) const;
  void log_choice(std::size_t firm, const OptionSet& options, int chosen, std::vector<ChoiceRow>& out) const;
  void apply_events_and_shocks();
  [[nodiscard]] std::int8_t main_bloc_of(std::size_t f) const;  // bloc of the firm's largest plant, -1 if none
  void compute_proximity();  // every firm's main bloc and partner shares
  void update_proximity(std::span<const Event> last_step_events);  // the same, only where plants opened since
  [[nodiscard]] WorldView world_view() const;  // the state the valuation tables are made from
  void decide_and_apply(const ValuationTables& tables);
  void pay_pli();
  void update_markets();
  void record_step();
  void check_invariants() const;
  void check_proximity() const;
  [[noreturn]] void invariant_broken(const std::string& what) const;

  // A checked spec and its firms and supply network, for the constructors.
  struct Start {
    ModelSpec spec;
    Firms firms;
    SupplyNetwork supply;
  };
  static Start start(ModelSpec spec, PopulationCache* populations);
  explicit Simulation(Start start);

  ModelSpec spec_;
  TransportNetwork network_;
  std::vector<Route> routes_;
  Firms firms_;
  SupplyNetwork supply_;
  PliPrograms pli_;
  PolicyState policy_;
  Beliefs beliefs_;
  PeerMoves peers_;
  Learning learning_;
  JapanSubsidy subsidy_;
  std::array<double, kNumBlocs> disruption_{};  // severity striking each bloc this step
  double subsidy_paid_step_ = 0;
  std::vector<double> base_wages_, wages_;
  std::vector<double> initial_employment_;         // [site]
  std::vector<double> india_base_jobs_, india_base_output_;  // [sector]
  std::vector<double> pli_paid_step_;               // [sector]
  std::vector<double> capacity_;                    // [site][sector] operating at the last record
  PartnerShares proximity_;
  std::vector<std::int8_t> main_bloc_;
  std::vector<DecidePartial> decide_parts_;    // per block of firms, reused every step
  EventList events_;
  StepRecord record_;
  RecordParts record_parts_;  // what the observer of run() reads; all of it for step()
  int step_ = 0;
  std::int64_t evaluations_ = 0;
  std::int64_t choice_situations_ = 0;
};

}  // namespace relocsim
