#include <array>
#include <limits>

#include "h5_attributes.hpp"
#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {

void ChoiceColumns::define(nc::Layout& layout, const Labels& labels, const ModelSpec& spec) {
  using nc::Storage;
  const std::vector<std::string> choice{"choice"};
  index_ = &layout.unlimited_dimension("choice", {"option of a logged choice situation", "1"});
  situation_ = &layout.variable<std::int32_t>(
      "choice_situation", choice, {"choice situation the option belongs to (one firm's review in one step)", "1"},
      Storage::Compressed);
  step_ = &layout.variable<std::int32_t>("choice_step", choice, {"step of the choice", "1"}, Storage::Compressed);
  firm_ = &layout.variable<std::uint32_t>("choice_firm", choice, {"firm id (index along the dimension firm)", "1"},
                                          Storage::Compressed);
  site_ = &layout.variable<std::int16_t>("choice_site", choice, {"site of the option; missing for stay", "1"},
                                         Storage::Compressed, std::int16_t{-1});
  nc::describe_codes<std::int16_t>(*site_, labels.sites, "site");
  kind_ = &layout.variable<std::int8_t>("choice_kind", choice, {"kind of option", "1"}, Storage::Compressed);
  const std::array<std::int8_t, 3> kinds{-1, 0, 1};
  h5::set_attr(kind_->id(), "flag_values", std::span<const std::int8_t>(kinds));
  h5::set_attr(kind_->id(), "flag_meanings", "stay move add");
  nest_ = &layout.variable<std::int8_t>("choice_nest", choice, {"nest of the option: stay, or the site's bloc", "1"},
                                        Storage::Compressed);
  std::vector<std::string> nests{"stay"};
  nests.insert(nests.end(), labels.blocs.begin(), labels.blocs.end());
  nc::describe_labels(nest_->id(), nests, "");
  const std::array<std::int8_t, 4> nest_codes{0, 1, 2, 3};
  h5::set_attr(nest_->id(), "flag_values", std::span<const std::int8_t>(nest_codes));
  chosen_ = &layout.variable<std::int8_t>("choice_chosen", choice, {"1 for the option the firm chose", "1"},
                                          Storage::Compressed);
  const char* per_unit = "USD million per unit of capacity";
  value_ = &layout.variable<double>("choice_value", choice, {"value of the option", per_unit}, Storage::Compressed);
  h5::set_attr(value_->id(), "comment",
               "choice_operating + choice_pli + choice_peers - choice_setup - choice_waiting");
  operating_ = &layout.variable<double>("choice_operating", choice,
                                        {"annuity of operating profit less the risk term", per_unit},
                                        Storage::Compressed);
  pli_ = &layout.variable<double>("choice_pli", choice, {"expected PLI", per_unit}, Storage::Compressed);
  peers_ = &layout.variable<double>("choice_peers", choice, {"value of peers' recent moves to the site", per_unit},
                                    Storage::Compressed);
  setup_ = &layout.variable<double>("choice_setup", choice,
                                    {"set-up cost of the new plant, net of Japan's subsidy", per_unit},
                                    Storage::Compressed);
  waiting_ = &layout.variable<double>("choice_waiting", choice, {"cost of waiting for approval and building", per_unit},
                                      Storage::Compressed);
  // What the estimates should recover: utility = logit_scale * value.
  const hid_t file = H5Iget_file_id(index_->id());
  h5::set_attr(file, "choice_logit_scale", spec.params.logit_scale);
  h5::set_attr(file, "choice_nest_lambda", std::span<const double>(spec.params.nest_lambda));
  h5::set_attr(file, "choice_log_every", spec.run.choice_log_every);
  H5Fclose(file);
}

void ChoiceColumns::append(const std::vector<ChoiceRow>& rows) {
  if (rows.empty()) return;
  const std::size_t n = rows.size();
  if (count_ + static_cast<std::int64_t>(n) > std::numeric_limits<std::int32_t>::max()) {
    throw OutputError("more logged choices than the int32 choice coordinate can number");
  }
  std::vector<std::int32_t> index(n), situation(n), step(n);
  std::vector<std::uint32_t> firm(n);
  std::vector<std::int16_t> site(n);
  std::vector<std::int8_t> kind(n), nest(n), chosen(n);
  std::vector<double> value(n), operating(n), pli(n), peers(n), setup(n), waiting(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ChoiceRow& r = rows[i];
    index[i] = static_cast<std::int32_t>(count_ + static_cast<std::int64_t>(i));
    situation[i] = r.situation;
    step[i] = r.step;
    firm[i] = r.firm;
    site[i] = r.site;
    kind[i] = r.kind;
    nest[i] = r.nest;
    chosen[i] = r.chosen;
    value[i] = r.value;
    operating[i] = r.operating;
    pli[i] = r.pli;
    peers[i] = r.peers;
    setup[i] = r.setup;
    waiting[i] = r.waiting;
  }
  index_->append(std::span<const std::int32_t>(index));
  situation_->append(std::span<const std::int32_t>(situation));
  step_->append(std::span<const std::int32_t>(step));
  firm_->append(std::span<const std::uint32_t>(firm));
  site_->append(std::span<const std::int16_t>(site));
  kind_->append(std::span<const std::int8_t>(kind));
  nest_->append(std::span<const std::int8_t>(nest));
  chosen_->append(std::span<const std::int8_t>(chosen));
  value_->append(std::span<const double>(value));
  operating_->append(std::span<const double>(operating));
  pli_->append(std::span<const double>(pli));
  peers_->append(std::span<const double>(peers));
  setup_->append(std::span<const double>(setup));
  waiting_->append(std::span<const double>(waiting));
  count_ += static_cast<std::int64_t>(n);
}

}  // namespace relocsim::output
