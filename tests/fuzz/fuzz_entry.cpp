#include "fuzz_entry.hpp"

#include <tbb/global_control.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/memory_estimate.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/transport_network.hpp"

namespace relocsim::fuzz {
namespace fs = std::filesystem;
namespace {

// The scratch directory once made, so that a failure can remove it: abort()
// runs no destructors.
fs::path g_scratch_root;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "relocsim fuzz: %s\n", what.c_str());
  std::fflush(stderr);
  std::error_code ec;
  if (!g_scratch_root.empty()) fs::remove_all(g_scratch_root, ec);
  std::abort();
}

// The scratch directory, made once per process and removed at exit.
struct Scratch {
  fs::path root, tiny, scenario;
  std::vector<std::string> data_keys;  // tiny.toml's [data] keys, sorted

  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "relocsim-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) fail("cannot make a scratch directory");
    root = pattern;
    g_scratch_root = root;
    tiny = root / "tiny";
    const fs::path data(RELOCSIM_TEST_DATA);
    const auto copy_files = [](const fs::path& from, const fs::path& to) {
      fs::create_directories(to);
      for (const auto& entry : fs::directory_iterator(from)) {
        if (entry.is_regular_file()) fs::copy_file(entry.path(), to / entry.path().filename());
      }
    };
    copy_files(data / "tiny", tiny);
    // The case directory holds tiny's tables (for tiny.toml as a seed) and
    // the broken corpus (whose files name ../tiny/tiny.toml and their own CSVs).
    copy_files(data / "tiny", root / "case");
    fs::remove(root / "case" / "tiny.toml");
    copy_files(data / "broken", root / "case");
    scenario = root / "case" / "scenario.toml";
    const auto tiny_toml = toml::parse_file((tiny / "tiny.toml").string());
    if (const auto* keys = tiny_toml["data"].as_table()) {
      for (auto&& [key, value] : *keys) data_keys.emplace_back(key.str());
    }
    std::sort(data_keys.begin(), data_keys.end());
    if (data_keys.empty()) fail("tiny.toml names no data tables");
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

Scratch& scratch() {
  static Scratch s;
  return s;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) fail("cannot write " + path.string());
}

// Loads, and checks what a load must and must not do.
void check_load(const std::string& path, const std::vector<std::string>& overrides) {
  config::LoadedConfig loaded;
  try {
    loaded = config::load(path, overrides);
  } catch (const config::ConfigErrors& e) {
    if (e.errors().empty()) fail("ConfigErrors without an error");
    for (const auto& error : e.errors()) {
      // check_spec's message, as load() passes it on: a problem the loader
      // let through without a line or key. (User text may quote the words.)
      if (error.line() == 0 && error.key().empty() && error.problem().rfind("invalid model description: ", 0) == 0) {
        fail("left to check_spec: " + std::string(error.what()));
      }
    }
    return;
  } catch (const std::exception& e) {
    fail(std::string("load threw something other than ConfigErrors: ") + e.what());
  }
  // Accepted: the engine's network must take it too (validate builds it;
  // a refusal there has no line to point at), and the estimate be a number.
  try {
    TransportNetwork network(loaded.spec);
  } catch (const std::exception& e) {
    fail(std::string("the loader accepted what TransportNetwork refuses: ") + e.what());
  }
  const double need = memory_needed(run_size(loaded.spec)).total();
  if (!(need > 0) || need != need) fail("memory estimate not a positive number");
  // And the engine must be able to compute with it: a few steps of a small
  // population (sizes are the resource check's business), with the engine's
  // invariant checks on in the fuzz build. An error here is a value the
  // loader accepts that the engine cannot handle.
  ModelSpec small = loaded.spec;
  small.population.n_firms = std::min(small.population.n_firms, 64);
  small.population.supply_links = std::min(small.population.supply_links, 4);
  small.run.steps = std::min(small.run.steps, 8);
  try {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    Simulation simulation(small);
    for (int s = 0; s < small.run.steps; ++s) simulation.step();
  } catch (const std::exception& e) {
    fail(std::string("the engine cannot run what the loader accepted: ") + e.what());
  }
  // The resolved configuration, as an output file keeps it, loads again.
  const fs::path resolved = fs::path(path).parent_path() / "resolved.toml";
  write(resolved, loaded.resolved_toml);
  try {
    (void)config::load(resolved.string());
  } catch (const config::ConfigErrors& e) {
    fail("the resolved configuration does not load again:\n" + std::string(e.what()) + "\n--- resolved:\n" +
         loaded.resolved_toml);
  }
  fs::remove(resolved);
}

}  // namespace

void load_toml(const std::uint8_t* data, std::size_t size) {
  Scratch& s = scratch();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  write(s.scenario, input.substr(0, nul));
  std::vector<std::string> overrides;
  if (nul != std::string_view::npos) {
    std::string_view rest = input.substr(nul + 1);
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      overrides.emplace_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  check_load(s.scenario.string(), overrides);
}

void load_csv(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  Scratch& s = scratch();
  const std::string& key = s.data_keys[data[0] % s.data_keys.size()];
  const fs::path table = s.root / "fuzz.csv";
  write(table, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  // An absolute path on the command line: the scratch directory's name has
  // no character that needs escaping in a TOML string.
  check_load((s.tiny / "tiny.toml").string(), {"data." + key + "=\"" + table.string() + "\""});
}

}  // namespace relocsim::fuzz
