#pragma once
// Japan's subsidy for plants moved out of China: a share of the set-up cost
// of a Japanese firm's new plant outside China, while the firm produces in
// China, for projects started while applications are open and the
// destination's bloc qualifies. Granted when the plant opens, from a budget;
// grants beyond what is left are paid pro rata, like the PLI.
#include "relocsim/engine/spec.hpp"

namespace relocsim {

class JapanSubsidy {
 public:
  explicit JapanSubsidy(const ModelSpec& spec);

  [[nodiscard]] int home() const { return home_; }  // index into home_countries, -1 if none
  // Would a project started now at a site of this bloc qualify?
  [[nodiscard]] bool qualifies(Bloc destination, double now) const;
  // Share of the set-up cost a qualifying firm expects to get back now.
  [[nodiscard]] double expected_share(double now) const;
  // Pays a step's grants; returns the fraction of each grant paid.
  double settle(double grants, double step_years);
  [[nodiscard]] double remaining() const { return remaining_; }
  [[nodiscard]] double paid() const { return paid_; }

 private:
  const JapanSubsidySpec& spec_;
  bool enabled_;
  int home_ = -1;
  double remaining_, paid_ = 0, grants_per_year_ = 0;
};

}  // namespace relocsim
