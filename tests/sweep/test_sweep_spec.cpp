// Every error a sweep definition can have: the message names the file, the
// line, the key and what was expected.
#include <catch2/catch.hpp>

#include "sweep_test_support.hpp"

using namespace relocsim;
using namespace relocsim::sweep;
using namespace relocsim::sweep::test;
using Catch::Matchers::StartsWith;

namespace {

// A valid LHS sweep on the tiny scenario; lines: [sweep] 1, method 2, n 3,
// replications 4, master_seed 5, [[arm]] 6-8, [[parameter]] 9-12.
const std::string kHead = "[sweep]\nmethod = \"lhs\"\nn = 4\nreplications = 2\nmaster_seed = 3\n";
const std::string kParam = "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlower = 2.0\nupper = 8.0\n";

struct Definition {
  testing::ScratchDir dir;
  std::string path;
  explicit Definition(const std::string& text) : path(write_file(dir, "sweep.toml", text)) {}
  [[nodiscard]] Messages errors(bool plan = false) const { return errors_of(path, plan); }
  [[nodiscard]] std::string at(int line) const { return path + ":" + std::to_string(line) + ": "; }
};

}  // namespace

TEST_CASE("a valid definition loads and plans", "[sweep][spec]") {
  const Definition d(kHead + arm("base") + kParam);
  CHECK(d.errors(true).empty());
  const SweepPlan plan = make_plan(load_sweep_spec(d.path));
  CHECK(plan.runs() == 8);
  CHECK(plan.sweep_id.size() == 32);
  CHECK(plan.spec.reference == "base");
  CHECK(plan.inputs.front().path == d.path);
  // Every arm of a row and replicate shares the seed; the overrides end with it.
  const auto o = plan.overrides(plan.run_index(1, 1, 0));
  CHECK(o.back() == "run.seed=" + std::to_string(plan.seed(plan.run_index(1, 1, 0))));
  CHECK(o.front().rfind("behaviour.logit_scale=", 0) == 0);
}

