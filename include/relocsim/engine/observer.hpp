#pragma once
// What a run exposes to the outside: a record per step, an event table and the
// firms at the end. The engine fills these plain values; an Observer (the HDF5
// writer, a test, the terminal summary) decides what to keep and how to lay it
// out. Nothing here knows about files.
#include <array>
#include <cstdint>
#include <vector>

#include "relocsim/engine/spec.hpp"
#include "relocsim/engine/uninitialised_allocator.hpp"

namespace relocsim {

enum class EventKind : std::uint8_t {
  MoveStarted = 0,    // a firm started a project to move all its capacity
  AddStarted = 1,     // a firm started a project to add a plant
  MoveCompleted = 2,  // the move's plant opened; capacity moved
  AddCompleted = 3,   // the added plant opened; capacity moved
  Abandoned = 4,      // the firm dropped its project
};
inline constexpr int kNumEventKinds = 5;
inline constexpr std::array<const char*, kNumEventKinds> kEventKindNames{
    "move_started", "add_started", "move_completed", "add_completed", "abandoned"};

// What a project does: move all of a firm's capacity, or add a plant.
enum class ProjectKind : std::int8_t { None = -1, Move = 0, Add = 1 };

// Share of a firm's capacity a project's new plant holds: all of it for a
// move, behaviour.add_share (held as a float) for an addition. Derived, not
// held: a project and an event keep only their kind.
[[nodiscard]] inline float project_share(ProjectKind kind, double add_share) {
  return kind == ProjectKind::Move ? 1.0F : static_cast<float>(add_share);
}

// No default member values: the step's list is sized to its bound without
// being written (EventList), and every event is made with all its fields.
//
// 12 bytes, at up to two events per firm in a step: no step field (every
// event of a record is of the record's step) and no share (it follows from
// the project's kind, share()).
struct Event {
  std::uint32_t firm;
  std::int16_t from_site;  // the firm's largest plant before the event
  std::int16_t to_site;    // the project's site
  EventKind kind;
  ProjectKind project;     // the project's kind
  // Share of the firm's capacity the project moves (add_share: the run's behaviour.add_share).
  [[nodiscard]] float share(double add_share) const { return project_share(project, add_share); }
};
static_assert(sizeof(Event) == 12, "an event is held at up to two per firm in a step: keep it small");
using EventList = std::vector<Event, UninitialisedAllocator<Event>>;
// The most events one firm makes in a step: a project under way is abandoned
// or advances (and may complete); a firm without one may start one, which
// completes at once when there are no approval delays.
inline constexpr std::size_t kMaxEventsPerFirmStep = 2;

// One option of a logged choice situation (RunSpec::choice_log_every). The
// value is operating + pli + peers - setup - waiting, per unit of the firm's
// capacity; the firm's utility is logit_scale times the value.
struct ChoiceRow {
  std::int32_t situation = 0;  // numbers the choice situations of a run
  std::int32_t step = 0;
  std::uint32_t firm = 0;
  std::int16_t site = -1;  // -1 for stay
  std::int8_t kind = -1;   // -1 stay, 0 move, 1 add
  std::int8_t nest = 0;    // 0 stay, 1 + bloc
  std::int8_t chosen = 0;
  double value = 0, operating = 0, pli = 0, peers = 0, setup = 0, waiting = 0;
};

// Everything recorded for one step, after the step has been applied. Record 0 is
// the initial state, before any decision. Flattened arrays say their index order.
struct StepRecord {
  int step = 0;
  double year = 0;  // decimal year at the end of the step
  int firms_reviewing = 0;

