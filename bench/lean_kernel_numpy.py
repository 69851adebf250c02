"""The engine benchmark's lean kernel (bench/lean_kernel.cpp) in NumPy: per
firm, 24 site utilities, their exponentials, a cumulative sum and one draw
from a counter-based generator (NumPy's Philox), over chunks of firms.

    python3 bench/lean_kernel_numpy.py [--firms N] [--steps N]

Prints one line: "numpy lean kernel: <firm-site evaluations per second>".
NumPy runs on one thread here (Debian's NumPy calls no threaded BLAS for
these element-wise operations).
"""

import argparse
import time

import numpy as np


def lean_kernel(firms: int, sites: int, steps: int, chunk: int = 65536) -> tuple[float, int]:
    s = np.arange(sites)
    level = 0.1 * (s % 7) - 0.3
    slope = 0.05 * (s % 5)
    attribute = np.random.Generator(np.random.Philox(7)).random(firms)
    scale = 4.0
    checksum = 0
    start = time.perf_counter()
    for step in range(1, steps + 1):
        draws = np.random.Generator(np.random.Philox(key=step)).random(firms)
        for first in range(0, firms, chunk):
            a = attribute[first:first + chunk, None]
            cumulative = np.cumsum(np.exp(scale * (level + a * slope)), axis=1)
            target = draws[first:first + chunk] * cumulative[:, -1]
            chosen = np.minimum((cumulative <= target[:, None]).sum(axis=1), sites - 1)
            checksum += int(chosen.sum())
    seconds = time.perf_counter() - start
    return firms * sites * steps / seconds, checksum


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=1_000_000)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--sites", type=int, default=24)
    args = parser.parse_args()
    rate, _ = lean_kernel(args.firms, args.sites, args.steps)
    print(f"numpy lean kernel: {rate:.3e}")


if __name__ == "__main__":
    main()
