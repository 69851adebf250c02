"""Each item of a paper as a command: the words the author's run used and
the same words in the package's main script (run_all.sh).

A word is a tuple of parts, each ``(False, text)`` or ``(True, name)`` for a
placeholder: ``relocsim``, ``python``, ``outputs`` (where outputs go),
``inputs`` (the copied inputs' root) and ``paper`` (the paper's programs).
"""

from __future__ import annotations

import shlex

from .paper import PLACEHOLDER, Item, command_words

Word = tuple

# What the main script writes for each placeholder.
BASH = {"relocsim": '"$RELOCSIM"', "python": '"$PYTHON"', "outputs": '"$OUT"', "inputs": '"$HERE/inputs"',
        "paper": '"$HERE/programs"'}


def literal(text: str) -> Word:
    return ((False, text),)


def under(name: str, relative: str) -> Word:
    return ((True, name), (False, "/" + relative))


def template(text: str) -> Word:
    """A word of a figure's or table's command, its placeholders parsed."""
    parts, at = [], 0
    for m in PLACEHOLDER.finditer(text):
        if m.start() > at:
            parts.append((False, text[at:m.start()]))
        parts.append((True, m.group(1)))
        at = m.end()
    if at < len(text):
        parts.append((False, text[at:]))
    return tuple(parts) or literal("")


def expand(word: Word, values: dict[str, str]) -> str:
    return "".join(values[text] if var else text for var, text in word)


def bash(word: Word) -> str:
    """The word as the main script writes it, quoted for bash."""
    return "".join(BASH[text] if var else shlex.quote(text) for var, text in word)


def computation_words(item: Item, file_word, output_word) -> list[Word]:
    """relocsim's command line for a run, sweep, comparison or calibration.
    ``file_word(key)`` gives the word of an input file named by ``key`` of
    the item, ``output_word(name)`` that of an output file."""
    v = item.values
    words: list[Word] = [((True, "relocsim"),)]
    if item.kind == "run":
        words += [literal("run"), file_word("config")]
    elif item.kind == "sweep":
        words += [literal("sweep"), file_word("definition")]
    elif item.kind == "compare":
        words += [literal("compare"), file_word("a"), file_word("b"),
                  literal("--replications"), literal(str(v["replications"]))]
    else:
        words += [literal("calibrate"), file_word("definition")]
    words += [literal("-o"), output_word(item.outputs[0])]
    if "seed" in v:
        words += [literal("--seed"), literal(str(v["seed"]))]
    for override in v.get("set", []):
        words += [literal("--set"), literal(override)]
    if v.get("pli_counterfactual"):
        words.append(literal("--pli-counterfactual"))
    if "threads" in v:
        words += [literal("--threads"), literal(str(v["threads"]))]
    words.append(literal("-q"))
    return words


def product_words(item: Item) -> list[Word]:
    return [template(w) for w in command_words(item.values["command"])]
