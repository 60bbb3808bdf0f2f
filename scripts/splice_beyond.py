"""Re-record only the beyond runs of an existing trace, keeping its main run byte-identical.

    NNMATH_DATA=/work/shared/data python scripts/splice_beyond.py OLD.npz NEW.npz mnist-10k

Why: the beyond runs (``nnmath.experiments.record_beyond``) changed while the main training
run did not, and re-recording the whole trace would be slower and could only risk the arrays
every other chapter reads. The old file is read with plain NumPy (not ``load_trace``: its
beyond part may no longer match the schema); the new one is written with ``save_trace``, which
validates it. Afterwards every non-beyond array is compared with the old file and the script
fails unless all are equal; it also says which beyond arrays came out unchanged.
"""

import json
import sys

import numpy as np

from nnmath.data import load_dataset
from nnmath.experiments import beyond_meta, record_beyond
from nnmath.trace import load_trace, save_trace


def identical(a, b):
    """Same dtype, shape and bytes (NaNs included)."""
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def main(old_path, new_path, dataset_name):
    with np.load(old_path, allow_pickle=False) as f:
        old = {k: f[k] for k in f.files if k != "meta"}
        meta = json.loads(str(f["meta"]))
    dataset = load_dataset(dataset_name)
    seed = int(meta["seed"])
    beyond = record_beyond(dataset, seed, progress=True)
    arrays = {k: v for k, v in old.items() if not k.startswith("beyond_")}
    arrays.update(beyond)
    meta = dict(meta, beyond=beyond_meta(beyond, seed, dataset.n_train))
    save_trace(new_path, arrays, meta)

    new = load_trace(new_path)
    main_keys = [k for k in old if not k.startswith("beyond_")]
    changed = [k for k in main_keys if not identical(old[k], new[k])]
    if changed:
        sys.exit(f"main-run arrays changed: {changed}")
    print(f"{len(main_keys)} main-run arrays byte-identical")
    same = sorted(k for k in beyond if k in old and identical(old[k], new[k]))
    print("beyond arrays unchanged:", ", ".join(same))
    print("beyond arrays new or changed:", ", ".join(sorted(set(beyond) - set(same))))


if __name__ == "__main__":
    main(*sys.argv[1:4])
