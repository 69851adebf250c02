#pragma once
// The parameter table of a loaded configuration (`relocsim describe`): one row
// per value of the resolved TOML and one per column of each data table, with
// its meaning and unit (from the loader's own documentation table) and its
// source (from [sources], an event's source, or the table's source column).
#include <string>
#include <vector>

#include "relocsim/config/load.hpp"

namespace relocsim::config {

struct ParameterRow {
  std::string name;     // the key ("behaviour.logit_scale", "events[0].rate") or "DATA_KEY.column"
  std::string meaning;  // "" only for a key the documentation lacks (a test forbids it)
  std::string unit;
  std::string value;    // as written; a data column summarised ("24 values, 3,673-10,638")
  std::string source;
};

std::vector<ParameterRow> parameter_table(const LoadedConfig& loaded);

// The rows as a GitHub-flavoured Markdown table, and as CSV (RFC 4180, with a
// header row); both hold the same cells.
std::string parameter_markdown(const std::vector<ParameterRow>& rows);
std::string parameter_csv(const std::vector<ParameterRow>& rows);

}  // namespace relocsim::config
