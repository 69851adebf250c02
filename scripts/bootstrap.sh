#!/usr/bin/env bash
# Installs the Debian 12 packages relocsim needs, only those missing; silent
# when there is nothing to do. Must run as root (or with sudo) to install.
set -euo pipefail

packages=(
  cmake g++ make git pkg-config
  libboost-dev libboost-graph-dev libtbb-dev libhdf5-dev
  catch2 librandom123-dev libtomlplusplus-dev libcli11-dev libfmt-dev libcsv-dev
  # Calibration: NLopt's optimisers (nlopt.hpp over the C library), Eigen's linear algebra.
  libnlopt-cxx-dev libeigen3-dev
  python3 python3-h5py python3-numpy python3-pandas python3-xarray python3-h5netcdf python3-pytest
  python3-matplotlib python3-scipy python3-statsmodels
  netcdf-bin
  # The R reader (analysis/R) and its test.
  r-base-core r-cran-ncdf4
  # Tests only: a single-node Slurm for the job-array test, clang and
  # libFuzzer for fuzzing the configuration loader.
  slurmctld slurmd slurm-client munge
  clang libclang-rt-14-dev llvm-14
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "relocsim: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
