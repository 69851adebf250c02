// The progress line the sweep commands print on stderr.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "relocsim/sweep/progress_line.hpp"

using namespace relocsim::sweep;

namespace {
std::string printed(bool enabled, double quiet, const std::vector<std::array<long long, 3>>& updates) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  {
    ProgressLine progress(enabled, out, quiet);
    for (const auto& u : updates) progress.update(u[0], u[1], u[2]);
    progress.finish();
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}
}  // namespace

TEST_CASE("progress: runs done of total, rate, time left and failures, quiet for short sweeps", "[sweep][progress]") {
  const std::vector<std::array<long long, 3>> updates{{2, 10, 0}, {5, 10, 1}, {10, 10, 1}};
  const std::string log = printed(true, 0.0, updates);
  // In a log (not a terminal): the first line, then the last; none between.
  CHECK(log.rfind("run 2 of 10  0.00 runs/s  time left unknown  0 failed\n", 0) == 0);
  CHECK(log.find("run 5 of 10") == std::string::npos);
  CHECK(log.find("\nrun 10 of 10  ") != std::string::npos);
  CHECK(log.find(" s left  1 failed\n") != std::string::npos);
  CHECK(printed(true, 3600.0, updates).empty());  // a sweep shorter than the quiet time prints nothing
  CHECK(printed(false, 0.0, updates).empty());    // --quiet
}
