#pragma once
// The hidden name a result is written under before it is renamed into place,
// and the clean-up of those left behind by processes that died (kill -9, a
// node's crash). Cluster nodes share file systems and process ids are per
// host, so the name carries the host as well as the process id: only a
// temporary of this host can be judged dead, by asking whether its process
// still exists.
#include <string>
#include <vector>

namespace relocsim::output {

// This host's name as it appears in temporaries: gethostname(), with any
// character other than letters, digits, '.', '_' and '-' replaced by '_'.
std::string host_tag();

// ".NAME.tmp-HOST-PID" for the file NAME (no directory), this process's.
std::string temporary_name(const std::string& filename);

// Removes, in `directory`, the temporaries of `filename` left by processes of
// this host that no longer exist and not written to for an hour (never one of
// a live process, of another host, or of this process; the hour guards
// against a process kill() cannot see, in another pid namespace). Returns the names removed. Errors are ignored:
// a temporary that cannot be removed is harmless, the run goes on.
std::vector<std::string> remove_stale_temporaries(const std::string& directory, const std::string& filename);

}  // namespace relocsim::output
