// Defined outcomes computed while a run goes: each step adds up each
// definition's selection (and a share's wider one) into one number per
// record, so what is kept is a short series per definition, never the
// records; the reductions apply once the run has ended.
#include <fmt/format.h>

#include <limits>
#include <map>

#include "error_list.hpp"
#include "outcome_date.hpp"
#include "outcome_selection.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"

namespace relocsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Item {
  const OutcomeVariable* variable = nullptr;  // nullptr for a ratio
  std::vector<std::size_t> cells, of_cells;   // of_cells: a share's denominator
  std::vector<double> sum, of_sum;            // [record]
};

// In the order select_cells gives, so the sum is the same in every run.
double total(const OutcomeVariable& v, const StepRecord& r, const std::vector<std::size_t>& cells) {
  double s = 0;
  for (const std::size_t c : cells) s += v.at(r, c);
  return s;
}

double divide(double a, double b) { return b == 0 ? kNaN : a / b; }

}  // namespace

struct DefinedOutcomeObserver::State {
  std::vector<OutcomeDefinition> definitions;
  std::vector<Item> items;
  std::size_t sites = 0, sectors = 0, markets = 0;
  int steps_per_year = 1;
  int records = 0;
  std::vector<double> year;
  bool ended = false;
  RecordParts parts{false, false};  // what the items read of the optional parts
};

DefinedOutcomeObserver::DefinedOutcomeObserver(const std::vector<OutcomeDefinition>& definitions,
                                               const ModelSpec& spec)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.definitions = definitions;
  s.sites = spec.sites.size();
  s.sectors = spec.sectors.size();
  s.markets = spec.markets.size();
  s.steps_per_year = spec.run.steps_per_year;
  s.records = spec.run.steps + 1;
  config::ErrorList errors;
  for (const auto& d : definitions) {
    Item item;
    const auto reject = [&](const std::string& key, const std::string& problem) {
      errors.add({d.file, d.line}, key_of(d, key), problem);
    };
    if (d.reduce != Reduce::Ratio) {
      item.variable = find_outcome_variable(d.variable);
      if (item.variable == nullptr) {
        reject("variable", fmt::format("unknown variable '{}'", d.variable));
      } else {
        s.parts = s.parts | parts_read(*item.variable);
        item.cells = select_cells(*item.variable, spec, numerator_lists(d), reject);
        if (d.reduce == Reduce::Share) item.of_cells = select_cells(*item.variable, spec, denominator_lists(d), reject);
      }
    }
    s.items.push_back(std::move(item));
  }
  errors.throw_if_any();
}

DefinedOutcomeObserver::~DefinedOutcomeObserver() = default;

RecordParts DefinedOutcomeObserver::wants() const { return state_->parts; }

void DefinedOutcomeObserver::on_start(const RunStart& start) {
  State& s = *state_;
  const ModelSpec& spec = start.spec;
  if (spec.sites.size() != s.sites || spec.sectors.size() != s.sectors || spec.markets.size() != s.markets ||
      spec.run.steps + 1 != s.records) {
    throw Error("defined outcomes: the run's scenario is not the one they were resolved against");
  }
  s.year.clear();
  for (auto& item : s.items) {
    item.sum.clear();
    item.of_sum.clear();
  }
  s.ended = false;
}

void DefinedOutcomeObserver::on_step(const StepRecord& r) {
  State& s = *state_;
  s.year.push_back(r.year);
  for (auto& item : s.items) {
    if (item.variable == nullptr) continue;
    // The cells were resolved against the spec; the record must hold them.
    const std::size_t size = item.variable->size(r);
    const auto fits = [&](const std::vector<std::size_t>& cells) { return cells.empty() || cells.back() < size; };
    if (!fits(item.cells) || !fits(item.of_cells)) {
      throw Error(fmt::format("defined outcomes: record {} holds {} values of {}, fewer than its dimensions say",
                              r.step, size, item.variable->name));
    }
    item.sum.push_back(total(*item.variable, r, item.cells));
    if (!item.of_cells.empty()) item.of_sum.push_back(total(*item.variable, r, item.of_cells));
  }
}

void DefinedOutcomeObserver::on_end(const FirmTable& /*firms*/) { state_->ended = true; }

std::vector<double> DefinedOutcomeObserver::values() const {
  const State& s = *state_;
  if (!s.ended || static_cast<int>(s.year.size()) != s.records) {
    throw Error(fmt::format("defined outcomes: the run ended after {} of {} records", s.year.size(), s.records));
  }
  const RecordDates dates{s.year, s.steps_per_year};
  std::vector<double> out;
  std::map<std::string, double> by_name;
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const OutcomeDefinition& d = s.definitions[i];
    const Item& item = s.items[i];
    const auto at = [&](double date) {
      const auto k = dates.at(date);
      if (!k) throw Error(fmt::format("defined outcome {}: {}", d.name, *dates.outside(date)));
      return *k;
    };
    double v = kNaN;
    switch (d.reduce) {
      case Reduce::Value: v = item.sum[at(d.date)]; break;
      case Reduce::Sum:
      case Reduce::Mean: {
        const auto records = dates.in_window(d.from, d.to);
        double sum = 0;
        for (const auto k : records) sum += item.sum[k];
        v = records.empty() ? kNaN : d.reduce == Reduce::Sum ? sum : sum / static_cast<double>(records.size());
        break;
      }
      case Reduce::Change: v = item.sum[at(d.to)] - item.sum[at(d.from)]; break;
      case Reduce::Growth: v = divide(item.sum[at(d.to)], item.sum[at(d.from)]) - 1; break;
      case Reduce::Share: {
        const auto k = at(d.date);
        v = divide(item.sum[k], item.of_sum[k]);
        break;
      }
      case Reduce::Ratio: {
        const auto num = by_name.find(d.numerator), den = by_name.find(d.denominator);
        if (num == by_name.end() || den == by_name.end()) {
          throw Error(fmt::format("defined outcome {}: a ratio of '{}' and '{}', which are not both defined before it",
                                  d.name, d.numerator, d.denominator));
        }
        v = divide(num->second, den->second);
        break;
      }
    }
    v *= d.scale;
    by_name[d.name] = v;
    out.push_back(v);
  }
  return out;
}

}  // namespace relocsim::sweep
