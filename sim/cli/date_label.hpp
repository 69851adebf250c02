#pragma once
// A decimal year (2036.0) as the date it names ("2036-01-01"), the one way
// relocsim prints time (analysis/relocsim/dates.py does the same).
#include <string>

namespace relocsim::cli {

std::string date_label(double year);

}  // namespace relocsim::cli
