"""Shared by the paper's programs (listed under files in paper.toml)."""


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)
