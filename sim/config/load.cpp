// load(): reads the scenario tree, applies overrides, reads the data tables and
// runs the builders, then hands the spec to check_spec as a last line of defence.
#include "relocsim/config/load.hpp"

#include "build_spec.hpp"
#include "csv_table.hpp"
#include "error_list.hpp"
#include "file_io.hpp"
#include "toml_reader.hpp"
#include "toml_tree.hpp"
#include "toml_writer.hpp"
#include "relocsim/config/quote.hpp"

namespace relocsim::config {
namespace {

constexpr const char* kDataKeys[] = {"sites", "sectors", "markets", "market_mix", "legs", "tariffs", "supplier_mix",
                                     "sector_output"};

struct DataFile {
  std::string path;  // as resolved; "" when data.KEY was unusable
  std::optional<CsvTable> table;
};

DataFile read_data(TomlReader& toml, const std::string& key, std::vector<InputFile>& inputs, ErrorList& errors) {
  DataFile out;
  const auto path = toml.path(key);
  if (!path) return out;
  out.path = *path;
  std::string why;
  const auto text = read_text(*path, why);
  if (!text) {
    // Where the scenario names the file: that line is what to fix.
    errors.add(toml.locate(key), key, "cannot open " + config::quoted(*path) + " (" + why + ")");
    return out;
  }
  inputs.push_back({*path, *text});
  out.table = parse_csv(*path, *text, errors);
  return out;
}

// The resolved configuration names the data files as they were read, so that
// it agrees with LoadedConfig::inputs whichever file in the extends chain
// named them.
// Every event states its announcement date, defaulted to its year where the
// file gave none (as build_events reads it), so that the record of a run says
// when each policy was known without the reader knowing the default.
std::string serialise(toml::table root, const std::vector<DataFile>& files) {
  if (auto* data = root.get_as<toml::table>("data")) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!files[i].path.empty()) data->insert_or_assign(kDataKeys[i], files[i].path);
    }
  }
  if (auto* events = root.get_as<toml::array>("events")) {
    for (auto& node : *events) {
      auto* event = node.as_table();
      if (event == nullptr || event->contains("announced")) continue;
      if (const auto* year = event->get("year")) {
        if (const auto value = year->value<double>()) event->insert("announced", *value);
      }
    }
  }
  return to_toml(root);
}

}  // namespace

LoadedConfig load(const std::string& path, const std::vector<std::string>& overrides) {
  ErrorList errors;
  LoadedConfig loaded;
  loaded.path = path;
  auto tree = load_tree(path, loaded.inputs, errors);
  if (!tree) {
    errors.throw_if_any();
    throw ConfigErrors({ConfigError(path, 0, "", "cannot read the configuration")});
  }
  toml::table& root = *tree;
  apply_overrides(root, overrides, errors);

  TomlReader toml(root, path, errors);
  ModelSpec spec;
  const bool run_ok = build_run(toml, spec.run);
  build_population(toml, spec.population);
  build_params(toml, spec.params);

  std::vector<DataFile> files;
  for (const char* name : kDataKeys) files.push_back(read_data(toml, std::string("data.") + name, loaded.inputs, errors));
  // In kDataKeys order; each step needs the entities of the ones before it.
  Entities entities;
  if (const auto& t = files[0].table) build_sites(*t, spec, entities, errors);
  if (const auto& t = files[1].table) build_sectors(*t, spec, entities, errors);
  if (const auto& t = files[2].table) build_markets(*t, spec, entities, errors);
  if (const auto& t = files[3].table) build_market_mix(*t, entities, spec, errors);
  if (const auto& t = files[4].table) build_legs(*t, entities, spec, errors);
  if (const auto& t = files[5].table) build_tariffs(*t, entities, spec, errors);
  if (const auto& t = files[6].table) build_supplier_mix(*t, entities, spec, errors);
  if (const auto& t = files[7].table) build_sector_output(*t, entities, spec, errors);

  build_pli(toml, entities, spec);
  check_dates(toml, run_ok, spec, files[0].table ? &*files[0].table : nullptr, errors);
  check_sizes(toml, entities, spec, errors);
  build_policies(toml, entities, spec);
  build_events(toml, entities, run_ok, spec, errors);
  check_sources(root, errors);
  toml.finish();
  errors.throw_if_any();

  loaded.warnings = errors.warnings();
  loaded.keys_read = toml.keys_read();
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!files[i].table) continue;
    for (const auto& column : files[i].table->columns_read) {
      loaded.columns_read.push_back(std::string(kDataKeys[i]) + "." + column);
    }
  }

  try {
    check_spec(spec);
  } catch (const SpecError& e) {
    throw ConfigErrors({ConfigError(path, 0, "", e.what())});
  }
  loaded.resolved_toml = serialise(root, files);
  loaded.spec = std::move(spec);
  return loaded;
}

}  // namespace relocsim::config
