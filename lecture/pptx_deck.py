"""The deck as PowerPoint (python-pptx): a title slide, then one slide per beat showing the
beat's last frame, with the beat's sentence as the speaker notes.

A frame, not the video segment: python-pptx's ``add_movie`` is marked experimental and
LibreOffice and PowerPoint disagree on how to play it, while a picture shows the same
everywhere (and in the PDF LibreOffice exports). The HTML deck plays the beats.
"""

import io
import zipfile
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from . import stills
from .files import write_atomic

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 inches
BACKGROUND = RGBColor(0x0F, 0x14, 0x19)
TEXT = RGBColor(0xE6, 0xE6, 0xE6)
HEADING = RGBColor(0x9E, 0xCB, 0xFF)


def beat_frames(chapters, fps, frames_dir):
    """Grab each beat's last frame: ``[(chapter, beat, png)]`` in deck order."""
    out = []
    for c in chapters:
        for b, beat in enumerate(c["beats"], start=1):
            png = Path(frames_dir) / f"{c['number']:02d}_{c['slug']}_beat{b:02d}.png"
            t = stills.frame_time(beat["end"] - 1.0 / fps, fps, c["duration"])
            out.append((c, beat, stills.grab(c["video"], t, png)))
    return out


def _background(slide):
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = BACKGROUND


def _text(slide, text, left, top, width, height, size, color, bold=False):
    box = slide.shapes.add_textbox(left, top, width, height)
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color
    run.font.name = "DejaVu Sans"
    return box


def build(title, subtitle, frames):
    """The presentation: a title slide, then a slide per ``(chapter, beat, png)``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    first = prs.slides.add_slide(blank)
    _background(first)
    _text(first, title, Emu(600000), Emu(2200000), WIDTH - Emu(1200000), Emu(1200000), 36, TEXT,
          bold=True)
    _text(first, subtitle, Emu(600000), Emu(3600000), WIDTH - Emu(1200000), Emu(800000), 18,
          HEADING)
    for c, beat, png in frames:
        slide = prs.slides.add_slide(blank)
        _background(slide)
        _text(slide, f"{c['number']}. {c['title']}", Emu(400000), Emu(150000),
              WIDTH - Emu(800000), Emu(500000), 20, HEADING, bold=True)
        top = Emu(750000)
        height = HEIGHT - top - Emu(150000)
        pic = slide.shapes.add_picture(str(png), 0, top, height=height)
        pic.left = (WIDTH - pic.width) // 2
        notes = beat["sentence"]
        if beat.get("note"):
            notes += "\n\nFor the teacher: " + beat["note"]
        slide.notes_slide.notes_text_frame.text = notes
    return prs


def _fixed_zip(data):
    """The same .pptx with every zip entry dated 1980-01-01, so equal inputs give equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def write_pptx(out_path, title, subtitle, chapters, fps, frames_dir):
    """Write the PowerPoint deck (temp, then rename). ``chapters``: dicts with ``number``,
    ``slug``, ``title``, ``video``, ``duration`` and ``beats`` (``lecture.slides.beats``)."""
    prs = build(title, subtitle, beat_frames(chapters, fps, frames_dir))
    buf = io.BytesIO()
    props = prs.core_properties
    props.title, props.revision = title, 1
    props.created = props.modified = props.last_printed = datetime(2000, 1, 1)  # no clock
    prs.save(buf)
    write_atomic(Path(out_path), _fixed_zip(buf.getvalue()))
    return Path(out_path)
