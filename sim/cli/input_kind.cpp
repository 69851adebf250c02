#include "input_kind.hpp"

#include <optional>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "toml_tree.hpp"
#include "relocsim/engine/error.hpp"

namespace relocsim::cli {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

}  // namespace

void require_scenario(const std::string& path, const std::string& command) {
  const auto table = config::parse_file_quietly(path);
  if (!table) return;
  const toml::node* sweep = table->get("sweep");
  if (sweep == nullptr) return;
  throw ConfigError(path, line_of(*sweep), "sweep",
                    fmt::format("this is a sweep definition, not a scenario; `relocsim {}` expected a scenario. Run "
                                "it with `relocsim sweep {}` (check it with `relocsim validate {}`)",
                                command, path, path));
}

void require_sweep_definition(const std::string& path) {
  const auto table = config::parse_file_quietly(path);
  if (!table || table->contains("sweep")) return;
  for (const char* key : {"extends", "run", "population"}) {
    const toml::node* node = table->get(key);
    if (node == nullptr) continue;
    throw ConfigError(path, line_of(*node), "",
                      fmt::format("this is a scenario (it has `{}` and no [sweep] table), not a sweep definition; "
                                  "run it with `relocsim run {}`, compare two with `relocsim compare A B -R N`, or "
                                  "write a sweep definition that names it (docs/SWEEP.md)",
                                  key, path));
  }
}

}  // namespace relocsim::cli
