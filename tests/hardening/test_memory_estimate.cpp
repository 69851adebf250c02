// The memory estimate behind the resource check: sizes far beyond what the
// engine holds still give finite figures (they are when the check matters),
// more of anything never needs less, and the figures read as a person reads
// them. How close it is to a real run: test_resources.py.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "relocsim/engine/memory_estimate.hpp"
#include "relocsim/engine/observer.hpp"

using namespace relocsim;

namespace {

RunSize baseline_size(double firms) {
  RunSize z;
  z.firms = static_cast<std::uint64_t>(firms);
  z.supply_links = 2;
  z.sites = 24;
  z.sectors = 7;
  z.markets = 6;
  z.countries = 12;
  z.steps = 64;
  return z;
}

}  // namespace

TEST_CASE("bytes read with three significant digits and binary units", "[hardening][memory]") {
  CHECK(format_bytes(0) == "0 bytes");
  CHECK(format_bytes(512) == "512 bytes");
  CHECK(format_bytes(1023) == "1023 bytes");
  CHECK(format_bytes(1024) == "1 KiB");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(1000 * 1024.0) == "1000 KiB");  // no 1e+03
  CHECK(format_bytes(22.8 * 1024 * 1024 * 1024) == "22.8 GiB");
  CHECK(format_bytes(8.0 * 1024 * 1024 * 1024) == "8 GiB");
  CHECK(format_bytes(265.0 * 1024 * 1024 * 1024 * 1024) == "265 TiB");
  CHECK(format_bytes(std::ldexp(3.0, 70)) == "3072 EiB");
}

TEST_CASE("the estimate stays finite and ordered for absurd sizes", "[hardening][memory]") {
  const MemoryNeed huge = memory_needed(baseline_size(1e12));
  CHECK(std::isfinite(huge.total()));
  CHECK(huge.total() > 200 * std::ldexp(1.0, 40));  // over 200 TiB
  RunSize links = baseline_size(2e9);
  links.supply_links = 2000000000;  // 4e18 links: no overflow
  CHECK(std::isfinite(memory_needed(links).total()));
  CHECK(memory_needed(links).links > memory_needed(links).firms);
}

TEST_CASE("more of anything never needs less memory", "[hardening][memory]") {
  const RunSize base = baseline_size(1e6);
  const double need = memory_needed(base).total();
  auto more = [&](auto change) {
    RunSize z = base;
    change(z);
    return memory_needed(z).total();
  };
  CHECK(more([](RunSize& z) { z.firms *= 2; }) > need);
  CHECK(more([](RunSize& z) { z.supply_links = 10; }) > need);
  CHECK(more([](RunSize& z) { z.markets = 60; }) > need);
  CHECK(more([](RunSize& z) { z.sites = 2400; }) > need);
  const MemoryNeed parts = memory_needed(base);
  CHECK(parts.total() == parts.fixed + parts.firms + parts.links + parts.tables);
  // Per firm, for "enough for about N firms": the baseline's shape.
  CHECK(memory_per_firm(base) == Approx((parts.firms + parts.links) / 1e6));
  CHECK(memory_per_firm(base) > 250);
  CHECK(memory_per_firm(base) < 400);
}

TEST_CASE("the output's lower bound grows with firms and steps", "[hardening][memory]") {
  const RunSize base = baseline_size(1e6);
  CHECK(output_bytes_at_least(base) == 8 * 1e6 + 16 * 65);
  RunSize longer = base;
  longer.steps = 2000000000;
  CHECK(output_bytes_at_least(longer) > 30e9);
}

TEST_CASE("the choice log counts when it is on", "[hardening][memory]") {
  ModelSpec spec;
  spec.population.n_firms = 1000000;
  spec.sites.resize(24);
  spec.params.review_probability = 0.05;
  const double without = memory_needed(run_size(spec)).total();
  spec.run.choice_log_every = 1;
  const RunSize logged = run_size(spec);
  // 5 % of a million firms review, each weighing stay and a move or an add at 24 sites.
  CHECK(logged.choice_rows_per_step == Approx(0.05 * 1e6 * 49));
  CHECK(memory_needed(logged).total() > without + 0.05 * 1e6 * 49 * sizeof(ChoiceRow));
  CHECK(memory_per_firm(logged) > memory_per_firm(run_size(ModelSpec{})));
}

TEST_CASE("the steps count: the PLI counterfactual's path grows with them, and no count overflows",
          "[hardening][memory]") {
  RunSize plain = baseline_size(1e6);
  // A plain run streams its records to the file: its memory does not grow with the steps.
  RunSize plain_longer = plain;
  plain_longer.steps = 10000;
  CHECK(memory_needed(plain_longer).total() == memory_needed(plain).total());
  CHECK(memory_needed(plain).records == 0);

  RunSize paired = plain;
  paired.pli_counterfactual = true;
  RunSize paired_longer = paired;
  paired_longer.steps = 10000;
  // Two vectors of one double per sector per record (steps + 1).
  CHECK(memory_needed(paired).records == 65 * (2 * sizeof(std::vector<double>) + 2 * 8 * 7));
  CHECK(memory_needed(paired_longer).records > memory_needed(paired).records);

  // steps + 1 at the largest 64-bit count: finite, positive, no wrap to 0.
  RunSize most = paired;
  most.steps = UINT64_MAX;
  CHECK(std::isfinite(memory_needed(most).total()));
  CHECK(memory_needed(most).records > 1e20);
  CHECK(output_bytes_at_least(most) > 1e20);
}
