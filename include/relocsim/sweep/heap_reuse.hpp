#pragma once
// For a process that runs many runs one after another (a sweep, a
// calibration): keep the memory a run frees for the next run.

namespace relocsim::sweep {

// glibc returns freed memory at the top of its heap to the system and maps
// blocks above a threshold (which it tunes as it goes) afresh, so each run of
// a sweep faulted its pages in again: about half of a sweep's page faults,
// each costly on a virtual machine. This keeps freed memory in the heap
// (trim threshold 1 GiB) and maps only blocks above 32 MiB on their own. The
// process then holds its largest run's memory until it ends, which the next
// run needs anyway. Allocation places memory differently; no result depends
// on where. Idempotent; a no-op where the C library is not glibc.
void keep_freed_memory_for_later_runs();

}  // namespace relocsim::sweep