TEST_CASE("the sweep's identity follows its values, not its comments or paths", "[sweep][spec]") {
  const Definition a(kHead + arm("base") + kParam);
  const Definition b("# a comment\n" + kHead + arm("base") + kParam);
  const Definition c(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlower = 2.0\nupper = 9.0\n");
  const auto id = [](const Definition& d) { return make_plan(load_sweep_spec(d.path)).sweep_id; };
  CHECK(id(a) == id(b));
  CHECK(id(a) != id(c));
}

TEST_CASE("error: unknown keys, with the nearest valid one", "[sweep][spec][errors]") {
  const Definition d(kHead + "replicatons = 2\n" + arm("base") + kParam + "[sweeps]\n");
  CHECK(d.errors() == Messages{d.at(14) + "sweeps: unknown key; did you mean sweep?; expected [sweep], [[arm]], "
                                          "[[parameter]] and [[outcome]]",
                               d.at(6) + "sweep.replicatons: unknown key; did you mean replications?"});
  const Definition p(kHead + arm("base") + kParam + "uper = 3.0\n");
  CHECK(p.errors() == Messages{p.at(13) + "parameter.uper: unknown key; did you mean upper?"});
}

TEST_CASE("error: an empty or reversed range", "[sweep][spec][errors]") {
  const Definition empty(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlower = 2.0\nupper = 2.0\n");
  CHECK(empty.errors() ==
        Messages{empty.at(12) + "parameter.upper: empty range for behaviour.logit_scale: lower = upper = 2; expected "
                                "lower < upper"});
  const Definition reversed(kHead + arm("base") +
                            "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlower = 8.0\nupper = 2.0\n");
  CHECK(reversed.errors() ==
        Messages{reversed.at(12) + "parameter.upper: reversed range for behaviour.logit_scale: lower = 8 > upper = 2; "
                                   "expected lower < upper"});
}

TEST_CASE("error: a scenario that does not exist, or is not valid", "[sweep][spec][errors]") {
  const Definition missing(kHead + "[[arm]]\nname = \"base\"\nscenario = \"absent.toml\"\n" + kParam);
  CHECK(missing.errors() == Messages{missing.at(8) + "arm.scenario: cannot open scenario '" +
                                     missing.dir.file("absent.toml") + "' of arm 'base' (no such file)"});
  const Definition invalid(kHead + "[[arm]]\nname = \"base\"\nscenario = \"bad.toml\"\n" + kParam);
  write_file(invalid.dir, "bad.toml", "extends = \"" + tiny() + "\"\n[behaviour]\nlogit_scale = -1.0\n");
  const Messages e = invalid.errors(true);
  REQUIRE(e.size() == 2);
  CHECK(e[0] == invalid.at(6) + "arm.scenario: arm 'base': scenario " + invalid.dir.file("bad.toml") +
                    " is not valid; its errors follow");
  CHECK_THAT(e[1], StartsWith(invalid.dir.file("bad.toml") + ":3: behaviour.logit_scale: "));
}

TEST_CASE("error: a swept key the scenario does not have, with the nearest key", "[sweep][spec][errors]") {
  const Definition d(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scal\"\nlower = 2.0\nupper = 8.0\n");
  CHECK(d.errors(true) == Messages{d.at(9) + "behaviour.logit_scal: not a key of arm 'base' (scenario " + tiny() +
                                   "); did you mean behaviour.logit_scale?"});
}

TEST_CASE("error: a range on a key that holds no number", "[sweep][spec][errors]") {
  const Definition d(kHead + arm("base") + "[[parameter]]\nkey = \"switches.pli\"\nlower = 0.0\nupper = 1.0\n");
  CHECK(d.errors(true) == Messages{d.at(9) + "parameter.key: switches.pli does not hold a number, so it cannot be "
                                             "given a range; list its values as levels"});
}

TEST_CASE("error: a key swept and also set by an arm", "[sweep][spec][errors]") {
  const Definition d(kHead + arm("base", "[\"behaviour.logit_scale=3.0\"]") + kParam);
  CHECK(d.errors(true) == Messages{d.at(10) + "behaviour.logit_scale: is swept and also set by arm 'base' (set = "
                                              "\"behaviour.logit_scale=3.0\"); remove one"});
}

TEST_CASE("error: a key swept and also set by an arm with blanks around its parts", "[sweep][spec][errors]") {
  // The loader reads " behaviour. logit_scale = 3.0" as behaviour.logit_scale: the design's value would win silently.
  const Definition d(kHead + arm("base", "[\" behaviour. logit_scale = 3.0\"]") + kParam);
  CHECK(d.errors(true) == Messages{d.at(10) + "behaviour.logit_scale: is swept and also set by arm 'base' (set = "
                                              "\" behaviour. logit_scale = 3.0\"); remove one"});
}

TEST_CASE("error: the method, its options and its parameters", "[sweep][spec][errors]") {
  const Definition method("[sweep]\nmethod = \"lhc\"\n" + arm("base") + kParam);
  CHECK(method.errors() == Messages{method.at(2) + "sweep.method: unknown method 'lhc'; expected grid, lhs, saltelli, "
                                                   "morris or csv; did you mean lhs?"});
  const Definition no_n("[sweep]\nmethod = \"saltelli\"\n" + arm("base") + kParam);
  CHECK(no_n.errors() ==
        Messages{no_n.at(1) + "sweep.n: missing; method = \"saltelli\" needs n, the number of base samples N"});
  const Definition odd("[sweep]\nmethod = \"morris\"\nn = 3\nlevels = 5\n" + arm("base") + kParam);
  CHECK(odd.errors() == Messages{odd.at(4) + "sweep.levels: expected an even number of levels >= 2, got 5"});
  const Definition misplaced(kHead + "second_order = true\n" + arm("base") + kParam);
  CHECK(misplaced.errors() ==
        Messages{misplaced.at(6) + "sweep.second_order: applies to method = \"saltelli\" only, not lhs"});
  const Definition none(kHead + arm("base"));
  CHECK(none.errors() == Messages{none.at(1) + "parameter: method = \"lhs\" needs at least one [[parameter]]"});
  const Definition csv("[sweep]\nmethod = \"csv\"\ndesign = \"d.csv\"\n" + arm("base") + kParam);
  CHECK(csv.errors() == Messages{csv.at(7) + "parameter: method = \"csv\" takes its parameters from the columns of "
                                             "the design file; remove the [[parameter]] entries"});
  const Definition unbounded("[sweep]\nmethod = \"grid\"\nn = 3\n" + arm("base") +
                             "[[parameter]]\nkey = \"behaviour.logit_scale\"\ndistribution = \"normal\"\nmean = 4.0\n"
                             "sd = 1.0\n");
  CHECK(unbounded.errors() ==
        Messages{unbounded.at(7) + "parameter.distribution: behaviour.logit_scale: method = \"grid\" samples the ends "
                                   "of the range, which an unbounded normal(mean=4, sd=1) does not have; give lower "
                                   "and upper"});
}

TEST_CASE("error: parameters", "[sweep][spec][errors]") {
  const Definition both(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlevels = [1.0, 2.0]\n"
                                              "lower = 1.0\n");
  CHECK(both.errors() == Messages{both.at(12) + "parameter.lower: give either levels or a range (lower, upper, "
                                                "distribution), not both"});
  const Definition nothing(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\n");
  CHECK(nothing.errors() == Messages{nothing.at(9) + "parameter.levels: parameter behaviour.logit_scale has no values; "
                                                     "expected levels = [...] or lower and upper"});
  const Definition log(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\n"
                                             "distribution = \"loguniform\"\nlower = 0.0\nupper = 8.0\n");
  CHECK(log.errors() == Messages{log.at(12) + "parameter.lower: expected lower > 0 for a loguniform range, got 0"});
  const Definition normal(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\n"
                                                "distribution = \"normal\"\nmean = 4.0\n");
  CHECK(normal.errors() == Messages{normal.at(9) + "parameter.sd: missing; a normal distribution needs mean and sd"});
  const Definition kind(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\n"
                                              "distribution = \"uniforn\"\nlower = 1.0\nupper = 2.0\n");
  CHECK(kind.errors() == Messages{kind.at(11) + "parameter.distribution: unknown distribution 'uniforn'; expected "
                                                "uniform, loguniform or normal; did you mean uniform?"});
  const Definition twice(kHead + arm("base") + kParam + kParam);
  CHECK(twice.errors() == Messages{twice.at(13) + "parameter.key: behaviour.logit_scale is swept twice (also at line 9)"});
  const Definition seed(kHead + arm("base") + "[[parameter]]\nkey = \"run.seed\"\nlevels = [1, 2]\n");
  CHECK(seed.errors() ==
        Messages{seed.at(9) + "parameter.key: run.seed cannot be a parameter: each run's seed derives from "
                              "sweep.master_seed"});
}

TEST_CASE("error: arms, the reference and outputs", "[sweep][spec][errors]") {
  const Definition no_arm(kHead + kParam);
  CHECK(no_arm.errors() ==
        Messages{no_arm.path + ": arm: missing; expected at least one [[arm]] with a name and a scenario"});
  const Definition twice(kHead + arm("base") + arm("base") + kParam);
  CHECK(twice.errors() == Messages{twice.at(9) + "arm.name: arm 'base' defined twice (also at line 6)"});
  const Definition ref("[sweep]\nmethod = \"lhs\"\nn = 4\nreference = \"bse\"\n" + arm("base") + kParam);
  CHECK(ref.errors() == Messages{ref.at(4) + "sweep.reference: no arm is named 'bse'; did you mean base?"});
  const Definition set(kHead + arm("base", "[\"switches.pli\"]") + kParam);
  CHECK(set.errors() ==
        Messages{set.at(9) + "arm.set: 'switches.pli': expected \"key=value\", e.g. \"switches.pli=false\""});
  const Definition outputs(kHead + "outputs = [\"pli_paid_totl\"]\n" + arm("base") + kParam);
  CHECK(outputs.errors() == Messages{outputs.at(6) + "sweep.outputs: unknown output 'pli_paid_totl'; did you mean "
                                                     "pli_paid_total?"});
  const Definition missing_sweep(arm("base") + kParam);
  CHECK(missing_sweep.errors() ==
        Messages{missing_sweep.path + ": sweep: missing; expected a [sweep] table with method, replications and "
                                      "master_seed"});
}

TEST_CASE("error: not TOML at all, or no file", "[sweep][spec][errors]") {
  const Definition d("[sweep\nmethod = 1\n");
  const Messages e = d.errors();
  REQUIRE(e.size() == 1);
  CHECK_THAT(e[0], StartsWith(d.at(1) + "expected valid TOML: "));
  testing::ScratchDir dir;
  CHECK(errors_of(dir.file("absent.toml"), false) ==
        Messages{dir.file("absent.toml") + ": cannot open the sweep definition (No such file or directory)"});
}

TEST_CASE("error: values of [sweep] and the shapes of its tables", "[sweep][spec][errors]") {
  const Definition reps("[sweep]\nmethod = \"lhs\"\nn = 4\nreplications = 0\nmaster_seed = -1\n" + arm("base") + kParam);
  CHECK(reps.errors() == Messages{reps.at(4) + "sweep.replications: expected a whole number >= 1, got 0",
                                  reps.at(5) + "sweep.master_seed: expected a whole number >= 0, got -1"});
  const Definition table(kHead + "[arm]\nname = \"base\"\nscenario = \"" + tiny() + "\"\n" + kParam);
  CHECK(table.errors() == Messages{table.at(6) + "arm: expected [[arm]] entries (an array of tables)"});
  const Definition grid("[sweep]\nmethod = \"grid\"\nn = 1\n" + arm("base") + kParam);
  CHECK(grid.errors() == Messages{grid.at(3) + "sweep.n: expected n >= 2 points along each range, got 1"});
  const Definition sd(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\n"
                                            "distribution = \"normal\"\nmean = 4.0\nsd = 0.0\n");
  CHECK(sd.errors() == Messages{sd.at(13) + "parameter.sd: expected sd > 0, got 0"});
  const Definition mean(kHead + arm("base") + kParam + "mean = 3.0\n");
  CHECK(mean.errors() == Messages{mean.at(13) + "parameter.mean: applies to distribution = \"normal\" only, not uniform"});
  const Definition csv("[sweep]\nmethod = \"csv\"\n" + arm("base"));
  CHECK(csv.errors() ==
        Messages{csv.at(1) + "sweep.design: missing; method = \"csv\" needs design = \"FILE.csv\" (one column per key)"});
}

TEST_CASE("error: a csv design's columns are checked like parameters", "[sweep][spec][errors]") {
  const Definition d("[sweep]\nmethod = \"csv\"\ndesign = \"design.csv\"\n" + arm("base"));
  const std::string csv = d.dir.file("design.csv");
  write_file(d.dir, "design.csv", "behaviour.logit_scal,switches.pli\n3,true\n");
  CHECK(d.errors(true) == Messages{csv + ":1: behaviour.logit_scal: not a key of arm 'base' (scenario " + tiny() +
                                   "); did you mean behaviour.logit_scale?"});
  write_file(d.dir, "design.csv", "run.seed,switches.pli,switches.pli\n3,true,false\n");
  CHECK(d.errors(true) ==
        Messages{csv + ":1: run.seed: run.seed cannot be a column: each run's seed derives from sweep.master_seed",
                 csv + ":1: switches.pli: column given twice"});
  write_file(d.dir, "design.csv", "behaviour.logit_scale\n");
  CHECK(d.errors(true) ==
        Messages{csv + ":1: the design has no rows; expected a header of keys and one row per design row"});
}

TEST_CASE("error: more runs than a sweep can number", "[sweep][spec][errors]") {
  std::string levels;
  for (int i = 0; i < 2200; ++i) levels += (i ? ", " : "") + std::to_string(1.0 + i * 0.001);
  const Definition d("[sweep]\nmethod = \"grid\"\nreplications = 1000000\n" + arm("base") +
                     "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlevels = [" + levels + "]\n");
  CHECK(d.errors(true) ==
        Messages{d.path + ": sweep: 2200 design rows x 1000000 replications x 1 arms = 2200000000 runs; expected 1 to "
                          "2147483647"});
}

// Found by fuzzing the loader (tests/fuzz, regressions/sweep): a design must be
// bounded before make_plan allocates it, and no number may be narrowed.
TEST_CASE("error: designs too big to plan", "[sweep][spec][errors]") {
  const std::string param2 = "[[parameter]]\nkey = \"behaviour.review_probability\"\nlower = 0.02\nupper = 0.1\n";
  const Definition lhs("[sweep]\nmethod = \"lhs\"\nn = 1000000000\n" + arm("base") + kParam);
  CHECK(lhs.errors() ==
        Messages{lhs.at(3) + "sweep.n: 1000000000 design rows (n = 1000000000 points); expected at most 1000000"});
  const Definition saltelli("[sweep]\nmethod = \"saltelli\"\nn = 300000\nsecond_order = true\n" + arm("base") + kParam +
                            param2);
  CHECK(saltelli.errors() == Messages{saltelli.at(3) + "sweep.n: 1800000 design rows (N = 300000 base samples x 6 "
                                                       "rows each); expected at most 1000000"});
  const Definition morris("[sweep]\nmethod = \"morris\"\nn = 600000\n" + arm("base") + kParam);
  CHECK(morris.errors() == Messages{morris.at(3) + "sweep.n: 1200000 design rows (r = 600000 trajectories x 2 points "
                                                   "each); expected at most 1000000"});
  // A grid of levels alone: its rows are the product of the levels' counts.
  std::string params;
  for (int i = 0; i < 7; ++i) {
    params += "[[parameter]]\nkey = \"k.p" + std::to_string(i) + "\"\nlevels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
  }
  const Definition levels("[sweep]\nmethod = \"grid\"\n" + arm("base") + params);
  CHECK(levels.errors() == Messages{levels.at(2) + "sweep.method: 10000000 design rows (10 x 10 x 10 x 10 x 10 x 10 "
                                                   "x 10 points); expected at most 1000000"});
  // n as a grid's points per range, too many to multiply (or to narrow to int).
  const Definition grid("[sweep]\nmethod = \"grid\"\nn = 4294967298\n" + arm("base") + kParam + param2);
  CHECK(grid.errors() == Messages{grid.at(3) + "sweep.n: more than 1000000000000000000 design rows (4294967298 x "
                                               "4294967298 points); expected at most 1000000"});
  params.clear();
  for (int i = 0; i < 11; ++i) params += "[[parameter]]\nkey = \"k.p" + std::to_string(i) + "\"\nlower = 0\nupper = 1\n";
  const Definition values("[sweep]\nmethod = \"lhs\"\nn = 1000000\n" + arm("base") + params);
  CHECK(values.errors() == Messages{values.at(3) + "sweep.n: 1000000 design rows x 11 parameters = 11000000 values; "
                                                   "expected at most 10000000"});
  // Boost's Sobol table covers 2d <= 3667 dimensions.
  params.clear();
  for (int i = 0; i < 1834; ++i) params += "[[parameter]]\nkey = \"k.p" + std::to_string(i) + "\"\nlevels = [1]\n";
  const Definition sobol("[sweep]\nmethod = \"saltelli\"\nn = 1\n" + arm("base") + params);
  CHECK(sobol.errors() == Messages{sobol.at(7 + 3 * 1833) + "parameter: method = \"saltelli\" takes at most 1833 "
                                                            "parameters (the Sobol sequence's 2d dimensions), got 1834"});
}

TEST_CASE("error: numbers too big for what holds them", "[sweep][spec][errors]") {
  const Definition reps("[sweep]\nmethod = \"lhs\"\nn = 4\nreplications = 4294967297\n" + arm("base") + kParam);
  CHECK(reps.errors() == Messages{reps.at(4) + "sweep.replications: expected at most 1000000, got 4294967297"});
  const Definition levels("[sweep]\nmethod = \"morris\"\nn = 3\nlevels = 1002\n" + arm("base") + kParam);
  CHECK(levels.errors() == Messages{levels.at(4) + "sweep.levels: expected at most 1000 levels, got 1002"});
  const Definition sd(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\ndistribution = \"normal\"\n"
                                            "mean = 1.0\nsd = 1e307\n");
  CHECK(sd.errors() == Messages{sd.at(13) + "parameter.sd: sd = 1e+307 is too wide for mean = 1: the values 40 sd from "
                                            "the mean are not finite numbers; give lower and upper, or a smaller sd"});
  // Bounded, the same normal is fine: its values are clamped into the range.
  const Definition bounded(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour.logit_scale\"\n"
                                                 "distribution = \"normal\"\nmean = 1.0\nsd = 1e307\nlower = 0.5\n"
                                                 "upper = 8.0\n");
  CHECK(bounded.errors().empty());
  const Definition integer(kHead + arm("base") + "[[parameter]]\nkey = \"population.n_firms\"\nlower = 1.0\n"
                                                 "upper = 1e300\n");
  CHECK(integer.errors(true) == Messages{integer.at(9) + "parameter.key: population.n_firms holds an integer, but "
                                                         "uniform(1, 1e+300) reaches beyond the 64-bit integers; "
                                                         "narrow the range"});
}

TEST_CASE("error: swept keys as a run reads them", "[sweep][spec][errors]") {
  const Definition empty(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour..logit_scale\"\nlower = 2.0\n"
                                               "upper = 8.0\n");
  CHECK(empty.errors() == Messages{empty.at(10) + "parameter.key: expected a dotted key such as "
                                                  "behaviour.logit_scale, got \"behaviour..logit_scale\""});
  const Definition equals(kHead + arm("base") + "[[parameter]]\nkey = \"switches.=pli\"\nlevels = [true]\n");
  CHECK(equals.errors() == Messages{equals.at(10) + "parameter.key: expected a dotted key such as "
                                                    "behaviour.logit_scale, got \"switches.=pli\""});
  // A run trims the blanks around the parts, so these are run.seed and a key swept twice.
  const Definition seed(kHead + arm("base") + "[[parameter]]\nkey = \" run.seed\"\nlevels = [1, 2]\n");
  CHECK(seed.errors() ==
        Messages{seed.at(9) + "parameter.key: run.seed cannot be a parameter: each run's seed derives from "
                              "sweep.master_seed"});
  const Definition twice(kHead + arm("base") + kParam + "[[parameter]]\nkey = \"behaviour. logit_scale\"\n"
                                                        "levels = [3.0]\n");
  CHECK(twice.errors() == Messages{twice.at(13) + "parameter.key: behaviour.logit_scale is swept twice (also at line 9)"});
  const Definition blanks(kHead + arm("base") + "[[parameter]]\nkey = \"behaviour . logit_scale\"\nlower = 2.0\n"
                                                "upper = 8.0\n");
  CHECK(blanks.errors(true).empty());
  CHECK(make_plan(load_sweep_spec(blanks.path)).design.params == std::vector<std::string>{"behaviour.logit_scale"});
}

TEST_CASE("error: a csv design's keys, cells and size", "[sweep][spec][errors]") {
  const Definition d("[sweep]\nmethod = \"csv\"\ndesign = \"design.csv\"\n" + arm("base"));
  const std::string csv = d.dir.file("design.csv");
  write_file(d.dir, "design.csv", "behaviour..logit_scale,switches.pli\n3,true\n");
  CHECK(d.errors(true) == Messages{csv + ":1: column 1: expected a dotted key such as behaviour.logit_scale, got "
                                         "\"behaviour..logit_scale\""});
  // Blanks around the parts do not count, as in a run's "key=value".
  write_file(d.dir, "design.csv", "behaviour . logit_scale,switches.pli\n3,true\n");
  CHECK(d.errors(true).empty());
  CHECK(make_plan(load_sweep_spec(d.path)).design.params ==
        std::vector<std::string>{"behaviour.logit_scale", "switches.pli"});
  // A cell is one TOML value, not a TOML document that happens to start with one.
  write_file(d.dir, "design.csv", "behaviour.logit_scale\n\"3\nx = 4\"\n");
  CHECK(d.errors(true) == Messages{csv + ":2: behaviour.logit_scale: '3\nx = 4' is not a TOML value; expected a "
                                         "number, true or false, a \"quoted string\" or an [array]"});
  std::string rows = "behaviour.logit_scale\n";
  for (int i = 0; i < 1'000'001; ++i) rows += "3\n";
  write_file(d.dir, "design.csv", rows);
  CHECK(d.errors(true) == Messages{csv + ":1: the design has 1000001 rows; expected at most 1000000"});
}

TEST_CASE("error: a [sweep] that is not a table", "[sweep][spec][errors]") {
  const Definition array("[[sweep]]\nmethod = \"lhs\"\n" + arm("base") + kParam);
  CHECK(array.errors() == Messages{array.at(1) + "sweep: expected a [sweep] table with method, replications and "
                                                 "master_seed, got an array"});
  const Definition value("sweep = \"lhs\"\n" + arm("base") + kParam);
  CHECK(value.errors() == Messages{value.at(1) + "sweep: expected a [sweep] table with method, replications and "
                                                 "master_seed, got \"lhs\""});
}

TEST_CASE("a level or a csv cell holding DEL reaches the runs as a TOML value", "[sweep][spec]") {
  // TOML strings may not hold U+007F as it is; the runs are given it escaped.
  const Definition level("[sweep]\nmethod = \"grid\"\n" + arm("base") +
                         "[[parameter]]\nkey = \"population.domestic_home\"\nlevels = [\"a\\u007Fb\"]\n");
  CHECK(make_plan(load_sweep_spec(level.path)).design.text == std::vector<std::string>{"\"a\\u007Fb\""});
  const Definition csv("[sweep]\nmethod = \"csv\"\ndesign = \"design.csv\"\n" + arm("base"));
  write_file(csv.dir, "design.csv", "population.domestic_home\n\"\"\"\\u007f\"\"\"\n");
  CHECK(make_plan(load_sweep_spec(csv.path)).design.text == std::vector<std::string>{"\"\\u007F\""});
}

// [[outcome]] in SWEEP.toml: read with the sweep, checked against every arm
// when the plan is made, and part of the sweep's identity.
namespace {
const std::string kOutcome =
    "[[outcome]]\nname = \"india_exports\"\nvariable = \"sales\"\nblocs = [\"India\"]\nmarkets = \"abroad\"\n"
    "reduce = \"value\"\ndate = 2021.0\n";
}  // namespace

TEST_CASE("[[outcome]] tables load, plan and change the sweep's identity", "[sweep][spec][outcome]") {
  const Definition plain(kHead + arm("base") + kParam);
  const Definition with(kHead + arm("base") + kParam + kOutcome);
  REQUIRE(with.errors(true).empty());
  const SweepPlan plan = make_plan(load_sweep_spec(with.path));
  REQUIRE(plan.spec.defined_outcomes.size() == 1);
  CHECK(plan.spec.defined_outcomes[0].name == "india_exports");
  CHECK(plan.spec.defined_outcomes[0].line == 13);
  CHECK(plan.spec.defined_outcomes[0].units == "USD million per year");
  CHECK(plan.sweep_id != make_plan(load_sweep_spec(plain.path)).sweep_id);
}

TEST_CASE("error: [[outcome]] problems are reported with the sweep's", "[sweep][spec][outcome][errors]") {
  const Definition d(kHead + "replicatons = 2\n" + arm("base") + kParam +
                     "[[outcome]]\nname = \"pli_paid_total\"\nvariable = \"pli_paid\"\nreduce = \"sum\"\n"
                     "window = [2020.0, 2021.0]\n");
  CHECK(d.errors() == Messages{d.at(14) + "outcome[0].name: 'pli_paid_total' is taken by a built-in output; choose "
                                          "another name",
                               d.at(6) + "sweep.replicatons: unknown key; did you mean replications?"});
  const Definition e(kHead + arm("base") + kParam + "[outcome]\nname = \"x\"\n");
  CHECK(e.errors() == Messages{e.at(13) + "outcome: expected [[outcome]] entries (an array of tables)"});
}

TEST_CASE("error: an [[outcome]] that an arm's scenario cannot compute", "[sweep][spec][outcome][errors]") {
  const Definition d(kHead + arm("base") + kParam +
                     "[[outcome]]\nname = \"x\"\nvariable = \"capacity\"\nsites = [\"chenai\"]\nreduce = \"value\"\n"
                     "date = 2030.0\n");
  CHECK(d.errors(false).empty());
  CHECK(d.errors(true) ==
        Messages{d.at(13) + "outcome[0].sites: unknown site 'chenai'; did you mean chennai?; the scenario has shanghai, "
                            "shenzhen, hanoi, rayong, chennai, pune, dholera (arm 'base', scenario " + tiny() + ")",
                 d.at(13) + "outcome[0].date: 2030 is outside the run: its records are from 2020 to 2023, 4 a year "
                            "(arm 'base', scenario " + tiny() + ")"});
}
