// Replays the inputs kept under regressions/ (every finding of the fuzzers,
// and what they found worth keeping) through the same entry functions, in an
// ordinary build: regressions/toml/* to load_toml, regressions/csv/* to
// load_csv, regressions/sweep/* to load_sweep. A failure aborts, naming the
// file first.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_entry.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: relocsim_fuzz_replay REGRESSIONS_DIR\n");
    return 2;
  }
  int replayed = 0;
  for (const char* kind : {"toml", "csv", "sweep"}) {
    const fs::path dir = fs::path(argv[1]) / kind;
    if (!fs::is_directory(dir)) continue;  // git keeps no empty directory
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::fprintf(stderr, "%s\n", file.string().c_str());
      const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
      if (std::string(kind) == "toml") {
        relocsim::fuzz::load_toml(data, bytes.size());
      } else if (std::string(kind) == "csv") {
        relocsim::fuzz::load_csv(data, bytes.size());
      } else {
        relocsim::fuzz::load_sweep(data, bytes.size());
      }
      ++replayed;
    }
  }
  std::printf("replayed %d inputs\n", replayed);
  return replayed > 0 ? 0 : 1;
}
