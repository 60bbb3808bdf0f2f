"""Shared fixtures: the real data sets, found the way a user's machine finds them.

MNIST comes from ``NNMATH_DATA`` or the ``shared/data`` folder beside the
repository; Fashion-MNIST from Debian's ``dataset-fashion-mnist``. Without
them the data tests skip, except in CI (``CI=true``), where a missing data
set is a failure: CI must run them.
"""

import os
from pathlib import Path

import pytest

from nnmath.data import load_dataset
from nnmath.errors import DataError

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def data_dir():
    return os.environ.get("NNMATH_DATA") or (str(SHARED_DATA) if SHARED_DATA.is_dir() else None)


def need_dataset(name):
    """Load a data set or skip (fail in CI) with the loader's own message."""
    try:
        return load_dataset(name, data_dir())
    except DataError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {name}: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def mnist10k():
    return need_dataset("mnist-10k")


@pytest.fixture(scope="session")
def fashion():
    return need_dataset("fashion-mnist")
