#include <fmt/format.h>

#include "run_layout.hpp"

namespace relocsim::output {
namespace {

// HDF5 attribute names are free-form but netCDF and R want identifiers.
std::string attribute_name(const std::string& prefix, const std::string& name) {
  std::string out = prefix;
  for (char c : name) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    out += word ? c : '_';
  }
  return out;
}

}  // namespace

void write_run_attributes(hid_t file, const Provenance& p) {
  using h5::set_attr;
  set_attr(file, "title", p.config_path.empty() ? std::string("relocsim run") : "relocsim run of " + p.config_path);
  set_attr(file, "Conventions", "CF-1.8");
  set_attr(file, "description",
           "One run of relocsim, an agent-based simulation of manufacturing firms deciding whether to stay in "
           "China, move, or add a plant in ASEAN or India (\"China plus one\"), with India's production-linked "
           "incentives and approval delays. Every variable is described in docs/OUTPUT.md of the relocsim "
           "sources.");
  set_attr(file, "source", "relocsim " + p.program_version);
  set_attr(file, "history",
           fmt::format("{}: {}", p.start_time, p.command_line.empty() ? std::string("relocsim") : p.command_line));
  set_attr(file, "program_version", p.program_version);
  set_attr(file, "git_commit", p.git_commit);
  set_attr(file, "build_type", p.build_type);
  set_attr(file, "compiler", p.compiler);
  set_attr(file, "compile_flags", p.compile_flags);
  for (const auto& [name, version] : p.libraries) set_attr(file, attribute_name("lib_", name), version);
  set_attr(file, "command_line", p.command_line);
  set_attr(file, "config_path", p.config_path);
  set_attr(file, "seed", p.seed);
  // The same seed as decimal text: tools that read 64-bit integers as
  // doubles (R's ncdf4) round it; text survives exactly.
  set_attr(file, "seed_text", std::to_string(p.seed));
  set_attr(file, "threads", static_cast<std::int32_t>(p.threads));
  set_attr(file, "start_time", p.start_time);
  set_attr(file, "host", p.host);
  // 0 until finish(): a file that somehow escapes under its final name
  // without finishing still says it is incomplete.
  set_attr(file, "relocsim_complete", std::int32_t{0});
}

void write_inputs(nc::Layout& layout, const Provenance& p) {
  layout.string_variable("resolved_config", {}, {"the configuration the run used, resolved to TOML"})
      .write_strings({p.resolved_config});
  std::vector<std::string> paths, contents;
  for (const auto& [path, text] : p.input_files) {
    paths.push_back(path);
    contents.push_back(text);
  }
  layout.label_dimension("input_file", paths, {"path of an input file the configuration read"});
  layout.string_variable("input_file_contents", {"input_file"}, {"contents of the input file"})
      .write_strings(contents);
}

void mark_complete(hid_t file, const std::string& end_time) {
  h5::set_attr(file, "end_time", end_time);
  h5::set_attr(file, "relocsim_complete", std::int32_t{1});
}

}  // namespace relocsim::output
