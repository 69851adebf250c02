// What a finished file holds, read back with the HDF5 C API, and that
// netCDF's own ncdump accepts it. The expected values are those the synthetic
// run was built with (synthetic_run.cpp).
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "h5_read.hpp"
#include "scratch_dir.hpp"
#include "synthetic_run.hpp"

using relocsim::output::Hdf5Writer;
using namespace relocsim::testing;

namespace {

struct WrittenRun {
  ScratchDir dir;
  std::string path = dir.file("run.h5");
  SyntheticRun run = make_synthetic_run();
  WrittenRun() {
    Hdf5Writer writer(path, synthetic_provenance());
    feed(writer, run);
    writer.finish();
  }
};

// The first directory on PATH holding an executable `name`, or "".
std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const auto candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

}  // namespace

TEST_CASE("per-step arrays hold each record at its step", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  CHECK(f.shape("capacity") == std::vector<hsize_t>{4, 3, 2});
  const auto capacity = f.doubles("capacity");
  // capacity[step][site][sector]
  CHECK(capacity[(2 * 3 + 1) * 2 + 1] == capacity_value(2, 1, 1));
  CHECK(capacity[(3 * 3 + 2) * 2 + 0] == capacity_value(3, 2, 0));
  CHECK(f.doubles("year") == std::vector<double>{2020.0, 2020.25, 2020.5, 2020.75});
  CHECK(f.ints("step") == std::vector<long long>{0, 1, 2, 3});
  CHECK(f.ints("firms_reviewing") == std::vector<long long>{0, 1, 2, 3});
  CHECK(f.shape("mean_unit_cost") == std::vector<hsize_t>{4, 3, 2});
  const auto cost = f.doubles("mean_unit_cost");
  CHECK(cost[0] == 0.7);
  CHECK(std::isnan(cost[2 * 2]));  // India has no capacity in the synthetic run
  CHECK(std::isnan(f.number_attr<double>("mean_unit_cost", "_FillValue", H5T_NATIVE_DOUBLE)));
  CHECK(f.text_attr("capacity", "units") == "unit");
  CHECK(f.text_attr("capacity", "coordinates") == "year");
}

TEST_CASE("events are columns along the event dimension", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  CHECK(f.shape("event") == std::vector<hsize_t>{3});
  CHECK(f.ints("event") == std::vector<long long>{0, 1, 2});
  CHECK(f.ints("event_step") == std::vector<long long>{1, 1, 2});
  CHECK(f.ints("event_firm") == std::vector<long long>{0, 3, 0});
  CHECK(f.ints("event_from_site") == std::vector<long long>{0, -1, 0});
  CHECK(f.ints("event_to_site") == std::vector<long long>{2, 1, 2});
  CHECK(f.ints("event_kind_code") == std::vector<long long>{0, 1, 2});
  CHECK(f.doubles("event_share")[1] == Approx(0.3));
  CHECK(f.number_attr<int>("event_from_site", "_FillValue", H5T_NATIVE_INT) == -1);
  CHECK(f.text_attr("event_kind_code", "flag_meanings") ==
        "move_started add_started move_completed add_completed abandoned");
  CHECK(f.text_attr("event_kind_code", "label_coordinate") == "event_kind");
}

TEST_CASE("labels are string coordinates and codes say how to decode them", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  CHECK(f.strings("site") == std::vector<std::string>{"prd", "north_vietnam", "dholera"});
  CHECK(f.strings("site_name")[1] == "Northern Vietnam (Hà Nội)");
  CHECK(f.strings("site_corridor") == std::vector<std::string>{"", "", "DMIC"});
  CHECK(f.strings("bloc") == std::vector<std::string>{"China", "ASEAN", "India"});
  CHECK(f.ints("site_bloc") == std::vector<long long>{0, 1, 2});
  CHECK(f.strings("home") == std::vector<std::string>{"Japan", "United States"});
  CHECK(f.text_attr("firm_home", "flag_meanings") == "Japan United_States");
  CHECK(f.text_attr("firm_home", "label_coordinate") == "home");
  CHECK(f.strings("event_kind").at(4) == "abandoned");
}

TEST_CASE("firms are written at the end", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  CHECK(f.shape("firm_plant_site") == std::vector<hsize_t>{4, 3});
  CHECK(f.ints("firm_plant_site") == std::vector<long long>{2, -1, -1, 0, 1, -1, 1, -1, -1, 0, -1, -1});
  CHECK(f.ints("firm_sector") == std::vector<long long>{0, 1, 0, 1});
  CHECK(f.doubles("firm_capacity") == std::vector<double>{10, 20, 30, 40});
  CHECK(f.ints("firm_project_kind") == std::vector<long long>{-1, -1, -1, 1});
  CHECK(f.ints("firm") == std::vector<long long>{0, 1, 2, 3});
}

TEST_CASE("the value breakdown is written in time, sector, option, part order", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  CHECK(f.shape("value_breakdown") == std::vector<hsize_t>{2, 2, 4, 2});
  const auto values = f.doubles("value_breakdown");
  REQUIRE(values.size() == 32);
  // Cell (time 1, sector 0, option 3, part 1), and the first and last.
  CHECK(values[((1 * 2 + 0) * 4 + 3) * 2 + 1] == breakdown_value(1, 0, 3, 1));
  CHECK(values.front() == breakdown_value(0, 0, 0, 0));
  CHECK(values.back() == breakdown_value(1, 1, 3, 1));
  CHECK(f.doubles("breakdown_time") == std::vector<double>{2020.0, 2020.75});
  CHECK(f.ints("value_breakdown_site") == std::vector<long long>{0, 0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 2});
  CHECK(f.doubles("value_breakdown_firm_size") == std::vector<double>{100, 200, 100, 200});
}

