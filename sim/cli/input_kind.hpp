#pragma once
// A sweep definition given to `run` (or a scenario given to `sweep`) would be
// read key by key as the wrong kind of file and give a screen of "unknown
// key" errors that never say what went wrong. These recognise the file by its
// top-level keys first and say which command it is for.
#include <string>

namespace relocsim::cli {

// Throws ConfigError when `path` is a sweep definition (it has a [sweep]
// table), naming the table's line and `relocsim sweep`. `command` is the
// command that was given it ("run", "describe", "compare").
void require_scenario(const std::string& path, const std::string& command);

// Throws ConfigError when `path` is a scenario (no [sweep] table, and a
// [run] or [population] table or an `extends`), naming `relocsim run`.
void require_sweep_definition(const std::string& path);

// Files that cannot be read or parsed pass both: the loader that follows
// reports them with its own, located, message.

}  // namespace relocsim::cli
