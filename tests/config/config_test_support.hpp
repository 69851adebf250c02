#pragma once
// Paths into tests/data and the messages a failing load produces.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "relocsim/config/load.hpp"

namespace relocsim::config::test {

inline std::string data(const std::string& relative) { return std::string(RELOCSIM_TEST_DATA) + "/" + relative; }
inline std::string tiny(const std::string& relative) { return data("tiny/" + relative); }
inline std::string broken(const std::string& relative) { return data("broken/" + relative); }

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every message of the ConfigErrors that loading must throw, in order.
inline std::vector<std::string> load_errors(const std::string& path, const std::vector<std::string>& overrides = {}) {
  std::vector<std::string> messages;
  try {
    (void)load(path, overrides);
    FAIL("expected " << path << " to be rejected");
  } catch (const ConfigErrors& e) {
    for (const auto& error : e.errors()) messages.emplace_back(error.what());
    // what() lists the same messages, one per line.
    std::string joined;
    for (const auto& m : messages) joined += (joined.empty() ? "" : "\n") + m;
    CHECK(std::string(e.what()) == joined);
  }
  return messages;
}

using Messages = std::vector<std::string>;

}  // namespace relocsim::config::test
