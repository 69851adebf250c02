#pragma once
// `relocsim merge OUT.h5 SHARD...`: the archives of shards 0..N-1 of one
// sweep joined into the archive the unsharded sweep would have written.
#include <string>
#include <vector>

#include "relocsim/sweep/archive.hpp"

namespace relocsim::sweep {

// Refuses (OutputError, naming the files) shards of different sweeps, of
// different shard counts or builds, an incomplete file, a shard given twice
// and a set with shards missing.
ArchiveSummary merge_archives(const std::string& output, const std::vector<std::string>& shards, bool overwrite,
                              const std::string& command_line);

}  // namespace relocsim::sweep
