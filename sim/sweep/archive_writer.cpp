// Writes the archive: dimensions and the design first, then one pass over the
// runs, each run's rows written as soon as it is read, then the per-run
// columns that are a few bytes a run, and the completion mark.
#include <fmt/format.h>

#include <limits>
#include <numeric>
#include <optional>

#include "netcdf_layout.hpp"
#include "atomic_target.hpp"
#include "h5_attributes.hpp"
#include "netcdf_layout.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/archive.hpp"
#include "run_layout.hpp"

namespace relocsim::sweep {
namespace h5 = output::h5;
namespace nc = output::nc;
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kFailuresListed = 10;

template <class T>
std::vector<T> indices(std::size_t n) {
  std::vector<T> v(n);
  std::iota(v.begin(), v.end(), T{0});
  return v;
}

std::vector<std::string> dims_of(Shape shape, bool per_run) {
  std::vector<std::string> d;
  if (per_run) d.emplace_back("run");
  switch (shape) {
    case Shape::Scalar: break;
    case Shape::Sector: d.emplace_back("sector"); break;
    case Shape::StepSector: d.insert(d.end(), {"step", "sector"}); break;
    case Shape::StepBlocSector: d.insert(d.end(), {"step", "bloc", "sector"}); break;
  }
  return d;
}

void write_global_attributes(hid_t file, const ArchiveHeader& h) {
  using h5::set_attr;
  output::write_run_attributes(file, h.provenance);  // provenance as a run file has it, incomplete for now
  set_attr(file, "title", "relocsim sweep " + h.sweep_path);
  set_attr(file, "description",
           "A batch of relocsim runs: an experimental design over configuration keys, each design row run with "
           "several replications (seeds) and policy arms that share their random draws, with each run's headline "
           "outcomes and time series along the dimension run, and paired differences against the reference arm. "
           "Every variable is described in docs/SWEEP.md of the relocsim sources.");
  set_attr(file, "relocsim_sweep", std::int32_t{1});
  set_attr(file, "sweep_id", h.sweep_id);
  set_attr(file, "design_method", h.method);
  set_attr(file, "design_n", static_cast<std::int64_t>(h.design_n));
  set_attr(file, "design_rows", static_cast<std::int64_t>(h.design.rows));
  set_attr(file, "master_seed", h.master_seed);
  set_attr(file, "master_seed_text", std::to_string(h.master_seed));  // exact where uint64 reads as double (R)
  set_attr(file, "saltelli_second_order", static_cast<std::int32_t>(h.second_order));
  set_attr(file, "morris_levels", static_cast<std::int32_t>(h.morris_levels));
  set_attr(file, "morris_trajectories", static_cast<std::int32_t>(h.morris_trajectories));
  set_attr(file, "reference_arm", h.reference_arm);
  set_attr(file, "replications", static_cast<std::int32_t>(h.replications));
  set_attr(file, "shard_index", static_cast<std::int32_t>(h.shard.index));
  set_attr(file, "shard_count", static_cast<std::int32_t>(h.shard.count));
  set_attr(file, "seed_derivation",
           "run_seed = Philox4x64-10(counter={design_row, replicate, 0, 0}, key={master_seed, 0x7377656570})[0] >> 1");
  // sha256sum's own format, so `sha256sum -c` can check the inputs.
  std::string sums;
  for (const auto& in : h.inputs) sums += fmt::format("{}  {}\n", in.sha256, in.path);
  set_attr(file, "input_sha256", sums);
}

class Writer {
 public:
  Writer(hid_t file, const ArchiveHeader& h, int level) : h_(h), file_(file), layout_(file, level) {}