TEST_CASE("a value breakdown whose sizes disagree with the run is refused", "[output]") {
  ScratchDir dir;
  SyntheticRun run = make_synthetic_run();
  run.breakdown.value.pop_back();
  Hdf5Writer writer(dir.file("run.h5"), synthetic_provenance());
  REQUIRE_THROWS_WITH(feed(writer, run), Catch::Contains("value breakdown: sizes disagree with the run's sectors"));
}

TEST_CASE("every variable attaches its dimensions as scales", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  CHECK(f.scale_attached("capacity", "step", 0));
  CHECK(f.scale_attached("capacity", "site", 1));
  CHECK(f.scale_attached("capacity", "sector", 2));
  CHECK(f.scale_attached("mean_unit_cost", "bloc", 1));
  CHECK(f.scale_attached("route_cost", "market", 1));
  CHECK(f.scale_attached("event_to_site", "event", 0));
  CHECK(f.scale_attached("firm_plant_site", "plant_slot", 1));
  CHECK(f.scale_attached("input_file_contents", "input_file", 0));
  CHECK_FALSE(f.scale_attached("capacity", "site", 2));
  for (const char* name : {"capacity", "site", "event_share", "firm_home", "resolved_config", "year"}) {
    INFO(name);
    CHECK_FALSE(f.text_attr(name, "long_name").empty());
    CHECK_FALSE(f.text_attr(name, "units").empty());
  }
}

TEST_CASE("provenance is in global attributes and string variables", "[output]") {
  WrittenRun w;
  H5Read f(w.path);
  const auto p = synthetic_provenance();
  CHECK(f.number_attr<int>("/", "relocsim_complete", H5T_NATIVE_INT) == 1);
  CHECK(f.number_attr<unsigned long long>("/", "seed", H5T_NATIVE_ULLONG) == 18446744073709551557ULL);
  CHECK(f.number_attr<int>("/", "threads", H5T_NATIVE_INT) == 2);
  CHECK(f.text_attr("/", "Conventions") == "CF-1.8");
  CHECK(f.text_attr("/", "git_commit") == p.git_commit);
  CHECK(f.text_attr("/", "command_line") == p.command_line);
  CHECK(f.text_attr("/", "source") == "relocsim " + p.program_version);
  CHECK_FALSE(f.text_attr("/", "lib_hdf5").empty());
  CHECK_FALSE(f.text_attr("/", "end_time").empty());
  // netCDF reads fixed-length strings as text; variable-length ones would be
  // string arrays.
  CHECK(f.attr_is_fixed_string("/", "history"));
  CHECK(f.strings("resolved_config") == std::vector<std::string>{p.resolved_config});
  CHECK(f.strings("input_file") == std::vector<std::string>{"data/sites.csv", "data/legs.csv"});
  CHECK(f.strings("input_file_contents")[0] == p.input_files[0].second);
}

TEST_CASE("compression off writes the same values", "[output]") {
  ScratchDir dir;
  const auto run = make_synthetic_run();
  Hdf5Writer writer(dir.file("plain.h5"), synthetic_provenance(), {.compression_level = 0});
  feed(writer, run);
  writer.finish();
  H5Read f(dir.file("plain.h5"));
  CHECK(f.doubles("capacity")[0] == capacity_value(0, 0, 0));
}

namespace {

// Runs ncdump with `flags` on `path`; false (with a warning) when ncdump is
// not installed, so the skip shows in the test output.
bool ncdump_succeeds(const std::string& path, const std::string& flags, const std::string& dump) {
  const std::string ncdump = find_program("ncdump");
  if (ncdump.empty()) {
    WARN("skipped: ncdump is not installed (Debian: netcdf-bin), so netCDF-4 compatibility is untested");
    return true;
  }
  const std::string command = ncdump + " " + flags + " '" + path + "' > '" + dump + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(dump);
  UNSCOPED_INFO(command << "\n" << std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("ncdump reads the file as netCDF-4", "[output][netcdf]") {
  WrittenRun w;
  CHECK(ncdump_succeeds(w.path, "-h", w.dir.file("dump.txt")));
  // The full dump, not just the header: data reads exercise the strings and
  // the unlimited dimension.
  CHECK(ncdump_succeeds(w.path, "", w.dir.file("dump.txt")));
}

TEST_CASE("a run with no events and no input files is still a valid file", "[output][netcdf]") {
  ScratchDir dir;
  auto run = make_synthetic_run();
  for (auto& r : run.records) r.events.clear();
  auto provenance = synthetic_provenance();
  provenance.input_files.clear();
  provenance.resolved_config.clear();
  provenance.git_commit.clear();
  Hdf5Writer writer(dir.file("empty.h5"), provenance);
  feed(writer, run);
  writer.finish();
  H5Read f(dir.file("empty.h5"));
  CHECK(f.shape("event") == std::vector<hsize_t>{0});
  CHECK(f.shape("event_kind_code") == std::vector<hsize_t>{0});
  CHECK(f.shape("input_file") == std::vector<hsize_t>{0});
  CHECK(f.text_attr("/", "git_commit").empty());
  CHECK(f.strings("resolved_config") == std::vector<std::string>{""});
  CHECK(ncdump_succeeds(dir.file("empty.h5"), "", dir.file("dump.txt")));
}
