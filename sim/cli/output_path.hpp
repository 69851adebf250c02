#pragma once
// The file a command writes must be a new name for its results, never one of
// the files it reads: `relocsim run x.toml -o x.toml --force` would replace
// the scenario with HDF5, and `-o ''` would quietly write the default path.
#include <string>
#include <vector>

namespace relocsim::cli {

// Throws ConfigError (bad input, exit 2) when `output` is empty or is the
// same file as one of `inputs` (compared by device and inode, so another
// spelling of the path, a symbolic or a hard link, is caught too). `option`
// is how the command line named it ("-o", "OUTPUT").
void check_output_path(const std::string& output, const std::string& option, const std::vector<std::string>& inputs);

}  // namespace relocsim::cli
