#pragma once
// Problems found while loading a configuration are collected rather than thrown
// one at a time, so that `relocsim validate` can report all of them in one pass.
#include <string>
#include <vector>

#include "relocsim/config/load.hpp"

namespace relocsim::config {

// Where a value came from: a file (or "--set") and a 1-based line, 0 when unknown.
struct Location {
  std::string file;
  int line = 0;
};

class ErrorList {
 public:
  void add(const Location& where, std::string key, std::string problem);
  [[nodiscard]] bool empty() const { return errors_.empty(); }
  [[nodiscard]] std::size_t size() const { return errors_.size(); }
  // Throws ConfigErrors holding everything collected so far, if anything was.
  void throw_if_any() const;

  // Something accepted that is probably a mistake (a tariff of 300 %): the
  // commands print it, and the run goes on.
  void warn(const Location& where, std::string key, std::string problem);
  [[nodiscard]] const std::vector<ConfigError>& warnings() const { return warnings_; }

 private:
  std::vector<ConfigError> errors_;
  std::vector<ConfigError> warnings_;
};

}  // namespace relocsim::config
