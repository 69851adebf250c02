"""The machine and the Python a package was made with, for its README."""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys


def python_software() -> dict[str, str]:
    """Python and the versions of the packages the analysis imports."""
    out = {"python": platform.python_version(), "python_executable": sys.executable}
    for name in ("numpy", "h5py", "pandas", "xarray", "h5netcdf", "matplotlib", "scipy", "statsmodels"):
        try:
            module = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - absent or broken: not used then
            continue
        version = str(getattr(module, "__version__", "?"))
        # Debian's own version says more (its xarray 2023.01 calls itself 999).
        debian = _debian_version(f"python3-{name}") if "/dist-packages/" in str(getattr(module, "__file__", "")) else ""
        out[name] = f"{version} (Debian python3-{name} {debian})" if debian and debian != version else version
    return out


def _debian_version(package: str) -> str:
    try:
        done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True,
                              timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


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
