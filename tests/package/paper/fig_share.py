"""Figure 1: India's capacity share by sector over time, from a run file."""
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

run, stem = sys.argv[1], sys.argv[2]
with h5py.File(run, "r") as f:
    blocs = [b.decode() for b in f["bloc"][()]]
    sectors = [s.decode() for s in f["sector"][()]]
    share = f["capacity_share"][()][:, blocs.index("India"), :]
fig, ax = plt.subplots(figsize=(5, 3))
for k, sector in enumerate(sectors):
    ax.plot(share[:, k], label=sector)
ax.set_xlabel("step")
ax.set_ylabel("India's capacity share")
ax.legend(fontsize=6)
fig.savefig(stem + ".png", dpi=80)
fig.savefig(stem + ".pdf")
