"""How long rendering takes per second of video, per chapter and for the whole video.

    .venv/bin/python bench/bench_render.py                  # -ql and -qh, every chapter
    .venv/bin/python bench/bench_render.py -q l --chapters cost,bias
    .venv/bin/python bench/bench_render.py --breakdown      # drawing vs encoding
    .venv/bin/python bench/bench_render.py --variant manim  # manim's default encoding
    .venv/bin/python bench/bench_render.py --jobs 1,2 -q l --chapters one_hot,one_neuron

``--jobs 1,2`` renders the chapters through ``render.sh``'s own code (``python -m
lecture.render --force --no-voice``) once per ``-j`` value, times each, reports the ratio
against the first and whether every chapter video is byte-identical to the first run's.

Each chapter is rendered from scratch (``--disable_caching``) in a scratch media folder
(``build/bench-media``; LaTeX's SVGs stay cached there, as they do for a real render).
Both wall time and CPU time are printed: on a shared machine, wall time includes waiting
for the CPU, so CPU time is the steadier figure. ``--breakdown`` also renders with
``--dry_run`` (every frame drawn, nothing encoded): the difference is the encoding.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

from lecture.chapter_render import ENCODER_OPTIONS, MANIM_EXTRA, manim_command, manim_output
from lecture.probe import duration
from lecture.quality import QUALITIES

# Encoder settings to compare: (x264 options, extra manim flags)
VARIANTS = {
    "ours": (ENCODER_OPTIONS, MANIM_EXTRA),  # what render.sh uses
    "manim": ((), ()),  # manim's own: libx264 crf 23, preset medium, one encoder at a time
    "veryfast": (("preset=veryfast",), ("--max-inflight-encoders", "2")),
}


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def render_once(chapter, quality, media_dir, trace, variant, dry_run=False):
    """(wall seconds, CPU seconds) of one uncached render of ``chapter``."""
    options, extra = VARIANTS[variant]
    flags = ["--disable_caching"] + (["--dry_run"] if dry_run else [])
    cmd = manim_command(chapter, quality, media_dir, extra=flags, encoder_options=options,
                        manim_extra=extra)
    env = {**os.environ, "NNMATH_TRACE": str(Path(trace).resolve())}
    cpu0, t0 = children_cpu(), time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    if run.returncode != 0:
        sys.exit(f"{chapter.file}: manim failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    return wall, cpu


def compare_jobs(jobs, quality, chapters, trace):
    """Wall time of ``lecture.render -j N`` for each N, and byte-identical chapter videos."""
    import hashlib

    base = None
    print(f"{len(chapters)} chapters at {QUALITIES[quality].folder}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    for n in jobs:
        out = ROOT / "build" / f"bench-jobs-{n}"
        cmd = [sys.executable, "-m", "lecture.render", "-q", quality, "--chapters",
               ",".join(c.slug for c in chapters), "--trace", trace, "--force", "--no-voice",
               "-j", str(n), "--out", str(out)]
        t0 = time.perf_counter()
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        if run.returncode != 0:
            sys.exit(f"-j {n} failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
        videos = sorted((out / Path(trace).stem / QUALITIES[quality].folder / "chapters")
                        .glob("*.mp4"))
        digests = [hashlib.sha256(v.read_bytes()).hexdigest() for v in videos]
        if base is None:
            base = (wall, digests)
        same = "yes" if digests == base[1] else "NO"
        print(f"-j {n}: {wall:7.1f} s wall, {base[0] / wall:5.2f}x the -j {jobs[0]} speed; "
              f"chapter videos byte-identical to -j {jobs[0]}: {same}", flush=True)


def main(argv=None):
    from scenes.chapters import CHAPTERS, by_slug

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-q", "--qualities", default="l,h", help="comma separated: l,m,h,k")
    p.add_argument("--chapters", help="slugs or numbers, comma separated (default: all present)")
    p.add_argument("--trace", default="assets/trace-mnist-10k.npz")
    p.add_argument("--variant", choices=sorted(VARIANTS), default="ours")
    p.add_argument("--breakdown", action="store_true", help="also a --dry_run render")
    p.add_argument("--json", help="write the measurements here too")
    p.add_argument("--jobs", help="compare render.sh -j values instead, e.g. 1,2")
    args = p.parse_args(argv)
    os.chdir(ROOT)
    chapters = ([by_slug(s) for s in args.chapters.split(",")] if args.chapters
                else [c for c in CHAPTERS if Path(c.file).exists()])
    if args.jobs:
        compare_jobs([int(n) for n in args.jobs.split(",")], args.qualities.split(",")[0],
                     chapters, args.trace)
        return 0
    media = ROOT / "build" / "bench-media"
    rows = []
    print(f"variant {args.variant}; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f} at the start")
    head = f"{'chapter':<20} {'q':>7} {'video s':>8} {'wall s':>7} {'wall/s':>7} {'cpu/s':>6}"
    print(head + ("  draw cpu/s  encode cpu/s" if args.breakdown else ""), flush=True)
    for q in args.qualities.split(","):
        quality = QUALITIES[q]
        totals = [0.0, 0.0, 0.0, 0.0]
        for ch in chapters:
            wall, cpu = render_once(ch, quality, media, args.trace, args.variant)
            video, _ = manim_output(ch, quality, media)
            secs = duration(video)
            row = {"chapter": ch.slug, "quality": quality.folder, "video_s": secs,
                   "wall_s": wall, "cpu_s": cpu, "variant": args.variant}
            line = (f"{ch.number:02d} {ch.slug:<17} {quality.folder:>7} {secs:8.1f} {wall:7.1f} "
                    f"{wall / secs:7.2f} {cpu / secs:6.2f}")
            if args.breakdown:
                _, dry_cpu = render_once(ch, quality, media, args.trace, args.variant, True)
                row["dry_run_cpu_s"] = dry_cpu
                line += f"  {dry_cpu / secs:11.2f}  {(cpu - dry_cpu) / secs:12.2f}"
                totals[3] += dry_cpu
            print(line, flush=True)
            rows.append(row)
            totals[0] += secs
            totals[1] += wall
            totals[2] += cpu
        secs, wall, cpu, dry = totals
        line = (f"{'whole video':<20} {quality.folder:>7} {secs:8.1f} {wall:7.1f} "
                f"{wall / secs:7.2f} {cpu / secs:6.2f}")
        if args.breakdown:
            line += f"  {dry / secs:11.2f}  {(cpu - dry) / secs:12.2f}"
        print(line, flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
