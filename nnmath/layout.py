"""One check shared by the trace loader and the beyond runs' validator: keys, shapes, dtypes."""


def check_layout(arrays, shapes, fail, int_keys=(), any_kind=(), missing_hint=""):
    """Call ``fail(key, what)`` unless every key in ``shapes`` is present with that shape.

    Keys in ``int_keys`` must hold integers, keys in ``any_kind`` may hold anything,
    every other key floating-point numbers.
    """
    for key, shape in shapes.items():
        if key not in arrays:
            fail(key, "is missing" + missing_hint)
        arr = arrays[key]
        if arr.shape != shape:
            fail(key, f"has shape {arr.shape}, expected {shape}")
        if key in int_keys:
            if arr.dtype.kind not in "iu":
                fail(key, f"must hold integers, holds {arr.dtype}")
        elif key not in any_kind and arr.dtype.kind != "f":
            fail(key, f"must hold floating-point numbers, holds {arr.dtype}")
