"""Number formatting shared by every chapter's pictures, narration and handout.

One module so a number reads the same on screen, in the subtitles and on the
handout. Pure Python, no manim.
"""

import math


def fmt(x, digits=2):
    """A float with ``digits`` decimals: ``fmt(0.12345, 3) == '0.123'``; never ``-0.00``."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"cannot format {x!r}: not a finite number")
    text = f"{x:.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text


def fmt_int(n):
    """An integer with thousands separators: ``fmt_int(60000) == '60,000'``."""
    if float(n) != int(n):
        raise ValueError(f"cannot format {n!r} as an integer")
    return f"{int(n):,}"


def fmt_pct(fraction, digits=1):
    """A fraction as a percentage: ``fmt_pct(0.8862) == '88.6%'``."""
    return f"{fmt(100.0 * float(fraction), digits)}%"


def fmt_shape(shape):
    """A NumPy shape as Python prints it: ``(20, 784)``, ``(784,)``."""
    shape = tuple(int(s) for s in shape)
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(s) for s in shape) + ")"


def fmt_sci(x, digits=2):
    """Scientific notation for very small or large magnitudes: ``1.23e-04``."""
    return f"{float(x):.{digits}e}"


def fmt_rate(x):
    """A learning rate as people write one, with no trailing zeros: ``0.003``, ``30``."""
    x = float(x)
    if not math.isfinite(x) or x <= 0:
        raise ValueError(f"cannot format {x!r} as a learning rate")
    return f"{x:g}"
