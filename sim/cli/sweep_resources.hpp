#pragma once
// Refuses at once, before its first run, a sweep that cannot fit on this
// machine, as resources.hpp does for a single run: its largest run needs more
// memory than there is, one run per thread needs more than there is (the
// message says which --threads fits), or the journal of the runs still to do
// cannot fit beside the archive.
#include <string>

#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/shard.hpp"

namespace relocsim::cli {

// Throws ConfigErrors (the largest run alone does not fit, located at the
// design parameter or the arm that sizes it) or ConfigError at --threads.
void check_sweep_memory(const sweep::SweepPlan& plan, const sweep::Shard& shard, int threads, long long runs);

// Throws OutputError when the journal of `runs` runs cannot fit in the free
// space of the output's directory.
void check_sweep_disk(const sweep::SweepPlan& plan, long long runs, const std::string& output);

// "the largest run needs about 41 MiB of memory, 2 at once (--threads 2) about 200 MiB; 22.8 GiB available"
std::string describe_sweep_memory(const sweep::SweepPlan& plan, const sweep::Shard& shard, int threads, long long runs);

}  // namespace relocsim::cli
