#include "resources.hpp"

#include <sys/statvfs.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include <fmt/core.h>

#include "relocsim/config/locate.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/memory_estimate.hpp"

namespace relocsim::cli {
namespace {

constexpr const char* kMemoryVariable = "RELOCSIM_MEMORY_AVAILABLE";
constexpr std::array<std::string_view, 5> kUnits{"B", "KiB", "MiB", "GiB", "TiB"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// "8589934592", "8GiB", "22.8 GiB": bytes, or nullopt.
std::optional<double> parse_bytes(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value) || value < 0) return std::nullopt;
  const std::string_view unit = trim(text.substr(static_cast<std::size_t>(end - text.data())));
  if (unit.empty()) return value;
  for (std::size_t i = 0; i < kUnits.size(); ++i) {
    if (unit == kUnits[i]) return std::ldexp(value, static_cast<int>(10 * i));
  }
  return std::nullopt;
}

// The number after `key` in a "Key:   123 kB" file such as /proc/meminfo, in bytes.
std::optional<double> meminfo_bytes(const std::string& path, std::string_view key) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, key.size(), key) != 0) continue;
    std::string_view rest = trim(std::string_view(line).substr(key.size()));
    double kib = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), kib);
    if (ec != std::errc()) return std::nullopt;
    return kib * 1024;
  }
  return std::nullopt;
}

// A file holding one number (cgroup limits); nullopt for "max" or anything else.
std::optional<double> number_in(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  if (!std::getline(in, text)) return std::nullopt;
  const std::string_view t = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return value;
}

// What the cgroup (a container, a batch job) still allows: v2, then v1. A v1
// "no limit" is a number near 2^63.
std::optional<double> cgroup_room() {
  const std::pair<const char*, const char*> files[] = {
      {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
      {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}};
  for (const auto& [limit_file, usage_file] : files) {
    const auto limit = number_in(limit_file);
    if (!limit || *limit >= 0x1p60) continue;
    const double usage = number_in(usage_file).value_or(0);
    return std::max(0.0, *limit - usage);
  }
  return std::nullopt;
}

// Rounded down to two significant digits: "enough for about 27000000 firms"
// must not promise more than there is.
std::uint64_t round_down_2(double x) {
  if (!(x >= 1)) return 0;  // NaN too
  // The cast below is undefined past 2^64; no count of firms or links is near it.
  x = std::min(x, 0x1p62);
  const double scale = std::pow(10.0, std::floor(std::log10(x)) - 1);
  return static_cast<std::uint64_t>(std::max(1.0, std::floor(x / scale)) * scale);
}

}  // namespace

std::optional<double> memory_available() {
  if (const char* text = std::getenv(kMemoryVariable); text != nullptr && *text != '\0') {
    const auto bytes = parse_bytes(text);
    if (!bytes) {
      throw Error(fmt::format("{}: expected a number of bytes such as 8589934592 or 8GiB, got \"{}\"",
                              kMemoryVariable, text));
    }
    return bytes;
  }
  std::optional<double> room = meminfo_bytes("/proc/meminfo", "MemAvailable:");
  if (const auto cgroup = cgroup_room()) room = room ? std::min(*room, *cgroup) : *cgroup;
  return room;
}

void check_memory(const config::LoadedConfig& loaded, const std::vector<std::string>& overrides,
                  bool pli_counterfactual) {
  const auto available = memory_available();
  if (!available) return;
  RunSize size = run_size(loaded.spec);
  size.pli_counterfactual = pli_counterfactual;
  const MemoryNeed need = memory_needed(size);
  if (need.total() <= *available) return;

  const std::string has = fmt::format("this machine has {} available", format_bytes(*available));
  const double room = *available - need.fixed - need.tables - need.records;
  std::string key, problem;
  if (need.records > need.firms + need.links && need.records > need.tables) {
    key = "run.steps";
    problem = fmt::format("{} steps with --pli-counterfactual need about {} of memory; {}", size.steps,
                          format_bytes(need.total()), has);
  } else if (need.tables > need.firms + need.links) {
    key = "data.sites";
    problem = fmt::format("{} sites, {} sectors and {} markets need about {} of memory; {}", size.sites, size.sectors,
                          size.markets, format_bytes(need.total()), has);
  } else if (need.links > need.firms) {
    key = "population.supply_links";
    problem = fmt::format("{} firms with {} supply links each need about {} of memory; {}", size.firms,
                          size.supply_links, format_bytes(need.total()), has);
    RunSize no_links = size;
    no_links.supply_links = 0;
    const MemoryNeed base = memory_needed(no_links);
    const double per_link = (need.links - base.links) / static_cast<double>(size.supply_links);
    if (const auto fit = round_down_2((room - base.firms - base.links) / per_link); fit > 0) {
      problem += fmt::format(", enough for about {} links each", fit);
    }
  } else {
    key = "population.n_firms";
    problem = fmt::format("{} firms need about {} of memory; {}", size.firms, format_bytes(need.total()), has);
    if (const auto fit = round_down_2(room / memory_per_firm(size)); fit > 0) {
      problem += fmt::format(", enough for about {} firms", fit);
    }
  }
  throw config::ConfigErrors({config::error_at_key(loaded.path, overrides, key, problem)});
}

std::optional<double> free_space_for(const std::string& output_path, std::string* directory) {
  const std::filesystem::path parent = std::filesystem::path(output_path).parent_path();
  const std::string dir = parent.empty() ? std::string(".") : parent.string();
  if (directory != nullptr) *directory = dir;
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0) return std::nullopt;
  return static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize);
}

void check_disk(const config::LoadedConfig& loaded, const std::string& output_path) {
  std::string dir;
  const auto free = free_space_for(output_path, &dir);
  if (!free) return;
  const double need = output_bytes_at_least(run_size(loaded.spec));
  if (need <= *free) return;
  throw OutputError(fmt::format("cannot write {}: the results need at least {} and '{}' has {} free", output_path,
                                format_bytes(need), dir, format_bytes(*free)));
}

void check_resources(const config::LoadedConfig& loaded, const std::vector<std::string>& overrides,
                     const std::string& output_path, bool pli_counterfactual) {
  check_memory(loaded, overrides, pli_counterfactual);
  if (!output_path.empty()) check_disk(loaded, output_path);
}

}  // namespace relocsim::cli
