#pragma once
// Reads a scenario (TOML plus the CSV tables it names) into a validated
// ModelSpec. All file reading and checking of user input happens here; the
// engine receives a spec it can trust.
#include <string>
#include <utility>
#include <vector>

#include "relocsim/engine/error.hpp"
#include "relocsim/engine/spec.hpp"

namespace relocsim::config {

struct InputFile {
  std::string path;      // as resolved on disk
  std::string contents;  // verbatim, for provenance
};

struct LoadedConfig {
  ModelSpec spec;
  std::string path;           // the scenario file asked for
  std::string resolved_toml;  // the configuration after extends and overrides, as TOML text
  std::vector<InputFile> inputs;  // every TOML and CSV file read, in the order read
  // Values accepted that are probably mistakes ("file:line: key: ..."), for
  // the commands to print as warnings.
  std::vector<ConfigError> warnings;
  // What the loader read, for checking that `relocsim describe` documents it:
  // TOML keys ("behaviour.logit_scale", "events[0].year") in the order read,
  // and CSV columns as "DATA_KEY.column" ("sites.wage_usd_year").
  std::vector<std::string> keys_read;
  std::vector<std::string> columns_read;
};

// Every problem found in a configuration, not only the first. what() lists them
// one per line, each in ConfigError's "file:line: key: problem" form.
class ConfigErrors : public Error {
 public:
  explicit ConfigErrors(std::vector<ConfigError> errors);
  [[nodiscard]] const std::vector<ConfigError>& errors() const { return errors_; }

 private:
  std::vector<ConfigError> errors_;
};

// overrides: "dotted.key=toml-value", applied after extends; the key must exist.
// Throws ConfigErrors.
LoadedConfig load(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace relocsim::config
