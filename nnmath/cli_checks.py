"""Checks of the command line's values, run by argparse at parse time.

Each function is an argparse ``type=``: it returns the parsed value or raises
``argparse.ArgumentTypeError`` naming the valid range, so a bad setting ends
with one line and exit status 2 before any data is read or any training runs.
"""

import argparse
import math
import os
from pathlib import Path

#: Upper bounds that keep a typo from asking for years of training or terabytes of memory.
MAX_EPOCHS = 100_000
MAX_BATCH = 1_000_000
MAX_HIDDEN = 100_000
MAX_SEED = 2**63 - 1


def _int(text):
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def int_in(lo, hi):
    """An integer in [lo, hi]."""
    def parse(text):
        value = _int(text)
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is out of range: must be {lo} to {hi:,}")
        return value
    parse.__name__ = f"integer {lo}..{hi}"
    return parse


def positive_rate(text):
    """A learning rate: a finite number above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text} is out of range: must be a finite number above 0")
    return value


def hidden_sizes(text):
    """Hidden layer sizes, comma separated, each 1 to MAX_HIDDEN: ``20`` or ``512,256``."""
    parts = [p.strip() for p in text.split(",")]
    if not text.strip() or any(not p for p in parts):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give one or more layer sizes, comma separated, e.g. 20 or 512,256")
    check = int_in(1, MAX_HIDDEN)
    return [check(p) for p in parts]


def output_file(text):
    """A file to write: not a folder, and in a folder that exists (or can be made) and is writable."""
    path = Path(text)
    if not text or text.endswith(os.sep) or path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder; give a file name, e.g. "
                                         f"{os.path.join(text or '.', 'result')}")
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"{text!r}: cannot write in {parent}")
    return text
