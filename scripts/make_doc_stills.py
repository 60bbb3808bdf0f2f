"""Write the README's stills, ``docs/stills/<slug>_<still>.png`` (960 x 540), from the shipped
trace: every chapter run with animations skipped, each key frame taken where the chapter marks
it. Run after a change to what a chapter shows::

    .venv/bin/python scripts/make_doc_stills.py [slug ...]
"""

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from nnmath.atomic import write_atomic  # noqa: E402
from scenes.chapters import CHAPTERS, by_slug  # noqa: E402
from scenes.run import run_scene  # noqa: E402

SIZE = {"pixel_width": 960, "pixel_height": 540, "frame_rate": 15}
TRACE = ROOT / "assets" / "trace-mnist-10k.npz"
OUT = ROOT / "docs" / "stills"


def main(slugs):
    chapters = [by_slug(s) for s in slugs] if slugs else list(CHAPTERS)
    OUT.mkdir(parents=True, exist_ok=True)
    for chapter in chapters:
        frames = {}
        with tempfile.TemporaryDirectory() as media:
            run_scene(chapter, TRACE, Path(media), frames=frames, frame_size=SIZE)
        for name, frame in frames.items():
            path = OUT / f"{chapter.slug}_{name}.png"
            png = io.BytesIO()
            Image.fromarray(frame).save(png, format="PNG")
            write_atomic(path, png.getvalue())
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