  // [site][sector]
  std::vector<double> capacity;    // units of capacity operating
  std::vector<double> employment;  // workers
  std::vector<std::int32_t> plants;  // plants operating
  // [site][sector][market]; empty where the observer did not ask (RecordParts)
  std::vector<double> sales;  // USD million per year sold to the market: capacity times the firms' market mix
  // [site]
  std::vector<double> wage;                  // USD per worker per year
  std::vector<std::int32_t> moves_started, additions_started;
  std::vector<std::int32_t> moves_completed, additions_completed;
  std::vector<std::int32_t> abandoned;       // projects abandoned at this site
  std::vector<std::int32_t> projects_pending;  // projects under way at this site at the step's end
  // [sector]
  std::vector<double> pli_paid;             // this step, USD million
  std::vector<double> pli_paid_cumulative;  // since the start, USD million
  std::vector<double> pli_remaining;        // outlay left, USD million (0 where no scheme)
  std::vector<double> india_incremental_jobs;    // Indian employment minus that at the base date
  std::vector<double> india_incremental_output;  // Indian capacity minus that at the base date
  std::vector<double> pli_cost_per_job;     // cumulative paid / incremental jobs; NaN when no jobs
  std::vector<double> pli_cost_per_unit;    // cumulative paid / incremental output; NaN when none
  // [bloc][sector]; empty where the observer did not ask (RecordParts)
  std::vector<double> mean_unit_cost;   // capacity-weighted production cost per unit; NaN when no capacity
  std::vector<double> capacity_share;   // bloc's share of the sector's capacity
  // [sector]
  std::vector<double> capacity_hhi;     // Herfindahl index of capacity across countries
  std::vector<double> pli_committed_cumulative;  // approved claims since the start, USD million
  // [bloc][sector]
  std::vector<double> hazard_belief;    // the sector's belief of the bloc's yearly disruption hazard
  // [bloc]
  std::vector<double> disruption;       // severity of disruptions striking the bloc this step (0: none)
  // [site][sector]
  std::vector<double> learning_factor;  // productivity multiplier from learning by doing
  double export_control_severity = 0;   // China's export controls in force (cumulative severity)
  double japan_subsidy_paid = 0;        // this step, USD million
  double japan_subsidy_remaining = 0;   // budget left, USD million
  // [sector], filled only when the run is paired with a counterfactual run
  // without PLI on the same seed (RunStart::pli_counterfactual): what the PLI
  // added over that run, and what each addition cost.
  std::vector<double> pli_additional_jobs, pli_additional_output;
  std::vector<double> pli_cost_per_additional_job, pli_cost_per_additional_unit;
  // This step's events, ordered by firm then kind.
  EventList events;
  // This step's logged choice situations, ordered by firm; empty unless the
  // run logs choices.
  std::vector<ChoiceRow> choices;
};

// The firms at the end of the run. Index = firm id.
inline constexpr int kMaxPlants = 3;
struct FirmTable {
  std::vector<std::uint8_t> sector, home;
  std::vector<double> capacity, productivity;
  std::vector<std::int16_t> plant_site;  // [firm][kMaxPlants]; -1 where no plant
  std::vector<double> plant_share;       // [firm][kMaxPlants]; 0 where no plant
  std::vector<std::int16_t> project_site;  // -1 where none
  std::vector<std::int8_t> project_kind;   // 0 move, 1 add, -1 none
  std::vector<double> project_share;
  std::vector<double> project_months_left;  // approval plus build still to go
  std::vector<double> pli_received;         // USD million over the run
};

// Static facts of a run that are derived from the spec, for writers.
struct RunStart {
  const ModelSpec& spec;
  int records = 0;                 // steps + 1
  std::vector<double> route_cost;  // [site][market] generalised cost of the cheapest route, fraction of value
  std::vector<double> route_days;  // [site][market] transit days along that route
  bool pli_counterfactual = false;  // records carry the pli_additional_* fields
};

// The parts of a step's record that the model itself never reads, only
// observers: a run sums them over every plant each step only when its
// observer asks, so a sweep whose outcomes use neither does not pay for them
// (about half of the market update's time). Records of parts not asked for
// hold them empty.
struct RecordParts {
  bool sales = true;
  bool mean_unit_cost = true;
  [[nodiscard]] RecordParts operator|(const RecordParts& o) const {
    return {sales || o.sales, mean_unit_cost || o.mean_unit_cost};
  }
};

class Observer {
 public:
  virtual ~Observer() = default;
  // Asked once, before on_start. By default every part: an observer that
  // does not say reads whatever it likes.
  [[nodiscard]] virtual RecordParts wants() const { return {}; }
  virtual void on_start(const RunStart& /*start*/) {}
  virtual void on_step(const StepRecord& /*record*/) {}
  virtual void on_end(const FirmTable& /*firms*/) {}
};

}  // namespace relocsim
