// An archive read back: its header whole, its runs one at a time.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "h5_reader.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/archive.hpp"

namespace relocsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

output::Provenance read_provenance(const H5Reader& in) {
  output::Provenance p;
  p.program_version = in.text_attr("program_version");
  p.git_commit = in.text_attr("git_commit");
  p.build_type = in.text_attr("build_type");
  p.compiler = in.text_attr("compiler");
  p.compile_flags = in.text_attr("compile_flags");
  for (const auto& name : in.attr_names()) {
    if (name.rfind("lib_", 0) == 0) p.libraries.emplace_back(name.substr(4), in.text_attr(name));
  }
  p.command_line = in.text_attr("command_line");
  p.config_path = in.text_attr("config_path");
  p.seed = in.number_attr<std::uint64_t>("seed");
  p.threads = in.number_attr<std::int32_t>("threads");
  p.start_time = in.text_attr("start_time");
  p.end_time = in.text_attr("end_time");
  p.host = in.text_attr("host");
  return p;
}

}  // namespace

const std::string kDefinedGroup = "outcomes/";

ArchiveInfo read_archive_info(const std::string& path) {
  const H5Reader in(path);
  ArchiveInfo info;
  info.sweep = in.number_attr<std::int32_t>("relocsim_sweep") == 1;
  info.complete = in.number_attr<std::int32_t>("relocsim_complete") == 1;
  info.sweep_id = in.text_attr("sweep_id");
  info.shard.index = in.number_attr<std::int32_t>("shard_index");
  info.shard.count = in.number_attr<std::int32_t>("shard_count", 1);
  info.program_version = in.text_attr("program_version");
  info.git_commit = in.text_attr("git_commit");
  return info;
}

struct ArchiveReader::Impl {
  explicit Impl(const std::string& path) : in(path) {}
  H5Reader in;
  ArchiveHeader h;
  std::vector<std::int8_t> status;
  std::vector<std::string> errors;
};

ArchiveReader::ArchiveReader(const std::string& path) : impl_(std::make_unique<Impl>(path)) {
  const H5Reader& in = impl_->in;
  ArchiveHeader& h = impl_->h;
  if (in.number_attr<std::int32_t>("relocsim_sweep") != 1) {
    throw OutputError(fmt::format("{} is not a relocsim sweep archive (no relocsim_sweep = 1)", path));
  }
  h.sweep_id = in.text_attr("sweep_id");
  h.method = in.text_attr("design_method");
  h.design_n = in.number_attr<std::int64_t>("design_n");
  h.master_seed = in.number_attr<std::uint64_t>("master_seed");
  h.second_order = in.number_attr<std::int32_t>("saltelli_second_order");
  h.morris_levels = in.number_attr<std::int32_t>("morris_levels");
  h.morris_trajectories = in.number_attr<std::int32_t>("morris_trajectories");
  h.reference_arm = in.text_attr("reference_arm");
  h.replications = in.number_attr<std::int32_t>("replications", 1);
  h.shard.index = in.number_attr<std::int32_t>("shard_index");
  h.shard.count = in.number_attr<std::int32_t>("shard_count", 1);

  Design& d = h.design;
  d.params = in.strings("param");
  d.rows = static_cast<std::size_t>(in.shape("design_row").at(0));
  d.unit = in.values<double>("design_unit");
  d.value = in.values<double>("design_value");
  d.text = in.strings("design_text");
  d.lower = in.values<double>("param_lower");
  d.upper = in.values<double>("param_upper");
  d.distribution = in.strings("param_distribution");
  d.role = in.strings("design_role");
  d.group = in.values<std::int32_t>("design_group");

  h.arm_names = in.strings("arm");
  h.arm_scenarios = in.strings("arm_scenario");
  h.arm_overrides = in.strings("arm_overrides");
  h.arm_configs = in.strings("arm_config");

  Axes& a = h.axes;
  a.year = in.values<double>("year");
  a.records = static_cast<int>(a.year.size());
  a.start_year = a.year.empty() ? 0 : a.year.front();
  a.steps_per_year = a.year.size() > 1 ? static_cast<int>(std::lround(1.0 / (a.year[1] - a.year[0]))) : 1;
  a.sites = in.strings("site");
  a.sectors = in.strings("sector");
  a.markets = in.strings("market");
  a.site_bloc = in.values<std::int8_t>("site_bloc");

  h.seeds = in.values<std::uint64_t>("run_seed");
  for (const auto& name : output_names()) {
    if (in.has(name)) h.outputs.push_back(name);
  }
  // Archives from before [[outcome]] have none.
  if (in.has("defined_outcome")) {
    const auto names = in.strings("defined_outcome");
    const auto long_names = in.strings("defined_outcome_long_name");
    const auto units = in.strings("defined_outcome_units");
    const auto definitions = in.strings("defined_outcome_definition");
    for (std::size_t i = 0; i < names.size(); ++i) {
      h.defined.push_back({names[i], long_names.at(i), units.at(i), definitions.at(i)});
    }
  }
  const auto paths = in.strings("input_file");
  const auto sums = in.strings("input_file_sha256");
  const auto contents = in.strings("input_file_contents");
  for (std::size_t i = 0; i < paths.size(); ++i) h.inputs.push_back({paths[i], contents.at(i), sums.at(i)});
  h.sweep_path = in.text_attr("config_path");
  h.sweep_definition = in.strings("sweep_definition").at(0);
  h.provenance = read_provenance(in);

  impl_->status = in.values<std::int8_t>("run_status");
  impl_->errors = in.strings("run_error");
  if (static_cast<long long>(impl_->status.size()) != h.runs() || static_cast<long long>(h.seeds.size()) != h.runs()) {
    throw OutputError(fmt::format("{}: {} runs recorded, but the design says {}", path, impl_->status.size(), h.runs()));
  }
}

ArchiveReader::~ArchiveReader() = default;

const ArchiveHeader& ArchiveReader::header() const { return impl_->h; }

RunRecord ArchiveReader::get(long long run) {
  const ArchiveHeader& h = impl_->h;
  RunRecord r;
  r.run = run;
  r.status = impl_->status.at(static_cast<std::size_t>(run));
  r.error = impl_->errors.at(static_cast<std::size_t>(run));
  if (r.status != kDone) return r;
  const auto read = [&](const OutputInfo& info) {
    std::vector<double> v;
    if (h.keeps(info.name)) {
      impl_->in.row(info.name, static_cast<unsigned long long>(run), v);
    } else {
      v.assign(values_per_run(info.shape, h.axes), kNaN);  // not kept: never written
    }
    return v;
  };
  for (const auto& o : kOutcomes) r.outcomes.push_back(read(o));
  for (const auto& s : kSeries) r.series.push_back(read(s));
  for (const auto& d : h.defined) {
    std::vector<double> v;
    impl_->in.row(kDefinedGroup + d.name, static_cast<unsigned long long>(run), v);
    r.defined.push_back(v.at(0));
  }
  return r;
}

}  // namespace relocsim::sweep
