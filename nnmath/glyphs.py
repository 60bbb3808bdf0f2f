"""Which characters the video's font can draw, read from the font file itself.

The video sets every text in DejaVu Sans (``scenes.theme.FONT``, Debian's
``fonts-dejavu-core``). A character the font has no glyph for renders blank or as a
box, so the trace schema refuses class names holding one (:func:`missing_glyphs`).
The font's ``cmap`` table is read here directly (formats 4 and 12), with no font
library: nnmath depends on NumPy only.
"""

import functools
import shutil
import struct
import subprocess
from pathlib import Path

#: The regular and bold faces every text uses (labels, titles), where Debian installs them.
FONT_FILES = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
              Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
FONT_NAME = "DejaVu Sans"


def _font_files():
    files = [f for f in FONT_FILES if f.is_file()]
    if len(files) == len(FONT_FILES) or shutil.which("fc-match") is None:
        return files
    found = []
    for style in ("Book", "Bold"):  # installed elsewhere: ask fontconfig
        run = subprocess.run(["fc-match", "-f", "%{file}", f"{FONT_NAME}:style={style}"],
                             capture_output=True, text=True, check=False)
        path = Path(run.stdout.strip())
        if run.returncode == 0 and FONT_NAME.replace(" ", "") in path.name and path.is_file():
            found.append(path)
    return found


@functools.cache
def font_coverage():
    """The code points every face of the video's font maps to a glyph, or None when the
    font is not installed (then nothing can be checked; the render refuses to start)."""
    files = _font_files()
    if not files:
        return None
    sets = [cmap_coverage(f.read_bytes()) for f in files]
    return frozenset.intersection(*sets)


def missing_glyphs(text):
    """The characters of ``text`` the video's font cannot draw (spaces always can)."""
    covered = font_coverage()
    if covered is None:
        return []
    return sorted({ch for ch in text if ch != " " and ord(ch) not in covered})


def cmap_coverage(font):
    """The code points a TrueType/OpenType font (bytes) maps to a real glyph."""
    num_tables = struct.unpack_from(">H", font, 4)[0]
    cmap = None
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        raise ValueError("the font has no cmap table")
    n = struct.unpack_from(">H", font, cmap + 2)[0]
    subtables = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables:
            start = subtables[key]
            fmt = struct.unpack_from(">H", font, start)[0]
            if fmt == 12:
                return _format12(font, start)
            if fmt == 4:
                return _format4(font, start)
    raise ValueError("the font has no Unicode cmap of format 4 or 12")


def _format12(font, start):
    groups = struct.unpack_from(">I", font, start + 12)[0]
    points = set()
    for g in range(groups):
        first, last, glyph = struct.unpack_from(">III", font, start + 16 + 12 * g)
        points.update(range(first + (glyph == 0), last + 1))
    return frozenset(points)


def _format4(font, start):
    seg = struct.unpack_from(">H", font, start + 6)[0] // 2
    ends = struct.unpack_from(f">{seg}H", font, start + 14)
    starts = struct.unpack_from(f">{seg}H", font, start + 16 + 2 * seg)
    deltas = struct.unpack_from(f">{seg}h", font, start + 16 + 4 * seg)
    range_at = start + 16 + 6 * seg
    offsets = struct.unpack_from(f">{seg}H", font, range_at)
    points = set()
    for i in range(seg):
        for c in range(starts[i], ends[i] + 1):
            if c == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (c + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + offsets[i] + 2 * (c - starts[i])
                glyph = struct.unpack_from(">H", font, at)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                points.add(c)
    return frozenset(points)
