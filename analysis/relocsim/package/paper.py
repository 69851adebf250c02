"""PAPER.toml read and checked: the runs, sweeps, comparisons and
calibrations a paper uses, and the figures and tables made from them
(docs/REPLICATION.md). Every error names the file, the line, the key and
what was expected, as the simulator's own configuration errors do; all of
them are reported at once."""

from __future__ import annotations

import difflib
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# What each kind of item takes; the first tuple is required.
COMPUTATIONS = ("run", "sweep", "compare", "calibration")
PRODUCTS = ("figure", "table")
KINDS = {
    "run": (("name", "config"), ("output", "seed", "set", "threads", "pli_counterfactual")),
    "sweep": (("name", "definition"), ("output", "threads")),
    "compare": (("name", "a", "b", "replications"), ("output", "seed", "threads")),
    "calibration": (("name", "definition"), ("output", "threads")),
    "figure": (("name", "command", "outputs"), ("label", "caption", "files")),
    "table": (("name", "command", "outputs"), ("label", "caption", "files")),
}
PAPER_KEYS = (("title",), ("authors", "description", "contact"))
# The words a figure's or table's command may hold in braces.
PLACEHOLDERS = ("python", "relocsim", "outputs", "paper")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
FILE_KEYS = {"config", "definition", "a", "b"}


