#pragma once
// The random-utility draw that made a firm start a project, kept with the
// project while it is under way (random utility consistent over time).
//
// A reviewing firm's choice is sampled from the nested logit's closed form;
// the shocks themselves are never drawn. What a later revaluation needs is the
// chosen option's idiosyncratic advantage over staying, eps_j - eps_0, drawn
// from its distribution conditional on j having been chosen. For any GEV
// model the maximum utility U* = max_k U_k is Gumbel with location the log-sum
// I = log G(exp U) whichever alternative attains it, and "stay" sits alone in
// a nest with dissimilarity 1, so its shock is independent of the others'.
// Hence, given that j != stay was chosen:
//   U_j = U* ~ Gumbel(I),
//   U_0 | U* ~ Gumbel(V_0) truncated to (-inf, U*),
//   eps_j - eps_0 = (U* - V_j) - (U_0 - V_0).
// The project is then kept while (V_j' - V_0') + (eps_j - eps_0) >= 0 in
// utility units: at the moment of choice the left side is U* - U_0 > 0, so
// only a change in conditions (or news) can turn it negative.

namespace relocsim {

// eps_j - eps_0 in utility units, from two uniforms in [0, 1). log_sum is I,
// u_stay and u_chosen the scaled deterministic utilities V_0 and V_j.
double draw_taste_gap(double log_sum, double u_stay, double u_chosen, double uniform_max, double uniform_stay);

}  // namespace relocsim
