#pragma once
// Refuses at once, before anything is allocated or simulated, a run that
// cannot fit on this machine: one needing more memory than is available (which
// would otherwise end in an out-of-memory kill, possibly hours in), or one
// whose output cannot fit in the free space of its directory.
#include <optional>
#include <string>
#include <vector>

#include "relocsim/config/load.hpp"

namespace relocsim::cli {

// Bytes of memory this process can count on: RELOCSIM_MEMORY_AVAILABLE when
// set (a number of bytes, optionally with a KiB, MiB, GiB or TiB suffix; for
// tests and for machines shared with other jobs), else MemAvailable from
// /proc/meminfo, lowered to what the cgroup's memory limit leaves. nullopt
// when none of these can be read. Throws Error for a malformed variable.
std::optional<double> memory_available();

// Bytes free for an unprivileged writer in the directory that will hold
// `output_path`; nullopt when the directory cannot be asked (missing).
std::optional<double> free_space_for(const std::string& output_path, std::string* directory = nullptr);

// Throws ConfigErrors, located at the key that drives the need (where the
// scenario or a --set gave population.n_firms or population.supply_links),
// when the run needs more memory than memory_available().
// With `pli_counterfactual`, the paired run's path (which grows with the steps) counts too.
void check_memory(const config::LoadedConfig& loaded, const std::vector<std::string>& overrides,
                  bool pli_counterfactual = false);

// Throws OutputError when the directory of `output_path` has less free space
// than the output needs at least. Says nothing when the directory is missing:
// the writer reports that.
void check_disk(const config::LoadedConfig& loaded, const std::string& output_path);

// Both, the disk only when there is an output (not for validate).
void check_resources(const config::LoadedConfig& loaded, const std::vector<std::string>& overrides,
                     const std::string& output_path = "", bool pli_counterfactual = false);

}  // namespace relocsim::cli
