"""Variable labels that fit Stata's 80 characters and still tell columns apart.

Cutting a long label at 80 characters makes every per-sector column of one
outcome, or every paired difference, read the same. A label here has a core
(what the variable is, shortened if need be) and a tail that must survive
(the sector, the plant slot); labels that still collide get their column's
name in front.
"""

from __future__ import annotations

__all__ = ["LIMIT", "fit_label", "unique_labels"]

LIMIT = 80
_ELLIPSIS = "..."


def fit_label(core: str, tail: str = "", limit: int = LIMIT) -> str:
    """``core + tail`` in at most ``limit`` characters, shortening the core
    (at a word where it can) and keeping the tail whole."""
    text = core + tail
    if len(text) <= limit:
        return text
    room = limit - len(tail) - len(_ELLIPSIS)
    if room <= 0:
        return text[: limit - len(_ELLIPSIS)] + _ELLIPSIS
    cut = core[:room]
    space = cut.rfind(" ")
    if space > room // 2:  # a whole word unless that throws away half
        cut = cut[:space]
    return cut.rstrip(" ,:;([") + _ELLIPSIS + tail


def unique_labels(labels: dict[str, str], limit: int = LIMIT) -> dict[str, str]:
    """Labels made distinct: where two or more are equal, each becomes
    ``column: label``, fitted again."""
    count: dict[str, int] = {}
    for label in labels.values():
        count[label] = count.get(label, 0) + 1
    return {c: (fit_label(f"{c}: {l}", limit=limit) if count[l] > 1 else l) for c, l in labels.items()}
