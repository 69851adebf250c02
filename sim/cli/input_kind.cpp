#include "input_kind.hpp"

#include <optional>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "file_io.hpp"
#include "relocsim/engine/error.hpp"

namespace relocsim::cli {
namespace {

std::optional<toml::table> parsed(const std::string& path) {
  std::string why;
  const auto text = config::read_text(path, why);
  if (!text) return std::nullopt;
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

}  // namespace

void require_scenario(const std::string& path, const std::string& command) {
  const auto table = parsed(path);
  if (!table) return;
  const toml::node* sweep = table->get("sweep");
  if (sweep == nullptr) return;
  throw ConfigError(path, line_of(*sweep), "sweep",
                    fmt::format("this is a sweep definition, not a scenario; `relocsim {}` expected a scenario. Run "
                                "it with `relocsim sweep {}` (check it with `relocsim validate {}`)",
                                command, path, path));
}

void require_sweep_definition(const std::string& path) {
  const auto table = parsed(path);
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
