"""Table 1: India's capacity share at the end of each run of the sweep."""
import csv
import sys

import h5py

from common import text

archive, out = sys.argv[1], sys.argv[2]
with h5py.File(archive, "r") as f:
    values = f["india_capacity_share_end"][()]
    sectors = [text(s) for s in f["sector"][()]]
    with open(out, "w", newline="") as g:
        w = csv.writer(g)
        w.writerow(["run", *sectors])
        for run, row in enumerate(values):
            w.writerow([run, *(f"{v:.12g}" for v in row)])
