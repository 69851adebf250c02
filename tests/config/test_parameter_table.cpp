// `relocsim describe`'s table: every key and column the loader reads is in
// it, each with a meaning and a unit, and the Markdown and CSV forms agree.
#include <algorithm>
#include <filesystem>
#include <set>

#include "config_test_support.hpp"
#include "csv_table.hpp"
#include "parameter_docs.hpp"
#include "relocsim/config/describe.hpp"

using namespace relocsim;
using namespace relocsim::config::test;

namespace {

// tiny.toml, the baseline and every scenario of the library: together they
// use every kind of key, event and column.
std::vector<std::string> configurations() {
  std::vector<std::string> out{tiny("tiny.toml"), std::string(RELOCSIM_CONFIGS) + "/baseline.toml"};
  std::vector<std::string> scenarios;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(RELOCSIM_CONFIGS) + "/scenarios")) {
    if (entry.path().extension() == ".toml") scenarios.push_back(entry.path().string());
  }
  std::sort(scenarios.begin(), scenarios.end());
  out.insert(out.end(), scenarios.begin(), scenarios.end());
  return out;
}

std::set<std::string> names(const std::vector<config::ParameterRow>& rows) {
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.name);
  return out;
}

const config::ParameterRow& row(const std::vector<config::ParameterRow>& rows, const std::string& name) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.name == name; });
  REQUIRE(it != rows.end());
  return *it;
}

// The cells of a Markdown table, '|' inside a cell escaped as "\|".
std::vector<std::vector<std::string>> markdown_cells(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.rfind("|", 0) != 0 || line.rfind("|---", 0) == 0) continue;
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
        cell += '|';
        ++i;
      } else if (line[i] == '|') {
        cells.push_back(cell.substr(1, cell.size() - 2));  // the padding spaces
        cell.clear();
      } else {
        cell += line[i];
      }
    }
    out.push_back(cells);
  }
  return out;
}

}  // namespace

TEST_CASE("describe: every key and column the loader reads has a row with a meaning and a unit", "[config][describe]") {
  for (const auto& path : configurations()) {
    INFO(path);
    const auto loaded = config::load(path);
    const auto rows = config::parameter_table(loaded);
    const auto described = names(rows);
    for (const auto& key : loaded.keys_read) {
      // [[events]] entries' own source is the source of their other rows.
      if (key.size() > 7 && key.compare(key.size() - 7, 7, ".source") == 0) continue;
      INFO(key);
      CHECK(described.count(key) == 1);
    }
    for (const auto& column : loaded.columns_read) {
      INFO(column);
      CHECK(described.count(column) == 1);
    }
    for (const auto& r : rows) {
      INFO(r.name);
      CHECK_FALSE(r.meaning.empty());
      CHECK_FALSE(r.unit.empty());
      CHECK_FALSE(r.value.empty());
    }
  }
}

TEST_CASE("describe: every documentation entry describes something the configurations hold", "[config][describe]") {
  // A stale entry (a key renamed or dropped) would document nothing.
  std::set<std::size_t> used;
  for (const auto& path : configurations()) {
    for (const auto& r : config::parameter_table(config::load(path))) {
      std::size_t index = 0;
      if (config::find_parameter_doc(r.name, &index) != nullptr) used.insert(index);
    }
  }
  const auto& docs = config::parameter_docs();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    INFO(docs[i].pattern);
    CHECK(used.count(i) == 1);
    CHECK_FALSE(docs[i].meaning.empty());
    CHECK_FALSE(docs[i].unit.empty());
  }
}

TEST_CASE("describe: values, sources and the summaries of data columns", "[config][describe]") {
  const auto rows = config::parameter_table(config::load(tiny("tiny.toml")));
  CHECK(rows.front().name == "run.start_year");  // in the documentation's order
  const auto& scale = row(rows, "behaviour.logit_scale");
  CHECK(scale.value == "4");
  CHECK(scale.unit == "per (value per unit of capacity)");
  CHECK(scale.source == "assumption: tiny test value");
  CHECK(row(rows, "pli.electronics.rates").value == "[0.06, 0.05, 0.04]");
  CHECK(row(rows, "pli.electronics.rates").source == "assumption: shaped like the 2020 mobile-phone PLI");
  CHECK(row(rows, "behaviour.nest_lambda.ASEAN").value == "0.7");
  CHECK(row(rows, "japan_subsidy.destination_from.India").value == "2020.67");
  CHECK(row(rows, "switches.agglomeration").value == "false");
  CHECK(row(rows, "run.seed").source.empty());  // tiny.toml names no source for it
  // An event's rows take the event's source.
  CHECK(row(rows, "events[3].to").value == "nhava_sheva");
  CHECK(row(rows, "events[3].to").source == "assumption: tiny test data");
  CHECK(row(rows, "events[5].severity").value == "-0.25");
  // Data columns: one row each, summarised, sourced per row.
  const auto& wage = row(rows, "sites.wage_usd_year");
  CHECK(wage.value == "7 values, 3,000-15,000");
  CHECK(wage.source == "per row: source column of " + tiny("sites.csv"));
  CHECK(row(rows, "sites.bloc").value == "7 values: China, ASEAN, India");
  CHECK(row(rows, "sites.corridor").value == "7 values: (empty), EEC, DMIC");
  CHECK(row(rows, "sites.id").value == "7 values, 7 distinct");
  CHECK(row(rows, "sites.mineral_exposure").value == "7 values, 0-0.95");
  CHECK(row(rows, "supplier_mix.weight").value == "3 values, 0.2-1");
  CHECK(row(rows, "markets.hub_node").unit == "node");
  const auto described = names(rows);
  CHECK(described.count("sites.source") == 0);
  CHECK(described.count("sources.behaviour.logit_scale") == 0);
  CHECK(described.count("events[0].source") == 0);
}

TEST_CASE("describe: the Markdown and the CSV hold the same cells", "[config][describe]") {
  auto loaded = config::load(tiny("tiny.toml"));
  auto rows = config::parameter_table(loaded);
  // Cells that need escaping in both forms.
  rows.push_back({"x|y", "a \"quoted\", comma", "u", "1|2", "line\nbreak"});
  const auto md = markdown_cells(config::parameter_markdown(rows));
  config::ErrorList errors;
  const auto csv = config::parse_csv("describe.csv", config::parameter_csv(rows), errors);
  REQUIRE(errors.empty());
  REQUIRE(csv);
  REQUIRE(md.size() == rows.size() + 1);
  CHECK(md.front() == std::vector<std::string>{"name", "meaning", "unit", "value", "source"});
  CHECK(csv->header == md.front());
  REQUIRE(csv->rows.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].name);
    std::vector<std::string> cells = csv->rows[i].cells;
    // Markdown has no line breaks inside a cell; they become spaces.
    for (auto& c : cells) std::replace(c.begin(), c.end(), '\n', ' ');
    CHECK(md[i + 1] == cells);
  }
}
