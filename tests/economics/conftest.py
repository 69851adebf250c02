"""The relocsim program (RELOCSIM_BIN) as the relocsim_bin fixture
(tests/pylib/relocsim_testing.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pylib"))
from relocsim_testing import relocsim_bin  # noqa: E402,F401
