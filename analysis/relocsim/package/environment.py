"""The machine and the Python a package was made with, for its README."""

from __future__ import annotations

import importlib
import os
import platform
import sys


def python_software() -> dict[str, str]:
    """Python and the versions of the packages the analysis imports."""
    out = {"python": platform.python_version(), "python_executable": sys.executable}
    for name in ("numpy", "h5py", "pandas", "xarray", "h5netcdf", "matplotlib", "scipy", "statsmodels"):
        try:
            out[name] = str(importlib.import_module(name).__version__)
        except Exception:  # noqa: BLE001 - absent or broken: not used then
            continue
    return out


def _first(path: str, key: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return ""


def hardware() -> dict[str, str]:
    """CPU, cores, memory, operating system and C library."""
    flags = _first("/proc/cpuinfo", "flags").split()
    memory = _first("/proc/meminfo", "MemTotal")
    libc = platform.libc_ver()
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "machine": platform.machine(),
        "cores": str(os.cpu_count() or 0),
        "memory": f"{int(memory.split()[0]) / 1024**2:.1f} GiB" if memory else "unknown",
        "os": _first("/etc/os-release", "PRETTY_NAME=") or platform.platform(),
        "kernel": platform.release(),
        "libc": f"{libc[0]} {libc[1]}".strip(),
        "fma": "yes" if "fma" in flags else "no",
        "avx2": "yes" if "avx2" in flags else "no",
    }
