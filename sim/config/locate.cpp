#include "relocsim/config/locate.hpp"

#include "error_list.hpp"
#include "toml_tree.hpp"

namespace relocsim::config {

ConfigError error_at_key(const std::string& path, const std::vector<std::string>& overrides, const std::string& key,
                         std::string problem) {
  // The same tree load() builds, so extends and --set resolve the same way;
  // errors here were already reported by load() and are not repeated.
  ErrorList ignored;
  std::vector<InputFile> inputs;
  Location at{path, 0};
  if (auto tree = load_tree(path, inputs, ignored)) {
    apply_overrides(*tree, overrides, ignored);
    if (const toml::node* node = find_node(*tree, key)) {
      const Location found = location_of(*node);
      if (!found.file.empty()) at = found;
    }
  }
  return ConfigError(at.file, at.line, key, std::move(problem));
}

}  // namespace relocsim::config
