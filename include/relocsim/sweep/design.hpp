#pragma once
// Experimental designs: which parameter values each design row runs.
//
// A design is first built in the unit cube [0, 1]^d (the generators below are
// pure functions of their arguments, so the same SWEEP.toml gives the same
// design anywhere), then each coordinate becomes a value: a range through its
// distribution's inverse CDF, a list of L levels by level floor(u * L).
#include <cstdint>
#include <string>
#include <vector>

#include "relocsim/sweep/sweep_spec.hpp"

namespace relocsim::sweep {

struct UnitDesign {
  std::size_t rows = 0, params = 0;
  std::vector<double> unit;         // [row][param]
  std::vector<std::string> role;    // [row]: saltelli "A", "B", "AB_i", "BA_i"; morris "trajectory_t_point_p"
  std::vector<std::int32_t> group;  // [row]: saltelli base sample, morris trajectory, otherwise the row
  [[nodiscard]] double at(std::size_t row, std::size_t param) const { return unit[row * params + param]; }
};

// Full factorial: points[j] values of parameter j at u = 0, 1/(L-1), ..., 1
// (0.5 when L = 1); the first parameter varies slowest.
UnitDesign grid_unit(const std::vector<int>& points);

// Latin hypercube: n points, each parameter's n strata [i/n, (i+1)/n) hit
// exactly once, the stratum of each point by a seeded random permutation and
// the position inside it by a seeded uniform draw.
UnitDesign lhs_unit(long long n, std::size_t d, std::uint64_t seed);

// Saltelli's scheme for Sobol indices on Boost.Random's Sobol sequence in 2d
// dimensions: base sample j gives A_j (the first d coordinates of point j),
// B_j (the last d), and the rows, in this order (SALib's):
//   A_j, AB_j^0 .. AB_j^(d-1), [BA_j^0 .. BA_j^(d-1)], B_j
// where AB^i is A with column i from B and BA^i is B with column i from A
// (second order only). N (d + 2) rows, or N (2d + 2) with second order.
UnitDesign saltelli_unit(long long n, std::size_t d, bool second_order);

// Morris' elementary-effects trajectories on a grid of p levels
// {0, 1/(p-1), ..., 1} (p even): each of r trajectories has d + 1 points and
// each step changes one parameter, in a random order, by +-Delta with
// Delta = p / (2 (p - 1)). Base points and directions are seeded draws.
UnitDesign morris_unit(long long r, std::size_t d, int p, std::uint64_t seed);
double morris_delta(int p);

enum class KeyType { Integer, Float, Other };

// The design with its values, as the archive stores it.
struct Design {
  std::vector<std::string> params;     // configuration keys
  std::size_t rows = 0;
  std::vector<double> unit, value;     // [row][param]; value is NaN where a level is not a number
  std::vector<std::string> text;       // [row][param]: the TOML value the runs are given
  std::vector<double> lower, upper;    // [param]; NaN where unbounded or not numeric
  std::vector<std::string> distribution;  // [param]: "uniform(2, 8)", "levels", "csv column"
  std::vector<std::string> role;       // [row]
  std::vector<std::int32_t> group;     // [row]
  std::vector<int> csv_line;           // [row]: csv designs only, the row's line in the design file

  // "key=value" for each parameter of the row.
  [[nodiscard]] std::vector<std::string> overrides(std::size_t row) const;
};

// The design of a grid, lhs, saltelli or morris sweep (and compare's single
// row). key_types[j] is the type the scenario gives parameter j: an integer
// key is given rounded values. Throws config::ConfigErrors for a range on a
// key that is not a number.
Design make_design(const SweepSpec& spec, const std::vector<KeyType>& key_types);

// A design read from CSV: one column per key, one row per design row, each
// cell a TOML value (numbers and true/false as they are). Throws
// config::ConfigErrors located in the CSV file.
Design read_csv_design(const std::string& path, const std::string& sweep_path, int sweep_line,
                       std::string* contents);

}  // namespace relocsim::sweep
