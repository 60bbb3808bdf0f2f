"""Make ``examples/digits-4/``: a small folder of real handwriting to try ``--images`` on.

The source is the handwritten digits data set bundled with scikit-learn
(``sklearn.datasets.load_digits``: the UCI "Optical Recognition of Handwritten Digits"
test set, 1,797 digits of 8 x 8 pixels, 0..16, written by 43 people). This takes the first
40 of each of four digits, upscales each to 32 x 32 (Pillow, bicubic) and writes it as dark
ink on white paper, as a scan or a photo would be, so the folder also exercises the
inversion rule. The output is the same bytes on every run.

    .venv/bin/pip install scikit-learn      # only to re-make the folder
    .venv/bin/python scripts/make_example_images.py [--out examples/digits-4]
"""

import argparse
import shutil
from pathlib import Path

import numpy as np

#: digit -> class folder name
CLASSES = {0: "zero", 1: "one", 4: "four", 7: "seven"}
PER_CLASS = 40
SIDE = 32


def main(argv=None):
    from PIL import Image
    from sklearn.datasets import load_digits

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "examples"
                                        / "digits-4"))
    args = p.parse_args(argv)
    out = Path(args.out)
    digits = load_digits()
    if out.exists():
        shutil.rmtree(out)
    for digit, name in CLASSES.items():
        folder = out / name
        folder.mkdir(parents=True)
        chosen = np.flatnonzero(digits.target == digit)[:PER_CLASS]
        for k, i in enumerate(chosen):
            ink = digits.images[i] / 16.0                      # 0 (paper) .. 1 (ink)
            paper = np.round(255 * (1 - ink)).astype(np.uint8)  # dark ink on white
            im = Image.fromarray(paper, mode="L").resize((SIDE, SIDE), Image.Resampling.BICUBIC)
            im.save(folder / f"{name}-{k + 1:02d}.png", format="PNG", optimize=True)
    n = sum(1 for _ in out.rglob("*.png"))
    print(f"wrote {n} images in {len(CLASSES)} classes to {out}")


if __name__ == "__main__":
    main()
