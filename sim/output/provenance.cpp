#include "relocsim/output/provenance.hpp"

#include <fmt/format.h>
#include <hdf5.h>
#include <oneapi/tbb/version.h>
#include <toml++/impl/version.h>
#include <unistd.h>

#include <boost/version.hpp>
#include <chrono>
#include <climits>
#include <ctime>

#include "h5_handles.hpp"
#include "relocsim/build_info.hpp"

namespace relocsim::output {
namespace {

std::string hdf5_version() {
  // The library loaded at run time, which may differ from the headers.
  h5::use_library();
  unsigned major = 0, minor = 0, release = 0;
  if (H5get_libversion(&major, &minor, &release) < 0) return H5_VERS_INFO;
  return fmt::format("{}.{}.{}", major, minor, release);
}

std::string host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name) != 0) return "unknown";
  name[HOST_NAME_MAX] = '\0';
  return name;
}

}  // namespace

Provenance build_provenance() {
  Provenance p;
  p.program_version = build_info::version;
  p.git_commit = build_info::git_commit;
  p.build_type = build_info::build_type;
  p.compiler = build_info::compiler;
  p.compile_flags = build_info::compile_flags;
  p.libraries = {
      {"hdf5", hdf5_version()},
      {"tbb", TBB_runtime_version()},
      {"boost", fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
      {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
      {"tomlplusplus", fmt::format("{}.{}.{}", TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)},
      // Random123 is header-only and its headers carry no version number.
  };
  p.start_time = utc_now();
  p.host = host_name();
  return p;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace relocsim::output
