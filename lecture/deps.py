"""Check the system programs and the font before rendering, so a missing one gives one
message with the command that installs it instead of a traceback from deep inside manim."""

import shutil
import subprocess

from scenes.theme import FONT, FONT_PACKAGE

from .errors import MissingDependency

# (what is checked, why it is needed, the Debian package that provides it)
PROGRAMS = (
    ("latex", "LaTeX, for the formulas (MathTex)", "texlive-latex-base texlive-latex-extra"),
    ("dvisvgm", "LaTeX to SVG, for the formulas", "dvisvgm"),
    ("pdflatex", "the handout PDF", "texlive-latex-base"),
    ("ffmpeg", "stitching, stills and narration", "ffmpeg"),
    ("ffprobe", "reading video durations", "ffmpeg"),
)
VOICE_PROGRAMS = (("espeak-ng", "the narration's fallback voice", "espeak-ng"),)


def font_installed(family=FONT):
    """True when fontconfig knows the font family the scenes are pinned to."""
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True,
                         text=True, check=False).stdout
    return bool(out.strip())


def latex_package_installed(sty="sansmath.sty"):
    """True when LaTeX finds ``sty`` (theme.MATH_PREAMBLE loads sansmath)."""
    if shutil.which("kpsewhich") is None:
        return False
    run = subprocess.run(["kpsewhich", sty], capture_output=True, text=True, check=False)
    return bool(run.stdout.strip())


def missing_dependencies(voice=False, which=shutil.which, font_check=font_installed,
                         latex_check=latex_package_installed):
    """The (name, reason, package) of every missing program or font; empty when all is there."""
    programs = PROGRAMS + (VOICE_PROGRAMS if voice else ())
    missing = [(name, why, pkg) for name, why, pkg in programs if which(name) is None]
    if not font_check():
        missing.append((f"font {FONT}", "the pinned font of every Text", FONT_PACKAGE))
    if not latex_check():
        missing.append(("LaTeX sansmath", "sans-serif formulas and numbers",
                        "texlive-latex-recommended"))
    return missing


def install_message(missing):
    """One message naming what is missing and the exact command that installs it all."""
    packages = []
    for _, _, pkg in missing:
        for p in pkg.split():
            if p not in packages:
                packages.append(p)
    lines = ["missing system dependencies:"]
    lines += [f"  {name:<18} ({why})" for name, why, _ in missing]
    lines.append("install them with:")
    lines.append(f"  sudo apt-get update && sudo apt-get install -y {' '.join(packages)}")
    return "\n".join(lines)


def check(voice=False):
    """Raise :class:`MissingDependency` with the install command when anything is missing."""
    missing = missing_dependencies(voice=voice)
    if missing:
        raise MissingDependency(install_message(missing))
