#include <limits>

#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {
namespace {

constexpr std::int16_t kNoSite = -1;

}  // namespace

void EventColumns::define(nc::Layout& layout, const Labels& labels, double add_share) {
  using nc::Storage;
  add_share_ = add_share;
  const std::vector<std::string> event{"event"};
  index_ = &layout["event"];
  step_ = &layout.variable<std::int32_t>("event_step", event, {"step in which the event happened", "1"},
                                         Storage::Compressed);
  h5::set_attr(step_->id(), "comment", "an index into the coordinate variable step; year[event_step] dates it");
  firm_ = &layout.variable<std::uint32_t>("event_firm", event, {"firm id (index along the dimension firm)", "1"},
                                          Storage::Compressed);
  from_ = &layout.variable<std::int16_t>("event_from_site", event,
                                         {"the firm's largest plant before the event", "1"}, Storage::Compressed,
                                         kNoSite);
  nc::describe_codes<std::int16_t>(*from_, labels.sites, "site");
  to_ = &layout.variable<std::int16_t>("event_to_site", event, {"site of the project", "1"}, Storage::Compressed,
                                       kNoSite);
  nc::describe_codes<std::int16_t>(*to_, labels.sites, "site");
  // Not named event_kind: that name belongs to the coordinate holding the labels.
  kind_ = &layout.variable<std::int8_t>("event_kind_code", event, {"kind of event", "1"}, Storage::Compressed);
  nc::describe_codes<std::int8_t>(*kind_, labels.event_kinds, "event_kind");
  share_ = &layout.variable<float>("event_share", event, {"share of the firm's capacity the project moves", "1"},
                                   Storage::Compressed);
}

void EventColumns::append(std::int32_t step_of_events, std::span<const Event> events) {
  if (events.empty()) return;
  const std::size_t n = events.size();
  if (count_ + static_cast<std::int64_t>(n) > std::numeric_limits<std::int32_t>::max()) {
    throw OutputError("more events than the int32 event coordinate can number");
  }
  std::vector<std::int32_t> index(n), step(n);
  std::vector<std::uint32_t> firm(n);
  std::vector<std::int16_t> from(n), to(n);
  std::vector<std::int8_t> kind(n);
  std::vector<float> share(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Event& e = events[i];
    index[i] = static_cast<std::int32_t>(count_ + static_cast<std::int64_t>(i));
    step[i] = step_of_events;
    firm[i] = e.firm;
    from[i] = e.from_site;
    to[i] = e.to_site;
    kind[i] = static_cast<std::int8_t>(e.kind);
    share[i] = e.share(add_share_);
  }
  index_->append(std::span<const std::int32_t>(index));
  step_->append(std::span<const std::int32_t>(step));
  firm_->append(std::span<const std::uint32_t>(firm));
  from_->append(std::span<const std::int16_t>(from));
  to_->append(std::span<const std::int16_t>(to));
  kind_->append(std::span<const std::int8_t>(kind));
  share_->append(std::span<const float>(share));
  count_ += static_cast<std::int64_t>(n);
}

}  // namespace relocsim::output
