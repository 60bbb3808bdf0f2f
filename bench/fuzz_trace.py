"""Count what the trace loader does with N structural mutants of the shipped trace.

    .venv/bin/python bench/fuzz_trace.py --cases 3000

Each mutant (``bench/trace_mutations.py``, shared with the tests) is written as a real .npz and loaded.
It prints how many were tried, refused with a TraceError, accepted, and, the
two numbers that must be 0: raw exceptions of the loader, and accepted traces
on which ``nnmath inspect``'s description or a chapter's text step raised.
"""

import argparse
import collections
import copy
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from trace_mutations import ARRAYS0, META0, MUTATIONS, accepted_trace_works, apply, write_stored

from nnmath.errors import TraceError
from nnmath.trace import load_trace


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=3000)
    args = p.parse_args()
    counts = collections.Counter()
    raw, after = collections.Counter(), collections.Counter()
    examples = {}
    folder = Path(tempfile.mkdtemp(prefix="fuzz-trace-"))
    path = folder / "fuzz.npz"
    t0 = time.perf_counter()

    @settings(max_examples=args.cases, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(mutations=MUTATIONS)
    def one(mutations):
        arrays, meta = dict(ARRAYS0), copy.deepcopy(META0)
        for m in mutations:
            apply(m, arrays, meta)
        write_stored(path, arrays, meta)
        counts["tried"] += 1
        if counts["tried"] % 250 == 0:
            print(f"  {counts['tried']} cases ...", file=sys.stderr, flush=True)
        try:
            trace = load_trace(path)
        except TraceError:
            counts["refused"] += 1
            return
        except Exception as exc:  # noqa: BLE001 - counting what escapes is the point
            where = traceback.extract_tb(exc.__traceback__)[-1]
            name = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
            raw[name] += 1
            examples.setdefault(name, mutations)
            return
        counts["accepted"] += 1
        try:
            accepted_trace_works(trace, path)
        except Exception as exc:  # noqa: BLE001
            where = traceback.extract_tb(exc.__traceback__)[-1]
            name = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
            after[name] += 1
            examples.setdefault(name, mutations)

    one()
    path.unlink(missing_ok=True)
    folder.rmdir()
    print(f"{counts['tried']} cases in {time.perf_counter() - t0:.0f} s: {counts['refused']} "
          f"refused with one TraceError, {counts['accepted']} accepted")
    print(f"raw exceptions while loading: {sum(raw.values())}")
    for name, n in raw.most_common():
        print(f"  {n:5d}  {name}  e.g. {examples[name]}")
    print(f"accepted but inspect or a chapter's text step failed: {sum(after.values())}")
    for name, n in after.most_common():
        print(f"  {n:5d}  {name}  e.g. {examples[name]}")
    return 1 if raw or after else 0


if __name__ == "__main__":
    sys.exit(main())
