#pragma once
// FIT.h5: a calibration's self-describing record (docs/CALIBRATE.md, "The
// fit file"): the definition and every input, every evaluated point with its
// moments, the search's path, the estimates and their covariance, the
// identification report, the moments against their targets, the draws and
// prediction intervals, and the provenance. A flat netCDF-4 file, like every
// file relocsim writes: h5py, xarray, pandas and R's ncdf4 read it as is.
#include <string>

#include "relocsim/calibrate/calibrate.hpp"
#include "relocsim/calibrate/evaluator.hpp"
#include "relocsim/calibrate/problem.hpp"
#include "relocsim/output/provenance.hpp"

namespace relocsim::calibrate {

// Written to a temporary and renamed into place: never half a file under the
// real name. Throws OutputError.
void write_fit(const std::string& path, const Problem& problem, const Evaluator& evaluator, const FitResult& fit,
               const output::Provenance& provenance, double wall_seconds, bool overwrite);

}  // namespace relocsim::calibrate
