#pragma once
// The published observations a calibration is fitted to and judged by
// (configs/calibration/targets.csv; docs/CALIBRATE.md): each with its value,
// date, unit, uncertainty and source, the model outcome it is compared with,
// and the factor that converts its unit into the outcome's (a currency at the
// period's average rate, crore to million, ...).
#include <string>
#include <vector>

namespace relocsim::calibrate {

struct Target {
  std::string name;     // [A-Za-z_][A-Za-z0-9_]*, unique
  std::string series;   // the published series it belongs to; the report plots each over time
  std::string outcome;  // an [[outcome]] of the calibration
  std::string date_label;  // YYYY-MM-DD, the end of the period the figure covers
  double date = 0;      // the same as a decimal year
  double value = 0;     // in `unit`
  std::string unit;
  double se = 0;        // standard error in `unit` (from se, or rel_se * |value|)
  double to_model = 1;  // model units = published units * to_model
  std::string conversion;  // how to_model was obtained, with its source
  std::string source;
  int line = 0;
};

// Reads and checks the targets CSV: every column present, numbers finite, an
// uncertainty (exactly one of se and rel_se) that is positive, dates valid,
// names unique. Throws config::ConfigErrors, each located file:line: column.
// contents, when given, receives the file as read, for provenance.
std::vector<Target> load_targets(const std::string& path, std::string* contents = nullptr);

}  // namespace relocsim::calibrate
