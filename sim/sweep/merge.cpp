#include "relocsim/sweep/merge.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <memory>

#include "relocsim/engine/error.hpp"

namespace relocsim::sweep {
namespace {

// Each run from the shard that owns its design row.
class ShardRuns : public RunSource {
 public:
  ShardRuns(std::vector<std::unique_ptr<ArchiveReader>> shards, long long runs_per_row)
      : shards_(std::move(shards)), runs_per_row_(runs_per_row) {}
  RunRecord get(long long run) override {
    const long long row = run / runs_per_row_;
    ArchiveReader& shard = *shards_[static_cast<std::size_t>(row % static_cast<long long>(shards_.size()))];
    RunRecord r = shard.get(run);
    if (r.status == kNotRun) {
      throw OutputError(fmt::format("shard {} has no result for run {} of design row {}, which it owns",
                                    shard.header().shard.text(), run, row));
    }
    return r;
  }

 private:
  std::vector<std::unique_ptr<ArchiveReader>> shards_;
  long long runs_per_row_;
};

}  // namespace

ArchiveSummary merge_archives(const std::string& output, const std::vector<std::string>& shards, bool overwrite,
                              const std::string& command_line) {
  if (shards.empty()) throw OutputError("merge: no shard archives given");
  std::vector<ArchiveInfo> infos;
  for (const auto& path : shards) {
    ArchiveInfo info = read_archive_info(path);
    if (!info.sweep) throw OutputError(fmt::format("{} is not a relocsim sweep archive", path));
    if (!info.complete) {
      throw OutputError(fmt::format("{} is incomplete (relocsim_complete = 0): its shard did not finish; run it "
                                    "again with --resume",
                                    path));
    }
    infos.push_back(std::move(info));
  }
  const ArchiveInfo& first = infos.front();
  for (std::size_t i = 1; i < infos.size(); ++i) {
    if (infos[i].sweep_id != first.sweep_id) {
      throw OutputError(fmt::format("shards of different sweeps: {} has sweep_id {}, {} has sweep_id {}", shards[0],
                                    first.sweep_id, shards[i], infos[i].sweep_id));
    }
    if (infos[i].shard.count != first.shard.count) {
      throw OutputError(fmt::format("shards of different splits: {} is shard {}, {} is shard {}", shards[0],
                                    first.shard.text(), shards[i], infos[i].shard.text()));
    }
    if (infos[i].git_commit != first.git_commit || infos[i].program_version != first.program_version) {
      throw OutputError(fmt::format("shards made by different builds of relocsim: {} by {} (commit {}), {} by {} "
                                    "(commit {})",
                                    shards[0], first.program_version, first.git_commit, shards[i],
                                    infos[i].program_version, infos[i].git_commit));
    }
  }
  const int count = first.shard.count;
  std::map<int, std::string> by_index;
  for (std::size_t i = 0; i < infos.size(); ++i) {
    const auto [it, fresh] = by_index.emplace(infos[i].shard.index, shards[i]);
    if (!fresh) {
      throw OutputError(fmt::format("shard {} given twice: {} and {}", infos[i].shard.text(), it->second, shards[i]));
    }
  }
  std::vector<int> missing;
  for (int k = 0; k < count; ++k) {
    if (!by_index.count(k)) missing.push_back(k);
  }
  if (!missing.empty()) {
    throw OutputError(fmt::format("incomplete set of shards: {} of {} given, shard{} {} of {} missing",
                                  by_index.size(), count, missing.size() > 1 ? "s" : "", fmt::join(missing, ", "),
                                  count));
  }

  std::vector<std::unique_ptr<ArchiveReader>> readers;
  for (const auto& [index, path] : by_index) readers.push_back(std::make_unique<ArchiveReader>(path));
  ArchiveHeader header = readers.front()->header();
  header.shard = Shard{0, 1};
  header.provenance.command_line = command_line;
  header.provenance.start_time = output::utc_now();
  const long long per_row = static_cast<long long>(header.replications) * static_cast<long long>(header.arm_names.size());
  ShardRuns source(std::move(readers), per_row);
  return write_archive(output, header, source, overwrite);
}

}  // namespace relocsim::sweep