  void define() {
    const auto runs = static_cast<std::size_t>(h_.runs());
    const Design& d = h_.design;
    using nc::Storage;
    layout_.numeric_dimension<std::int32_t>(
        "run", indices<std::int32_t>(runs),
        {"run number: (design_row * replications + replicate) * arms + arm", "1"});
    layout_.numeric_dimension<std::int32_t>("design_row", indices<std::int32_t>(d.rows), {"design row", "1"});
    layout_.label_dimension("param", d.params, {"swept configuration key"});
    layout_.label_dimension("arm", h_.arm_names, {"policy arm"});
    layout_.numeric_dimension<std::int32_t>("replicate", indices<std::int32_t>(static_cast<std::size_t>(h_.replications)),
                                            {"replicate (seed) of a design row", "1"});
    layout_.numeric_dimension<std::int32_t>("step", indices<std::int32_t>(static_cast<std::size_t>(h_.axes.records)),
                                            {"step; record 0 is the state before any decision", "1"});
    layout_.label_dimension("site", h_.axes.sites, {"site id"});
    layout_.label_dimension("sector", h_.axes.sectors, {"sector id"});
    const std::vector<std::string> blocs(kBlocNames.begin(), kBlocNames.end());
    layout_.label_dimension("bloc", blocs, {"bloc (group of producing countries)"});
    layout_.label_dimension("market", h_.axes.markets, {"destination market id"});
    layout_.variable<double>("year", {"step"}, {"decimal year at the end of the step", "year"}, Storage::Contiguous)
        .write(std::span<const double>(h_.axes.year));
    auto& bloc = layout_.variable<std::int8_t>("site_bloc", {"site"}, {"bloc of the site", "1"}, Storage::Contiguous);
    bloc.write(std::span<const std::int8_t>(h_.axes.site_bloc));
    nc::describe_codes<std::int8_t>(bloc, blocs, "bloc");

    // The design.
    const std::vector<std::string> row_param{"design_row", "param"};
    layout_.variable<double>("design_unit", row_param, {"design point in the unit cube", "1"}, Storage::Compressed, kNaN)
        .write(std::span<const double>(d.unit));
    layout_.variable<double>("design_value", row_param,
                             {"value of the key in the design row (booleans 0/1; a level that is not a number: its "
                              "index)",
                              "1"},
                             Storage::Compressed, kNaN)
        .write(std::span<const double>(d.value));
    layout_.string_variable("design_text", row_param, {"the key's value as given to the runs, in TOML"})
        .write_strings(d.text);
    layout_.variable<double>("param_lower", {"param"}, {"lower bound of the key's values; missing when unbounded", "1"},
                             Storage::Contiguous, kNaN)
        .write(std::span<const double>(d.lower));
    layout_.variable<double>("param_upper", {"param"}, {"upper bound of the key's values; missing when unbounded", "1"},
                             Storage::Contiguous, kNaN)
        .write(std::span<const double>(d.upper));
    layout_.string_variable("param_distribution", {"param"}, {"how the key's values were drawn"})
        .write_strings(d.distribution);
    layout_.string_variable("design_role", {"design_row"},
                            {"role of the row: saltelli A, B, AB_i, BA_i; morris trajectory_t_point_p; else empty"})
        .write_strings(d.role);
    layout_.variable<std::int32_t>("design_group", {"design_row"},
                                   {"saltelli base sample, morris trajectory, or the row itself", "1"},
                                   Storage::Compressed)
        .write(std::span<const std::int32_t>(d.group));

    // Which run is which: known before any has run.
    std::vector<std::int32_t> rows, reps;
    std::vector<std::int8_t> arms;
    const auto A = static_cast<long long>(h_.arm_names.size());
    for (long long r = 0; r < h_.runs(); ++r) {
      rows.push_back(static_cast<std::int32_t>(r / A / h_.replications));
      reps.push_back(static_cast<std::int32_t>(r / A % h_.replications));
      arms.push_back(static_cast<std::int8_t>(r % A));
    }
    layout_.variable<std::int32_t>("run_design_row", {"run"}, {"design row of the run", "1"}, Storage::Compressed)
        .write(std::span<const std::int32_t>(rows));
    layout_.variable<std::int32_t>("run_replicate", {"run"}, {"replicate of the run", "1"}, Storage::Compressed)
        .write(std::span<const std::int32_t>(reps));
    auto& arm = layout_.variable<std::int8_t>("run_arm", {"run"}, {"policy arm of the run", "1"}, Storage::Compressed);
    arm.write(std::span<const std::int8_t>(arms));
    nc::describe_codes<std::int8_t>(arm, h_.arm_names, "arm");
    layout_.variable<std::uint64_t>("run_seed", {"run"}, {"run.seed of the run", "1"}, Storage::Compressed)
        .write(std::span<const std::uint64_t>(h_.seeds));
    // The seeds again as decimal text: R's ncdf4 reads uint64 as doubles and
    // rounds them past 2^53; analysis/R/relocsim.R reads these.
    std::vector<std::string> seed_text;
    seed_text.reserve(h_.seeds.size());
    for (const auto seed : h_.seeds) seed_text.push_back(std::to_string(seed));
    layout_.string_variable("run_seed_text", {"run"}, {"run_seed as decimal text (exact in tools that read uint64 as double)"})
        .write_strings(seed_text);
    status_ = &layout_.variable<std::int8_t>("run_status", {"run"}, {"0 done, 1 failed, -1 not run (another shard's)", "1"},
                                             Storage::Compressed);
    const std::vector<std::int8_t> flags{kDone, kFailed, kNotRun};
    h5::set_attr(status_->id(), "flag_values", std::span<const std::int8_t>(flags));
    nc::describe_labels(status_->id(), {"done", "failed", "not_run"}, "");
    error_ = &layout_.string_variable("run_error", {"run"}, {"why the run failed; empty unless it did"});

    layout_.string_variable("arm_scenario", {"arm"}, {"scenario file of the arm"}).write_strings(h_.arm_scenarios);
    layout_.string_variable("arm_overrides", {"arm"}, {"the arm's own overrides, key=value, one per line"})
        .write_strings(h_.arm_overrides);
    layout_.string_variable("arm_config", {"arm"}, {"the arm's configuration resolved to TOML, before the design's "
                                                    "values and the run's seed"})
        .write_strings(h_.arm_configs);
    layout_.string_variable("sweep_definition", {}, {"the sweep definition (SWEEP.toml)"})
        .write_strings({h_.sweep_definition});
    std::vector<std::string> paths, sums, contents;
    for (const auto& in : h_.inputs) {
      paths.push_back(in.path);
      sums.push_back(in.sha256);
      contents.push_back(in.contents);
    }
    layout_.label_dimension("input_file", paths, {"path of an input file"});
    layout_.string_variable("input_file_sha256", {"input_file"}, {"SHA-256 of the input file"}).write_strings(sums);
    layout_.string_variable("input_file_contents", {"input_file"}, {"contents of the input file"})
        .write_strings(contents);

    for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
      const OutputInfo& o = kOutcomes[i];
      if (!h_.keeps(o.name)) continue;
      const nc::Meta meta{o.long_name, o.units};
      if (o.integer) {
        outcome_[i] = &layout_.variable<std::int32_t>(o.name, dims_of(o.shape, true), meta, Storage::Compressed,
                                                      std::int32_t{-1});
      } else {
        outcome_[i] = &layout_.variable<double>(o.name, dims_of(o.shape, true), meta, Storage::Compressed, kNaN);
      }
      const nc::Meta diff_meta{std::string("paired difference against the reference arm (same design row and "
                                           "replicate): ") + o.long_name,
                               o.units};
      diff_[i] = &layout_.variable<double>(std::string("diff_") + o.name, dims_of(o.shape, true), diff_meta,
                                           Storage::Compressed, kNaN);
    }
    for (std::size_t i = 0; i < kSeries.size(); ++i) {
      const OutputInfo& s = kSeries[i];
      if (!h_.keeps(s.name)) continue;
      series_[i] = &layout_.variable<double>(s.name, dims_of(s.shape, true), {s.long_name, s.units},
                                             Storage::Compressed, kNaN);
      h5::set_attr(series_[i]->id(), "coordinates", "year");
    }
    define_defined_outcomes();
    comparing_ = h_.method == "compare";
    accumulators_.resize(kOutcomes.size());
    for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
      accumulators_[i].resize(kOutcomes[i].shape == Shape::Sector ? h_.axes.sectors.size() : 1);
    }
  }

  // One design row and replicate: the reference run first, then every arm.
  void write_block(long long first, RunSource& source, ArchiveSummary& summary) {
    const auto A = static_cast<long long>(h_.arm_names.size());
    const int ref_arm = h_.reference_index();
    const RunRecord reference = source.get(first + ref_arm);
    for (long long a = 0; a < A; ++a) {
      const long long run = first + a;
      const RunRecord record = a == ref_arm ? reference : source.get(run);
      if (record.run != run) throw OutputError(fmt::format("run {} came back as run {}", run, record.run));
      write_run(run, record, a == ref_arm ? nullptr : &reference, summary);
    }
  }

  void finish(ArchiveSummary& summary) {
    status_->write(std::span<const std::int8_t>(statuses_));
    error_->write_strings(errors_);
    if (!comparing_) return;
    for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
      const OutputInfo& o = kOutcomes[i];
      if (!h_.keeps(o.name)) continue;
      std::vector<double> mean, low, high;
      std::vector<std::int32_t> n;
      for (std::size_t k = 0; k < accumulators_[i].size(); ++k) {
        const PairedStats s = accumulators_[i][k].stats();
        summary.compare.push_back({o.name, o.shape == Shape::Sector ? h_.axes.sectors[k] : "", s});
        mean.push_back(s.mean);
        low.push_back(s.ci_low);
        high.push_back(s.ci_high);
        n.push_back(static_cast<std::int32_t>(s.n));
      }
      const auto dims = dims_of(o.shape, false);
      const auto put = [&](const std::string& prefix, const std::string& what, const std::vector<double>& v) {
        layout_.variable<double>(prefix + o.name, dims, {what + " of the paired difference B - A: " + o.long_name, o.units},
                                 nc::Storage::Contiguous, kNaN)
            .write(std::span<const double>(v));
      };
      put("compare_mean_", "mean over replicates", mean);
      put("compare_ci_low_", "lower end of the 95% t confidence interval", low);
      put("compare_ci_high_", "upper end of the 95% t confidence interval", high);
      layout_.variable<std::int32_t>(std::string("compare_n_") + o.name, dims,
                                     {std::string("replicates with a finite difference: ") + o.long_name, "1"},
                                     nc::Storage::Contiguous)
          .write(std::span<const std::int32_t>(n));
    }
  }

  void close() { layout_.close(); }

 private:
  // [[outcome]]s: /outcomes/<name> along run, each with its definition as
  // an attribute, and an index of them at the top (defined_outcome...) so a
  // reader need not list the group.
  void define_defined_outcomes() {
    if (h_.defined.empty()) return;
    h5::Handle gcpl = h5::own(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate");
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    h5::check(H5Pset_link_creation_order(gcpl.get(), order), "H5Pset_link_creation_order");
    h5::check(H5Pset_attr_creation_order(gcpl.get(), order), "H5Pset_attr_creation_order");
    h5::own(H5Gcreate2(file_, "outcomes", H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), "create group outcomes");
    std::vector<std::string> names, long_names, units, definitions;
    for (const auto& d : h_.defined) {
      names.push_back(d.name);
      long_names.push_back(d.long_name);
      units.push_back(d.units);
      definitions.push_back(d.definition);
    }
    layout_.label_dimension("defined_outcome", names, {"name of an outcome defined in SWEEP.toml ([[outcome]]); "
                                                       "its values are /outcomes/<name>"});
    const std::vector<std::string> dim{"defined_outcome"};
    layout_.string_variable("defined_outcome_long_name", dim, {"long_name of the defined outcome"})
        .write_strings(long_names);
    layout_.string_variable("defined_outcome_units", dim, {"units of the defined outcome"}).write_strings(units);
    layout_.string_variable("defined_outcome_definition", dim, {"the [[outcome]] table that defines it, as TOML"})
        .write_strings(definitions);
    for (const auto& d : h_.defined) {
      auto& var = layout_.variable<double>("outcomes/" + d.name, {"run"}, {d.long_name, d.units}, nc::Storage::Compressed,
                                           kNaN);
      h5::set_attr(var.id(), "definition", d.definition);
      defined_.push_back(&var);
    }
  }

  void write_run(long long run, const RunRecord& r, const RunRecord* reference, ArchiveSummary& summary) {
    statuses_.push_back(r.status);
    errors_.push_back(r.error);
    if (r.status == kNotRun) {
      ++summary.not_run;
      return;
    }
    if (r.status == kFailed) {
      ++summary.failed;
      if (summary.failures.size() < kFailuresListed) {
        const auto A = static_cast<long long>(h_.arm_names.size());
        summary.failures.push_back(fmt::format("run {} (design row {}, replicate {}, arm {}): {}", run,
                                               run / A / h_.replications, run / A % h_.replications,
                                               h_.arm_names[static_cast<std::size_t>(run % A)], r.error));
      }
      return;
    }
    ++summary.done;
    if (r.outcomes.size() != kOutcomes.size() || r.series.size() != kSeries.size()) {
      throw OutputError(fmt::format("run {}: its record has {} outcomes and {} series", run, r.outcomes.size(),
                                    r.series.size()));
    }
    const auto row = static_cast<hsize_t>(run);
    const bool paired = reference != nullptr && reference->status == kDone;
    for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
      if (outcome_[i] == nullptr) continue;
      const auto& v = r.outcomes[i];
      if (kOutcomes[i].integer) {
        std::vector<std::int32_t> counts;
        for (double x : v) counts.push_back(static_cast<std::int32_t>(x));
        outcome_[i]->write_row(row, std::span<const std::int32_t>(counts));
      } else {
        outcome_[i]->write_row(row, std::span<const double>(v));
      }
      if (!paired) continue;
      std::vector<double> diff(v.size());
      for (std::size_t k = 0; k < v.size(); ++k) diff[k] = v[k] - reference->outcomes[i].at(k);
      diff_[i]->write_row(row, std::span<const double>(diff));
      if (comparing_) {
        for (std::size_t k = 0; k < diff.size(); ++k) accumulators_[i].at(k).add(diff[k]);
      }
    }
    for (std::size_t i = 0; i < kSeries.size(); ++i) {
      if (series_[i] != nullptr) series_[i]->write_row(row, std::span<const double>(r.series[i]));
    }
    if (r.defined.size() != defined_.size()) {
      throw OutputError(fmt::format("run {}: its record has {} defined outcomes, the sweep defines {}", run,
                                    r.defined.size(), defined_.size()));
    }
    for (std::size_t i = 0; i < defined_.size(); ++i) {
      defined_[i]->write_row(row, std::span<const double>(&r.defined[i], 1));
    }
  }

  const ArchiveHeader& h_;
  hid_t file_;
  nc::Layout layout_;
  std::vector<nc::Variable*> defined_;  // [h_.defined]
  nc::Variable* status_ = nullptr;
  nc::Variable* error_ = nullptr;
  std::array<nc::Variable*, kOutcomes.size()> outcome_{}, diff_{};
  std::array<nc::Variable*, kSeries.size()> series_{};
  std::vector<std::int8_t> statuses_;
  std::vector<std::string> errors_;
  bool comparing_ = false;
  std::vector<std::vector<PairedAccumulator>> accumulators_;  // [outcome][element]
};

}  // namespace