class PaperError(ValueError):
    """Every problem of a PAPER.toml, each as ``file:line: key: message``."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Item:
    kind: str
    index: int  # within its kind, as in run[0]
    name: str
    values: dict
    outputs: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}[{self.index}]"

    @property
    def computation(self) -> bool:
        return self.kind in COMPUTATIONS


@dataclass
class Paper:
    path: Path  # absolute
    title: str
    authors: list[str]
    description: str
    contact: str
    items: list[Item]  # computations first (run, sweep, compare, calibration), then figures, then tables

    @property
    def folder(self) -> Path:
        return self.path.parent

    def item(self, name: str) -> Item | None:
        return next((i for i in self.items if i.name == name), None)


class _Lines:
    """Where each table and key starts, which tomllib does not say."""

    def __init__(self, text: str):
        self.where: dict[tuple[str, int, str], int] = {}
        counts: dict[str, int] = {}
        section = ("", 0)
        for number, line in enumerate(text.splitlines(), start=1):
            if m := re.match(r"\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]", line):
                name = m.group(1)
                section = (name, counts.get(name, 0))
                counts[name] = section[1] + 1
                self.where.setdefault((name, section[1], ""), number)
            elif m := re.match(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]", line):
                section = (m.group(1), 0)
                self.where.setdefault((section[0], 0, ""), number)
            elif m := re.match(r"""\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=""", line):
                self.where.setdefault((section[0], section[1], m.group(1).strip("\"'")), number)

    def line(self, table: str, index: int = 0, key: str = "") -> int:
        return self.where.get((table, index, key)) or self.where.get((table, index, ""), 1)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]}?" if close else ""


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "an array"
    return str(value)


def read_paper(path: str | Path) -> Paper:
    """The paper definition at ``path``, checked; raises PaperError."""
    path = Path(path).absolute()
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PaperError([f"{shown}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise PaperError([f"{shown}: cannot read ({error})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        m = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = m.group(1) if m else "1"
        what = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise PaperError([f"{shown}:{line}: expected valid TOML: {what}"]) from None
    lines = _Lines(text)
    errors: list[str] = []

    def fail(table: str, index: int | None, key: str, message: str):
        where = table if index is None else f"{table}[{index}]"
        where = f"{where}.{key}" if key else where
        errors.append(f"{shown}:{lines.line(table, index or 0, key)}: {where}: {message}")

    for name in data:
        if name != "paper" and name not in KINDS:
            fail(name, None, "", "unknown table; expected paper, run, sweep, compare, calibration, figure or table"
                 + _suggest(name, ["paper", *KINDS]))

    paper = data.get("paper")
    title, authors, description, contact = "", [], "", ""
    if not isinstance(paper, dict):
        errors.append(f"{shown}:1: paper: missing table; expected [paper] with a title")
    else:
        for key in paper:
            if key not in PAPER_KEYS[0] + PAPER_KEYS[1]:
                fail("paper", None, key, "unknown key; expected title, authors, description or contact"
                     + _suggest(key, PAPER_KEYS[0] + PAPER_KEYS[1]))
        title = paper.get("title")
        if "title" not in paper:
            fail("paper", None, "", "missing key title; expected the paper's title (text)")
        elif not isinstance(title, str) or not title.strip():
            fail("paper", None, "title", f"expected the paper's title (text), got {_describe(title)}")
        if not isinstance(title, str):
            title = ""
        authors = paper.get("authors", [])
        if not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
            fail("paper", None, "authors", f"expected an array of names, got {_describe(authors)}")
            authors = []
        for key in ("description", "contact"):
            if not isinstance(paper.get(key, ""), str):
                fail("paper", None, key, f"expected text, got {_describe(paper[key])}")
        description = paper.get("description", "") if isinstance(paper.get("description", ""), str) else ""
        contact = paper.get("contact", "") if isinstance(paper.get("contact", ""), str) else ""

    items: list[Item] = []
    seen_names: dict[str, str] = {}
    seen_outputs: dict[str, str] = {}
    for kind, (required, optional) in KINDS.items():
        entries = data.get(kind, [])
        if not isinstance(entries, list):
            fail(kind, None, "", f"expected an array of tables, [[{kind}]], got a single table [{kind}]")
            continue
        for index, entry in enumerate(entries):
            before = len(errors)

            def bad(key, message, index=index, kind=kind):
                fail(kind, index, key, message)

            for key in entry:
                if key not in required + optional:
                    bad(key, "unknown key; expected " + ", ".join(required + optional) + _suggest(key, required + optional))
            for key in required:
                if key not in entry:
                    fail(kind, index, "", f"missing key {key}; expected " + _expected(kind, key))
            for key, value in entry.items():
                if key in required + optional:
                    message = _check_value(kind, key, value, path.parent)
                    if message:
                        bad(key, message)
            name = entry.get("name")
            if isinstance(name, str) and NAME.match(name):
                if name in seen_names:
                    bad("name", f"duplicate name {name!r}; expected each item's name once (first at {seen_names[name]})")
                else:
                    seen_names[name] = f"{kind}[{index}]"
            if len(errors) > before:
                continue
            item = Item(kind, index, name, dict(entry))
            if kind in COMPUTATIONS:
                item.outputs = [entry.get("output", f"{name}.h5")]
            else:
                item.outputs = list(entry["outputs"])
            for out in item.outputs:
                if out in seen_outputs:
                    bad("output" if kind in COMPUTATIONS else "outputs",
                        f"{out!r} is also an output of {seen_outputs[out]}; expected each output file to be made once")
                seen_outputs.setdefault(out, item.key)
            items.append(item)
    if not errors and not items:
        errors.append(f"{shown}:1: expected at least one [[run]], [[sweep]], [[compare]] or [[calibration]]")
    if errors:
        raise PaperError(errors)
    return Paper(path, title, authors, description, contact, items)


def _expected(kind: str, key: str) -> str:
    return {
        "name": "a name of letters, digits, '_', '-' and '.', unique in the paper (--only uses it)",
        "config": "a scenario file (TOML), relative to PAPER.toml's folder",
        "definition": "a sweep definition (SWEEP.toml)" if kind == "sweep" else "a calibration definition (CALIB.toml)",
        "a": "scenario A, the reference (TOML file)",
        "b": "scenario B (TOML file)",
        "replications": "an integer >= 2",
        "command": "the command as an array of words, e.g. [\"{python}\", \"{paper}/fig1.py\", \"{outputs}/run.h5\"]",
        "outputs": "an array of the files the command writes into {outputs}",
    }.get(key, "a value")


def command_words(value) -> list[str]:
    """A command given as an array of words or as one line (split as a shell would)."""
    return shlex.split(value) if isinstance(value, str) else list(value)


def _check_value(kind: str, key: str, value, folder: Path) -> str | None:
    if key == "name":
        if not isinstance(value, str) or not NAME.match(value):
            return f"expected {_expected(kind, key)}, got {_describe(value)}"
    elif key in FILE_KEYS:
        if not isinstance(value, str) or not value:
            return f"expected {_expected(kind, key)}, got {_describe(value)}"
        target = folder / value
        if not target.is_file():
            return f"expected {_expected(kind, key)}, got {value!r}: no such file ({target})"
    elif key == "output":
        return _file_name(value, ".h5 file name")
    elif key == "outputs":
        if not isinstance(value, list) or not value:
            return f"expected {_expected(kind, key)}, got {_describe(value)}"
        for one in value:
            if message := _file_name(one, "file name"):
                return message
    elif key in ("seed",):
        if not _is_int(value) or not 0 <= value < 2**63:
            return f"expected an integer in [0, 9223372036854775807], got {_describe(value)}"
    elif key == "threads":
        if not _is_int(value) or value < 1:
            return f"expected a positive integer (results do not depend on it), got {_describe(value)}"
    elif key == "replications":
        if not _is_int(value) or value < 2:
            return f"expected an integer >= 2, got {_describe(value)}"
    elif key == "pli_counterfactual":
        if not isinstance(value, bool):
            return f"expected true or false, got {_describe(value)}"
    elif key == "set":
        if not isinstance(value, list) or not all(isinstance(s, str) and "=" in s for s in value):
            return f"expected an array of \"key=value\" overrides, got {_describe(value)}"
    elif key in ("label", "caption"):
        if not isinstance(value, str):
            return f"expected text, got {_describe(value)}"
    elif key == "files":
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            return f"expected an array of files relative to PAPER.toml's folder, got {_describe(value)}"
        for one in value:
            if message := _inside(folder, one):
                return message
    elif key == "command":
        if isinstance(value, str):
            try:
                words = shlex.split(value)
            except ValueError as error:
                return f"expected a command a shell can split, got {value!r} ({error})"
        elif isinstance(value, list) and all(isinstance(w, str) for w in value):
            words = value
        else:
            return f"expected {_expected(kind, key)}, got {_describe(value)}"
        if not words:
            return f"expected {_expected(kind, key)}, got an empty command"
        for word in words:
            for holder in PLACEHOLDER.findall(word):
                if holder not in PLACEHOLDERS:
                    return (f"unknown placeholder {{{holder}}} in {word!r}; expected "
                            + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
            if word.startswith("{paper}/") and (message := _inside(folder, word[len("{paper}/"):])):
                return message
    return None


def _file_name(value, what: str) -> str | None:
    if (not isinstance(value, str) or not value or "/" in value or "\\" in value or value in (".", "..")
            or PLACEHOLDER.search(value)):
        return f"expected a {what} (no folder: it is written into the package's outputs), got {_describe(value)}"
    return None


def _inside(folder: Path, relative: str) -> str | None:
    target = (folder / relative).resolve()
    if not target.is_file():
        return f"expected a file relative to PAPER.toml's folder, got {relative!r}: no such file ({target})"
    if folder.resolve() not in target.parents:
        return f"expected a file inside PAPER.toml's folder ({folder}), got {relative!r}"
    return None
