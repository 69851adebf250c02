// libFuzzer target: one data table of the tiny scenario (see fuzz_entry.hpp).
#include "fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  relocsim::fuzz::load_csv(data, size);
  return 0;
}
