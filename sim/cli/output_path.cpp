#include "output_path.hpp"

#include <sys/stat.h>

#include <fmt/core.h>

#include "relocsim/config/quote.hpp"
#include "relocsim/engine/error.hpp"

namespace relocsim::cli {

void check_output_path(const std::string& output, const std::string& option, const std::vector<std::string>& inputs) {
  if (output.empty()) {
    throw ConfigError(option, 0, "", "expected the name of a file for the results, got an empty one (leave the option "
                                     "out for the default name)");
  }
  // An output that does not exist yet cannot be an input, which was read.
  struct stat out {};
  if (::stat(output.c_str(), &out) != 0) return;
  for (const auto& input : inputs) {
    struct stat in {};
    if (::stat(input.c_str(), &in) != 0 || in.st_dev != out.st_dev || in.st_ino != out.st_ino) continue;
    const std::string same = input == output ? std::string() : fmt::format(" (the same file as {})", input);
    throw ConfigError(option, 0, "",
                      fmt::format("{} is an input of this run{}; expected a new file for the results, not a file it "
                                  "reads (--force would replace it)",
                                  config::shortened(output), same));
  }
}

}  // namespace relocsim::cli
