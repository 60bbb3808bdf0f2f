"""``python -m lecture.render``: the whole job behind ``./render.sh``.

Make sure a valid trace exists, render every chapter (reusing unchanged ones), stitch them
into one video with chapter marks, then write the lecture material from the same render:
stills and a contact sheet, subtitles, an offline slide deck and its PDF, the handout,
optionally a narration track, and a summary of what was written where.
"""

import argparse
import errno
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import deps, workdir
from .errors import LectureError
from .files import prune, write_atomic
from .marks import load_marks
from .quality import QUALITIES

ROOT = Path(__file__).absolute().parent.parent
DEFAULT_TRACE = Path("assets/trace-mnist-10k.npz")
PROJECT = "nn-from-scratch"


#: ``nnmath record``'s training and schedule options, passed through by ``--record`` (checked
#: by ``nnmath record`` itself, before anything trains: one line and exit 2 when out of range).
RECORD_OPTIONS = (
    ("--hidden", "N", "hidden neurons, 1 to 256 (default 20)"),
    ("--learn-rate", "RATE", "0.0001 to 10 (default 0.01)"),
    ("--epochs", "N", "1 to 20 (default 3)"),
    ("--order", "ORDER", "correct (default) or reference"),
    ("--first", "N", "record every one of the first N steps (default 10)"),
    ("--log-points", "N", "log-spaced recorded steps after those (default 16)"),
    ("--curve-every", "N", "samples per curve point"),
)


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="render.sh", description="Render the video and the lecture "
                                "material (stills, slides, subtitles, handout) from a trace.")
    p.add_argument("-q", "--quality", choices=sorted(QUALITIES), default="h",
                   help="l 480p15, m 720p30, h 1080p60 (default), k 2160p60")
    p.add_argument("--trace", type=nonempty("a trace file (.npz)"),
                   help="render this trace instead of the shipped one "
                   "(default: $NNMATH_TRACE, else assets/trace-mnist-10k.npz)")
    p.add_argument("--record", action="store_true",
                   help="record a fresh trace from the data set first and render that")
    rec = p.add_argument_group("recording (with --record; the same options as `nnmath record`, "
                               "defaults the reference's)")
    rec.add_argument("--dataset", type=dataset_name,
                     help="data set for --record (default: mnist-10k)")
    rec.add_argument("--images", metavar="DIR", type=nonempty("a folder"),
                     help="record from your own image folder: one subfolder of PNG/JPEG images "
                     "per class, 2 to 26 classes")
    rec.add_argument("--data-dir", type=nonempty("a folder"),
                     help="data folder for --record (default: $NNMATH_DATA, ...)")
    rec.add_argument("--seed", type=int, help="seed for --record (default: 0)")
    for flag, metavar, text in RECORD_OPTIONS:
        rec.add_argument(flag, metavar=metavar, help=text)
    p.add_argument("--chapters", type=chapter_spec, help="render only these chapters (slugs "
                   "or numbers, comma separated)")
    p.add_argument("--no-voice", dest="voice", action="store_false",
                   help="a silent video (by default it is narrated, see docs/render.md)")
    p.add_argument("--voice", dest="voice", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("-j", "--jobs", type=job_count, default=os.cpu_count() or 1,
                   help="render this many chapters at once (default: the machine's cores, "
                   f"{os.cpu_count()} here); the videos are the same bytes at any -j")
    p.add_argument("--out", type=nonempty("a folder"),
                   help="output folder (default: out/ in the repository)")
    p.add_argument("--force", action="store_true", help="re-render even unchanged chapters")
    args = p.parse_args(argv)
    check_combinations(p, args)
    return args


#: The options that only say how to record: they do nothing without --record.
RECORD_ONLY = (("dataset", "--dataset"), ("images", "--images"), ("data_dir", "--data-dir"),
               ("seed", "--seed"),
               *((flag[2:].replace("-", "_"), flag) for flag, _, _ in RECORD_OPTIONS))


def check_combinations(parser, args):
    """Refuse options that would be silently ignored: the recording's settings without
    ``--record``, and ``--trace`` with ``--record`` (which renders the trace it records)."""
    if args.record and args.trace is not None:
        parser.error("--trace and --record do not go together: --record renders the trace "
                     "it records; drop one of them")
    if not args.record:
        given = [flag for name, flag in RECORD_ONLY if getattr(args, name) is not None]
        if given:
            parser.error(f"{given[0]} only applies with --record (it says how to record a "
                         f"fresh trace); add --record, or drop {given[0]}")
    if args.images is not None and args.dataset is not None:
        parser.error("--dataset and --images do not go together: record from a data set or "
                     "from your image folder; drop one of them")
    if args.dataset is None and args.images is None:
        args.dataset = "mnist-10k"
    if args.seed is None:
        args.seed = 0


def dataset_name(text):
    """``--dataset``, checked while parsing: one of nnmath's data sets."""
    from nnmath.data import DATASET_NAMES

    if text not in DATASET_NAMES:
        raise argparse.ArgumentTypeError(f"{text!r} is not a data set; choose one of "
                                         f"{', '.join(DATASET_NAMES)}")
    return text


def nonempty(what):
    """An option's value that must not be empty (``--trace "$UNSET"`` is a mistake, not a
    request for the default)."""
    def parse(text):
        if not text.strip():
            raise argparse.ArgumentTypeError(f"empty value; give {what}, or leave the "
                                             "option out for the default")
        return text
    parse.__name__ = what
    return parse


def job_count(text):
    """``-j``, checked while parsing: a whole number of chapters at once, at least 1."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of chapters to render at "
                                         "once (1 or more)")
    return n


def chapter_spec(spec):
    """``--chapters``, checked while parsing: every item names a chapter."""
    from scenes.chapters import CHAPTERS, by_slug

    valid = (f"1-{len(CHAPTERS)} or {', '.join(c.slug for c in CHAPTERS)}")
    items = [s.strip() for s in spec.split(",")]
    if not any(items):
        raise argparse.ArgumentTypeError(f"no chapter named in {spec!r}; chapters: {valid}")
    for item in filter(None, items):
        try:
            by_slug(item)
        except KeyError:
            raise argparse.ArgumentTypeError(
                f"{item!r} is not a chapter; chapters: {valid}") from None
    return spec


def from_caller(args, caller):
    """Make the paths the user gave (options, NNMATH_TRACE, NNMATH_DATA) absolute against
    the directory the command was run from, since the render runs in the repository."""
    for name in ("trace", "out", "data_dir", "images"):
        value = getattr(args, name)
        if value:
            setattr(args, name, str(Path(caller, value)))
    for var in ("NNMATH_TRACE", "NNMATH_DATA"):
        if os.environ.get(var):
            os.environ[var] = str(Path(caller, os.environ[var]))


def os_error_message(exc, out_root):
    """One line for a file-system error (a full disk, no permission...)."""
    where = exc.filename2 or exc.filename or out_root  # a copy names its source first
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"no space left on the device while writing {where}; free some space there "
                "or render into another --out (nothing half-written was kept)")
    return f"{where}: {exc.strerror or exc}"


def say(msg=""):
    print(msg, flush=True)


# ------------------------------------------------------------------------------- the trace

def record_trace(args, out_root):
    """Run ``nnmath record`` into ``<out>/traces/``; return the new trace's path."""
    cmd, path, what = record_command(args, out_root)
    say(f"recording a fresh trace from {what} into {path}")
    if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
        raise LectureError("recording the trace failed (see above); nothing was rendered")
    return path


def record_command(args, out_root):
    """(the ``nnmath record`` command, the trace it writes, what it records from)."""
    from nnmath.cli import default_trace_path

    if args.images:
        source = ["--images", args.images]
        folder = Path(args.images).name or "folder"
        name = "images-" + "".join(c if c.isalnum() or c in "-_." else "_" for c in folder)
    else:
        source = ["--dataset", args.dataset or "mnist-10k"]
        name = args.dataset or "mnist-10k"
    try:
        rate = float(args.learn_rate) if args.learn_rate is not None else None
    except ValueError:
        rate = None  # nnmath record refuses it with one line

    def whole(text):
        return int(text) if text is not None and text.strip().isdigit() else None

    file = Path(default_trace_path(name, args.seed, whole(args.hidden), rate,
                                   whole(args.epochs))).name
    path = Path(out_root) / "traces" / file
    cmd = [sys.executable, "-m", "nnmath", "record", *source,
           "--seed", str(args.seed), "--out", str(path), "--quiet"]
    for flag, _, _ in RECORD_OPTIONS:
        value = getattr(args, flag[2:].replace("-", "_"))
        if value is not None:
            cmd += [flag, str(value)]
    if args.data_dir:
        cmd += ["--data-dir", args.data_dir]
    return cmd, path, " ".join(source[1:])


def resolve_trace(args, out_root):
    """The trace to render, loaded and validated."""
    from nnmath.errors import NnmathError
    from nnmath.trace import load_trace

    if args.record:
        path = record_trace(args, out_root)
    elif args.trace:
        path = Path(args.trace)
    else:
        path = Path(os.environ.get("NNMATH_TRACE") or DEFAULT_TRACE)
    if path.is_dir():
        raise LectureError(f"{path} is a folder, not a trace file; give a trace's .npz file "
                           "to --trace (e.g. assets/trace-mnist-10k.npz)")
    if not path.exists():
        hint = ("re-record it with ./render.sh --record" if path == DEFAULT_TRACE
                else "give an existing file to --trace, or use --record")
        raise LectureError(f"{path}: no such trace file; {hint}")
    try:
        trace = load_trace(path)
    except NnmathError as exc:
        raise LectureError(f"{path}: not a valid trace: {exc}; re-record it with "
                           "./render.sh --record") from exc
    return path.resolve(), trace


def video_name(trace_path, trace, quality, partial):
    """``nn-from-scratch_<data set>_seed<seed>_<quality>.mp4``, after the trace it shows."""
    stem = trace_path.stem.removeprefix("trace-")
    seed = f"seed{trace.meta['seed']}"
    if seed not in stem:
        stem = f"{stem}_{seed}"
    return f"{PROJECT}_{stem}_{quality.folder}{'_partial' if partial else ''}.mp4"


# ---------------------------------------------------------------------------- the chapters

def select_chapters(spec):
    from scenes.chapters import CHAPTERS, by_slug

    if not spec:
        return list(CHAPTERS)
    try:
        wanted = {by_slug(s.strip()).slug for s in spec.split(",") if s.strip()}
    except KeyError as exc:
        raise LectureError(str(exc.args[0])) from exc
    return [c for c in CHAPTERS if c.slug in wanted]


def render_all(chapters, args, quality, trace_path, out_dir):
    """Render the chapters, ``args.jobs`` at a time (each in its own manim process and media
    folder, so the videos are the same bytes at any ``-j``); results in chapter order.
    A failing chapter stops the run: chapters not started are dropped, running ones finish."""
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

    from .chapter_render import render_chapter

    media_root = ROOT / "build" / "media" / trace_path.stem

    def one(k, ch):
        label = f"[{k}/{len(chapters)}] {ch.number:02d} {ch.slug:<15}"
        say(f"{label} rendering at {quality.folder} ...")
        r = render_chapter(ch, root=ROOT, quality=quality, media_dir=media_root / ch.slug,
                           out_dir=out_dir, trace_path=trace_path, force=args.force)
        if r.reused:
            say(f"{label} reused: inputs unchanged since the last render "
                f"({r.duration:.1f} s of video)")
        else:
            cache = (f"; {r.cached_animations}/{r.animations} animations from manim's cache"
                     if r.cached_animations else "")
            say(f"{label} done: {r.duration:.1f} s of video in {r.render_seconds:.1f} s"
                f"{cache}")
        return r

    jobs = max(1, min(args.jobs, len(chapters)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(one, k, ch) for k, ch in enumerate(chapters, start=1)]
        _, pending = wait(futures, return_when=FIRST_EXCEPTION)
        for f in pending:
            f.cancel()
    for f in futures:  # the first failure in chapter order, once the running ones ended
        if f.done() and not f.cancelled() and f.exception() is not None:
            raise f.exception()
    return [f.result() for f in futures]


# --------------------------------------------------------------------------- the material

def write_material(results, texts, args, quality, trace_path, trace, out_dir, partial):
    """Everything after the chapter videos; returns {what: path} of what was written."""
    from . import pptx_deck, probe, slides, stills, subtitles, voice
    from .handout import write_handout
    from .stitch import chapter_spans, ffmetadata, mux_audio, stitch

    written = {}
    names = [f"{r.chapter.number:02d}_{r.chapter.slug}" for r in results]
    durations = [probe.video_duration(r.video) for r in results]
    spans = chapter_spans(durations)
    marks = [load_marks(r.marks_file) for r in results]
    title = "Neural network from scratch: every number from one training run"
    m = trace.meta
    subtitle = (f"trace {trace_path.name}: {m['dataset']}, {m['n_train']:,} training images, "
                f"seed {m['seed']}, {'-'.join(map(str, m['sizes']))} network")

    # subtitles, per chapter and for the whole video (same stem as the video)
    final = out_dir / video_name(trace_path, trace, quality, partial)
    all_lines = []
    for name, mk, d, (start, _), text in zip(names, marks, durations, spans, texts):
        lines = subtitles.timed_lines(text.narration, mk, duration=d, source=f"chapter {name}")
        write_atomic(out_dir / "subtitles" / f"{name}.srt", subtitles.to_srt(lines))
        all_lines += subtitles.timed_lines(text.narration, mk, offset=start, duration=d,
                                           source=f"chapter {name}")
    full_srt = out_dir / "subtitles" / f"{final.stem}.srt"
    write_atomic(full_srt, subtitles.to_srt(all_lines))
    prune(out_dir / "subtitles", [full_srt] + [out_dir / "subtitles" / f"{n}.srt" for n in names])
    written["subtitles"] = full_srt

    # narration: the whole track, and each chapter's part muxed into its own video
    audio, placed = None, []
    if args.voice:
        engine = voice.default_engine()
        say(f"narration: speaking the script with {engine} ...")
        cache = ROOT / "build" / "cache" / "speech"
        audio = out_dir / "voice" / "narration.wav"
        placed = voice.narrate(all_lines, spans[-1][1] if spans else 0.0, audio, cache, engine)
        for name, mk, d, r, text in zip(names, marks, durations, results, texts):
            lines = subtitles.timed_lines(text.narration, mk, duration=d, source=f"chapter {name}")
            wav = out_dir / "voice" / f"{name}.wav"
            voice.narrate(lines, d, wav, cache, engine)
            mux_audio(r.video, wav, r.video)
        prune(out_dir / "voice", [audio] + [out_dir / "voice" / f"{n}.wav" for n in names])
        written["narration"] = audio

    # the video
    chapters_meta = [(f"{r.chapter.number}. {r.chapter.title}", s, e)
                     for r, (s, e) in zip(results, spans)]
    meta = ffmetadata(title, chapters_meta, {"comment": subtitle, "artist": PROJECT})
    say(f"stitching {len(results)} chapters into {final} ...")
    stitch([r.video for r in results], meta, final, audio=audio)
    write_atomic(final.with_suffix(".srt"), subtitles.to_srt(all_lines))  # players load it
    written["video"] = final

    # stills and contact sheet
    still_items = {}
    for name, r, mk, d in zip(names, results, marks, durations):
        points = list(mk.stills) or [("end", d)]
        for still_name, t in points:
            png = out_dir / "stills" / f"{name}_{still_name}.png"
            stills.grab(r.video, stills.frame_time(t, quality.fps, d), png)
            still_items.setdefault(name, []).append((png, still_name))
    prune(out_dir / "stills", [p for items in still_items.values() for p, _ in items])
    sheet_items = [(p, f"{n[:2]} {n[3:]}: {s}") for n in names for p, s in still_items[n]]
    written["contact_sheet"] = stills.contact_sheet(sheet_items, out_dir / "contact-sheet.png")
    written["stills"] = out_dir / "stills"

    # one frame sheet per chapter: the picture at the end of every beat
    sheets = []
    for name, r, mk, d in zip(names, results, marks, durations):
        with tempfile.TemporaryDirectory(prefix="frames-") as work:  # in build/tmp
            sheets.append(stills.frame_sheet(r.video, mk, d, quality.fps,
                                             out_dir / "frame-sheets" / f"{name}.png", work,
                                             name[:2]))
    prune(out_dir / "frame-sheets", sheets)
    written["frame_sheets"] = out_dir / "frame-sheets"

    # slides
    deck = [{"number": r.chapter.number, "slug": r.chapter.slug, "title": r.chapter.title,
             "video": r.video, "stills": still_items[n],
             "beats": slides.beats(t.narration, mk, d, t.notes)}
            for n, r, t, mk, d in zip(names, results, texts, marks, durations)]
    written["slides"] = slides.write_deck(out_dir / "slides", title, subtitle, deck)
    written["pptx"] = pptx_deck.write_pptx(
        out_dir / "slides.pptx", title, subtitle,
        [{**c, "duration": d} for c, d in zip(deck, durations)], quality.fps,
        ROOT / "build" / "cache" / "beat-frames" / trace_path.stem / quality.folder)
    written["slides_pdf"] = slides.key_frames_pdf(
        [(p, f"{r.chapter.number}. {r.chapter.title}: {s}")
         for n, r in zip(names, results) for p, s in still_items[n]], out_dir / "slides.pdf")

    # handout
    pages = [{"number": r.chapter.number, "title": r.chapter.title,
              "still": still_items[n][0][0], "key_numbers": list(t.key_numbers),
              "formulas": list(t.formulas), "narration": [s for _, s in t.narration],
              "notes": [n for _, n in t.notes]}
             for n, r, t in zip(names, results, texts)]
    from scenes.glossary import GLOSSARY

    html_path, pdf_path = write_handout(out_dir / "handout", out_dir / "handout.pdf", title,
                                        subtitle, pages, ROOT / "build" / "cache" / "formulas",
                                        [(g.term, g.meaning) for g in GLOSSARY])
    written["handout"], written["handout_pdf"] = html_path, pdf_path
    return written, durations, placed


def speech_lengths(texts):
    """Synthesise every sentence (cached) and hand the lengths to the scenes, so each beat
    lasts as long as its sentence takes to speak (``NNMATH_SPEECH_SECONDS``)."""
    from . import voice

    engine = voice.default_engine()
    sentences = [s for t in texts for _, s in t.narration]
    say(f"narration: measuring {len(sentences)} sentences spoken by {engine} ...")
    path = voice.write_speech_seconds(sentences, ROOT / "build" / "cache" / "speech", engine,
                                      ROOT / "build" / "cache" / f"speech-seconds-{engine}.json")
    os.environ["NNMATH_SPEECH_SECONDS"] = str(path)
    return path


def voice_wpm():
    from .voice import WPM

    return WPM


def summarise(results, durations, written, placed, missing, out_dir, started, render_total):
    def rel(p):
        return os.path.relpath(p, ROOT)

    say("")
    say("summary")
    say(f"  {'chapter':<22} {'video s':>8} {'render s':>9}  status")
    for r, d in zip(results, durations):
        status = (f"reused (its render took {r.first_render_seconds:.1f} s)" if r.reused
                  else "rendered")
        if not r.reused and r.cached_animations:
            status += f" ({r.cached_animations}/{r.animations} from manim's cache)"
        say(f"  {r.chapter.number:02d} {r.chapter.slug:<19} {d:8.1f} {r.render_seconds:9.1f}  "
            f"{status}")
    total_video = sum(durations)
    elapsed = time.perf_counter() - started
    say(f"  {'total':<22} {total_video:8.1f} {render_total:9.1f}  "
        f"(whole run {elapsed:.1f} s)")
    if missing:
        say("  not there yet: " + ", ".join(f"{c.number:02d} {c.slug} ({c.file})"
                                            for c in missing))
    overlaps = [p for p in placed if p.overlap > 0.05]
    if placed:
        faster = sum(p.wpm > voice_wpm() for p in placed)
        say(f"  narration: {len(placed)} sentences, {faster} spoken faster to fit, "
            f"{len(overlaps)} overlap the next cue"
            + "".join(f"\n    +{p.overlap:.1f} s at {p.start:.1f} s: {p.text[:60]}"
                      for p in overlaps))
    say("written:")
    for what, path in written.items():
        say(f"  {what:<14} {rel(path)}")
    summary = {
        "out_dir": rel(out_dir),
        "outputs": {k: rel(v) for k, v in written.items()},
        "chapters": [{"number": r.chapter.number, "slug": r.chapter.slug,
                      "title": r.chapter.title, "video": rel(r.video), "duration": d,
                      "render_seconds": r.render_seconds, "reused": r.reused,
                      "first_render_seconds": r.first_render_seconds}
                     for r, d in zip(results, durations)],
        "missing_chapters": [c.slug for c in missing],
        "total_duration": total_video, "total_render_seconds": render_total,
        "run_seconds": elapsed,
        "narration_overlaps": [{"start": p.start, "overlap": p.overlap, "text": p.text}
                               for p in overlaps],
    }
    write_atomic(out_dir / "summary.json", json.dumps(summary, indent=2) + "\n")
    say(f"  {'summary':<14} {rel(out_dir / 'summary.json')}")


def main(argv=None):
    caller = os.environ.pop("LECTURE_CALLER_DIR", None) or os.getcwd()
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    args = parse_args(argv)
    from_caller(args, caller)
    started = time.perf_counter()
    os.chdir(ROOT)
    out_root, out_dir = Path(args.out or ROOT / "out"), None
    try:
        from .script import chapter_text

        workdir.prepare(ROOT / "build", say)  # the lock, recovery from a kill, build/tmp
        deps.check(voice=args.voice)
        quality = QUALITIES[args.quality]
        trace_path, trace = resolve_trace(args, out_root)
        os.environ["NNMATH_TRACE"] = str(trace_path)
        wanted = select_chapters(args.chapters)
        present = [c for c in wanted if (ROOT / c.file).exists()]
        missing = [c for c in wanted if c not in present]
        if missing:
            say("not there yet (skipped): " + ", ".join(f"{c.number:02d} {c.slug}"
                                                       for c in missing))
        if not present:
            raise LectureError("no chapter scene file exists yet (scenes/<slug>.py)")
        out_dir = out_root / trace_path.stem / quality.folder
        workdir.sweep_partials(out_dir)  # what a killed run left
        say(f"trace {os.path.relpath(trace_path, ROOT)}; {len(present)} chapters at "
            f"{quality.folder}, {max(1, min(args.jobs, len(present)))} at once, into {out_dir}/")
        texts = [chapter_text(c, trace) for c in present]  # fail early on a broken script
        if args.voice:
            speech_lengths(texts)
        else:
            os.environ.pop("NNMATH_SPEECH_SECONDS", None)
        t0 = time.perf_counter()
        results = render_all(present, args, quality, trace_path, out_dir)
        render_total = time.perf_counter() - t0
        partial = len(present) < len(select_chapters(None))
        written, durations, placed = write_material(results, texts, args, quality, trace_path,
                                                    trace, out_dir, partial)
        summarise(results, durations, written, placed, missing, out_dir, started, render_total)
    except LectureError as exc:
        return fail(f"error: {exc}", exc.exit_code, out_dir)
    except OSError as exc:
        return fail(f"error: {os_error_message(exc, out_root)}", 1, out_dir)
    except KeyboardInterrupt:
        return fail("interrupted; the final video was not written", 130, out_dir)
    return 0


def fail(message, code, out_dir):
    """Print one message; delete the temporary files the failed run left in ``out_dir``."""
    if out_dir is not None:
        try:
            workdir.sweep_partials(out_dir)
        except OSError:
            pass
    print(message, file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
