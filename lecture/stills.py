"""Key frames as PNG, grabbed from a chapter video at the moments the scene marked with
``self.still(name)``, a contact sheet of all of them, and a frame sheet per chapter: the
picture at the end of every beat, so a whole chapter can be looked at in one glance."""

import os
import subprocess
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from scenes import theme

from .errors import LectureError, tool_failed
from .files import write_via

FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#: The video's background (scenes/theme.py) behind stills, sheets and PDF pages, as RGB.
BACKGROUND_RGB = ImageColor.getrgb(theme.BACKGROUND)
#: The colour of captions drawn under or over stills.
CAPTION_RGB = (230, 230, 230)


def frame_time(t, fps, duration):
    """Where to seek for the frame shown at ``t``: ffmpeg returns the first frame at or after
    the seek time, and manim draws the state reached at ``t`` (an animation's end) in the
    frame that starts at ``t``. A quarter frame earlier guards against rounding; the time is
    kept inside the video: at most a frame and a half before its end, since ffprobe rounds
    the duration and a seek past the last frame's start silently yields no frame."""
    return min(max(t - 0.25 / fps, 0.0), max(duration - 1.5 / fps, 0.0))


def grab(video, t, out_png):
    """Decode the frame at ``t`` seconds of ``video`` into ``out_png`` (temp, then rename)."""
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_png.with_name(f".{out_png.stem}.partial.png")
    cmd = ["ffmpeg", "-y", "-v", "error", "-ss", f"{t:.4f}", "-i", str(video), "-frames:v", "1",
           "-update", "1", str(tmp)]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode != 0 or not tmp.exists():
        tmp.unlink(missing_ok=True)
        raise tool_failed(f"could not grab the frame at {t:.2f} s of {video}", run.stderr,
                          out_png)
    os.replace(tmp, out_png)
    return out_png


def font(size):
    """The pinned font (DejaVu Sans) at ``size`` pixels, or Pillow's default if absent."""
    try:
        return ImageFont.truetype(FONT_FILE, size)
    except OSError:
        return ImageFont.load_default(size)


def contact_sheet(items, out_png, columns=4, thumb_width=480, background=BACKGROUND_RGB):
    """A grid of ``(png_path, caption)`` thumbnails with their captions underneath."""
    if not items:
        raise LectureError("no stills to put on a contact sheet")
    thumbs = []
    for path, caption in items:
        with Image.open(path) as im:
            im = im.convert("RGB")
            h = round(im.height * thumb_width / im.width)
            thumbs.append((im.resize((thumb_width, h), Image.LANCZOS), caption))
    pad, caption_h = 16, 28
    cell_h = max(t.height for t, _ in thumbs) + caption_h
    columns = min(columns, len(thumbs))
    rows = -(-len(thumbs) // columns)
    sheet = Image.new("RGB", (pad + columns * (thumb_width + pad), pad + rows * (cell_h + pad)),
                      background)
    draw = ImageDraw.Draw(sheet)
    f = font(18)
    for k, (thumb, caption) in enumerate(thumbs):
        x = pad + (k % columns) * (thumb_width + pad)
        y = pad + (k // columns) * (cell_h + pad)
        sheet.paste(thumb, (x, y))
        draw.text((x, y + thumb.height + 5), caption, fill=CAPTION_RGB, font=f)
    out_png = Path(out_png)
    return write_via(out_png, lambda tmp: sheet.save(tmp, format="PNG"),
                     out_png.with_name(f".{out_png.stem}.partial.png"))


def beat_ends(marks, duration):
    """``(cue_id, t)`` of the end of each beat: where the next beat starts, or the video ends."""
    starts = [t for _, t in marks.cues]
    return [(cue_id, end) for (cue_id, _), end in zip(marks.cues, starts[1:] + [duration])]


def frame_sheet(video, marks, duration, fps, out_png, work_dir, title):
    """The frame at the end of every beat of one chapter video, captioned, in one PNG."""
    work_dir = Path(work_dir)
    items = []
    for k, (cue_id, end) in enumerate(beat_ends(marks, duration), start=1):
        # the frame that starts at ``end`` already shows what the next beat adds at once:
        # take the one before it, the beat's own last frame
        png = grab(video, frame_time(end - 1.0 / fps, fps, duration),
                   work_dir / f"beat-{k:02d}.png")
        items.append((png, f"{title} {k}: {cue_id}"))
    return contact_sheet(items, out_png, columns=3)
