"""Dead time in the pixels against dead time in the model: ffmpeg ``freezedetect`` on rendered
chapter videos next to the holds check's still share (``scenes.checks``).

    .venv/bin/python bench/bench_holds.py out/trace-mnist-10k/1080p60
    .venv/bin/python bench/bench_holds.py build/test-render/trace-mnist-10k/480p15 --trace F

The folder is a render's output folder (it holds ``chapters/NN_slug.mp4``). freezedetect runs
with ``n=0.001`` (noise tolerance) and ``d=2`` (stretches of 2 s or more), the same minimum
stretch the model counts; the model runs the chapter with animations skipped on the trace
given (the shipped one by default). The model was sized to the speech lengths of the render
only if ``NNMATH_SPEECH_SECONDS`` points at the same file the render used; a silent render
(``--no-voice``) and the model without it agree on timing.

The model counts a change as motion from freezedetect's tolerance less what encoding adds
(``scenes.checks.ENCODER_NOISE``, calibrated here): measured on 720p30 renders with narration
(freezedetect / model): structure 9% / 12%, one_hot 36% / 42%, backprop 44% / 44%,
results 36% / 33%.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

FREEZE = "freezedetect=n=0.001:d=2"


def frozen_share(video):
    """(share of the video that freezedetect finds still, the video's length in seconds)."""
    from lecture.probe import duration

    run = subprocess.run(["ffmpeg", "-v", "info", "-nostats", "-i", str(video), "-vf", FREEZE,
                          "-map", "0:v", "-f", "null", "-"], capture_output=True, text=True,
                         check=True)
    length = duration(video)
    starts = [float(x) for x in re.findall(r"freeze_start: ([\d.]+)", run.stderr)]
    ends = [float(x) for x in re.findall(r"freeze_end: ([\d.]+)", run.stderr)]
    ends += [length] * (len(starts) - len(ends))  # frozen until the end
    still = sum(e - s for s, e in zip(starts, ends))
    return still / length if length else 0.0, length


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder", type=Path, help="a render's output folder (with chapters/)")
    p.add_argument("--trace", default=str(ROOT / "assets" / "trace-mnist-10k.npz"))
    args = p.parse_args(argv)
    from scenes.chapters import CHAPTERS
    from scenes.checks import check_chapter

    videos = {v.stem[3:]: v for v in sorted((args.folder / "chapters").glob("[0-9][0-9]_*.mp4"))}
    if not videos:
        sys.exit(f"{args.folder}/chapters has no chapter videos: render first (./render.sh)")
    print(f"{'chapter':<16} {'length':>7} {'freezedetect':>12} {'model':>6} {'ratio':>6}")
    rows = []
    with tempfile.TemporaryDirectory() as media:
        for chapter in CHAPTERS:
            if chapter.slug not in videos:
                continue
            pixels, length = frozen_share(videos[chapter.slug])
            model = check_chapter(chapter, args.trace, media).still_share()
            rows.append((pixels, model, length))
            ratio = pixels / model if model else float("nan")
            print(f"{chapter.slug:<16} {length:6.1f}s {pixels:11.0%} {model:6.0%} {ratio:6.2f}",
                  flush=True)
    total = sum(r[2] for r in rows)
    pixels = sum(r[0] * r[2] for r in rows) / total
    model = sum(r[1] * r[2] for r in rows) / total
    print(f"{'whole':<16} {total:6.1f}s {pixels:11.0%} {model:6.0%} {pixels / model:6.2f}")


if __name__ == "__main__":
    main()