ArchiveSummary write_archive(const std::string& path, const ArchiveHeader& h, RunSource& source, bool overwrite,
                             int compression_level) {
  h5::use_library();
  h5::QuietErrors quiet;
  output::AtomicTarget target(path, overwrite);
  ArchiveSummary summary;
  h5::Handle file;
  std::optional<Writer> writer;
  try {
    if (compression_level < 0 || compression_level > 9) throw OutputError("compression level must be 0 to 9");
    file = output::nc::create_file(target.temp_path());
    write_global_attributes(file.get(), h);
    writer.emplace(file.get(), h, compression_level);
    writer->define();
    const auto A = static_cast<long long>(h.arm_names.size());
    for (long long first = 0; first < h.runs(); first += A) writer->write_block(first, source, summary);
    writer->finish(summary);
    output::mark_complete(file.get(), output::utc_now());
    h5::check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "flush");
    writer->close();
    writer.reset();
    file.close();
  } catch (const OutputError& e) {
    if (file.valid()) h5::divert_writes(file.get());
    writer.reset();
    file.reset();
    throw OutputError(fmt::format("cannot write {}: {}", path, e.what()));
  } catch (...) {
    if (file.valid()) h5::divert_writes(file.get());
    writer.reset();
    file.reset();
    throw;
  }
  target.commit();
  return summary;
}

}  // namespace relocsim::sweep
