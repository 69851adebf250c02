#pragma once
// What each configuration key and data column means and in which unit: the
// one place these are written, read by `relocsim describe` (and its tests,
// which check that every key the loader reads has an entry here).
#include <string>
#include <string_view>
#include <vector>

namespace relocsim::config {

struct ParameterDoc {
  // A TOML key ("behaviour.logit_scale"), with "*" for one name chosen by the
  // configuration (a PLI sector, a bloc, a corridor) and "events[]" for any
  // event; or a data column as "DATA_KEY.column" ("sites.wage_usd_year").
  std::string_view pattern;
  std::string_view meaning;
  std::string_view unit;
};

// Every entry, in the order the parameter table lists them.
const std::vector<ParameterDoc>& parameter_docs();

// The entry whose pattern matches `key` ("events[3].rate" matches
// "events[].rate"), or nullptr; its index in parameter_docs() through `index`.
const ParameterDoc* find_parameter_doc(std::string_view key, std::size_t* index = nullptr);

}  // namespace relocsim::config
