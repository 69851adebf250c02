#pragma once
// Where a result came from: enough to run it again and to cite it.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace relocsim::output {

struct Provenance {
  std::string program_version;
  std::string git_commit;
  std::string build_type;
  std::string compiler;
  std::string compile_flags;  // codegen flags, -ffp-contract=off among them
  std::vector<std::pair<std::string, std::string>> libraries;  // name, version
  std::string command_line;
  std::string config_path;
  std::string resolved_config;  // TOML text
  std::vector<std::pair<std::string, std::string>> input_files;  // path, contents
  std::uint64_t seed = 0;
  int threads = 0;
  std::string start_time;  // ISO 8601 UTC
  std::string end_time;    // filled by the writer when the run ends
  std::string host;
};

// The versions of everything linked into this program, and the build facts.
Provenance build_provenance();

// Current time as ISO 8601 UTC, e.g. "2026-11-21T07:04:18Z".
std::string utc_now();

}  // namespace relocsim::output
