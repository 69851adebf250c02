#pragma once
// Outcomes a user defines in TOML, without touching C++: a named reduction
// over what a run records (docs/SWEEP.md, "Defined outcomes"). The same
// definitions serve as sweep outcomes ([[outcome]] in SWEEP.toml, written to
// the archive beside the built-in ones) and as calibration moments.
//
//   [[outcome]]
//   name = "india_phone_output_fy23"
//   variable = "capacity"            # a StepRecord variable, by name
//   sectors = ["electronics"]        # selections; left out: all
//   blocs = ["India"]                # or sites = [...], corridors = [...]
//   markets = "abroad"               # sales only: ["US"], or "abroad" (not the site's own bloc's market)
//   window = [2022.25, 2023.25]      # records whose date falls in (from, to]; or date = 2023.25
//   reduce = "mean"                  # value | sum | mean | change | growth | share | ratio
//   scale = 1.0                      # multiplies the result (unit conversion)
//   units = "USD million per year"
//   long_name = "..."
//
// A defined outcome is one number per run (NaN where it is undefined, e.g. a
// ratio over zero); the set of them is computed by an Observer while the run
// goes, so nothing else of the run needs to be kept.
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/spec.hpp"

namespace toml {
inline namespace v3 {
class array;
class table;
}  // namespace v3
}  // namespace toml

namespace relocsim::sweep {

enum class Reduce { Value, Sum, Mean, Change, Growth, Share, Ratio };

struct OutcomeDefinition {
  std::string name;  // a name as h5py, pandas and R accept it: [A-Za-z_][A-Za-z0-9_]*
  std::string long_name, units;
  std::string variable;  // for ratio: empty
  std::vector<std::string> blocs, sites, corridors, sectors, markets;  // empty: all
  bool abroad = false;   // markets = "abroad"
  Reduce reduce = Reduce::Value;
  // value, change, growth, share: at `date` (value, share) or between the
  // window's ends (change: to - from; growth: to / from - 1); sum, mean: over
  // the records in (from, to].
  double date = std::numeric_limits<double>::quiet_NaN();
  double from = std::numeric_limits<double>::quiet_NaN(), to = std::numeric_limits<double>::quiet_NaN();
  // share: the denominator is the same variable over this wider selection
  // (its lists; an empty list: all). ratio: numerator / denominator, names of
  // outcomes defined before this one.
  std::vector<std::string> of_blocs, of_sites, of_corridors, of_sectors, of_markets;
  std::string numerator, denominator;
  double scale = 1.0;
  std::string file;  // where it was defined, for errors found later
  int line = 0;
  std::string key;         // "outcome[3]": the prefix of its errors' keys
  std::string definition;  // the table as TOML text, for the archive and the sweep's identity
};

// Reads an array of [[outcome]] tables, checking each field's type, the
// reduction's required fields and the names (unique, none of `reserved`).
// Throws config::ConfigErrors listing every problem as file:line: key: problem.
// `prefix` names the array in errors: "outcome" gives outcome[0].reduce.
std::vector<OutcomeDefinition> read_outcome_definitions(const toml::array& outcomes, const std::string& file,
                                                        const std::vector<std::string>& reserved = {},
                                                        const std::string& prefix = "outcome");

// The [[outcome]] array of a whole file (its key `outcome`): none when the
// key is absent, an error when it is not an array of tables.
std::vector<OutcomeDefinition> read_outcome_section(const toml::table& root, const std::string& file,
                                                    const std::vector<std::string>& reserved = {});

// A date as the definitions give it, as a decimal year: a number as it is,
// a TOML date as the end of that day, counting months as twelfths of a year
// and days as fractions of their month, so 2023-03-31 is 2023.25, the date of
// the record that ends March 2023 (docs/SWEEP.md, "Dates").
double decimal_year(int year, int month, int day);

// Checks the definitions against a scenario: variables that exist, names of
// blocs, sites, corridors, sectors and markets that it has, dates inside the
// run. Throws config::ConfigErrors, located at each definition's line.
void check_outcome_definitions(const std::vector<OutcomeDefinition>& definitions, const ModelSpec& spec);

// The variables a definition may name, with their dimensions, for docs and
// for the error that lists them.
std::vector<std::string> outcome_variable_names();

// Computes every definition while a run goes. Construct with the run's spec
// (checked beforehand); values() once the run has ended.
class DefinedOutcomeObserver : public Observer {
 public:
  DefinedOutcomeObserver(const std::vector<OutcomeDefinition>& definitions, const ModelSpec& spec);
  ~DefinedOutcomeObserver() override;
  [[nodiscard]] RecordParts wants() const override;  // what the definitions' variables need
  void on_start(const RunStart& start) override;
  void on_step(const StepRecord& record) override;
  void on_end(const FirmTable& firms) override;
  // One value per definition, in order; throws Error unless the run ended.
  [[nodiscard]] std::vector<double> values() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace relocsim::sweep
