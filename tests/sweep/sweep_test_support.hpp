#pragma once
// Sweep definitions written into a scratch directory, and what loading them
// reports.
#include <fstream>
#include <string>
#include <vector>

#include "relocsim/config/load.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/sweep_spec.hpp"
#include "scratch_dir.hpp"

namespace relocsim::sweep::test {

using Messages = std::vector<std::string>;

inline std::string tiny() { return std::string(RELOCSIM_TEST_DATA) + "/tiny/tiny.toml"; }

inline std::string write_file(const testing::ScratchDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path) << text;
  return path;
}

// A [[arm]] entry on the tiny scenario.
inline std::string arm(const std::string& name, const std::string& set = "") {
  return "[[arm]]\nname = \"" + name + "\"\nscenario = \"" + tiny() + "\"\n" + (set.empty() ? "" : "set = " + set + "\n");
}

// Every error loading (and, with plan, planning) the definition reports.
inline Messages errors_of(const std::string& path, bool plan) {
  try {
    SweepSpec spec = load_sweep_spec(path);
    if (plan) make_plan(std::move(spec));
  } catch (const config::ConfigErrors& e) {
    Messages out;
    for (const auto& err : e.errors()) out.emplace_back(err.what());
    return out;
  }
  return {};
}

}  // namespace relocsim::sweep::test
