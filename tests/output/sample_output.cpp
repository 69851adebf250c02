// Writes the synthetic run to the file named on the command line, so the
// Python tests can read a known file before (and besides) the real program.
#include <iostream>

#include "synthetic_run.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: relocsim_output_sample OUT.h5\n";
    return 2;
  }
  try {
    const auto run = relocsim::testing::make_synthetic_run();
    relocsim::output::Hdf5Writer writer(argv[1], relocsim::testing::synthetic_provenance(), {.overwrite = true});
    relocsim::testing::feed(writer, run);
    writer.finish();
  } catch (const std::exception& e) {
    std::cerr << "relocsim_output_sample: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
