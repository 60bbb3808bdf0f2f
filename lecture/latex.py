"""LaTeX for the handout: formulas to SVG (latex + dvisvgm, for the HTML) and a document to
PDF (pdflatex). Both are offline and already needed by manim's MathTex. LaTeX runs in a
temporary folder: ``build/tmp`` during a render (emptied by the next run if one is killed)."""

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import LectureError
from .files import write_via

PREAMBLE = r"""\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}
\usepackage{amsmath}
\usepackage{amssymb}
"""

# Characters a chapter's words may use that pdflatex's utf8 input does not know.
UNICODE = {
    "×": r"$\times$", "−": "-", "–": "--", "—": "---", "·": r"$\cdot$", "…": r"\dots{}",
    "⋮": r"$\vdots$", "≈": r"$\approx$", "≤": r"$\le$", "≥": r"$\ge$", "→": r"$\to$",
    "←": r"$\leftarrow$", "∑": r"$\sum$", "σ": r"$\sigma$", "η": r"$\eta$", "δ": r"$\delta$",
    "Δ": r"$\Delta$", "α": r"$\alpha$", "β": r"$\beta$", "λ": r"$\lambda$", "μ": r"$\mu$",
    "µ": r"$\mu$", "²": r"$^2$", "³": r"$^3$", "ᵀ": r"$^T$", "∈": r"$\in$", "±": r"$\pm$",
    "‘": "`", "’": "'", "“": "``", "”": "''", "∂": r"$\partial$", "√": r"$\surd$",
}
SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
           "#": r"\#", "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}"}


def escape(text):
    """Plain text as LaTeX source: specials escaped, known Unicode symbols mapped."""
    out = []
    for ch in str(text):
        if ch in SPECIAL:
            out.append(SPECIAL[ch])
        elif ch in UNICODE:
            out.append(UNICODE[ch])
        elif ord(ch) < 0x250:
            out.append(ch)
        else:
            out.append("?")
    return "".join(out)


def _run(cmd, cwd, what):
    run = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False,
                         stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        log = run.stdout + run.stderr
        errors = [ln for ln in log.splitlines() if ln.startswith("!")]
        detail = "\n".join(errors[:3]) or log[-800:]
        raise LectureError(f"{what} failed:\n{detail}")
    return run


def formula_svg(latex, cache_dir):
    """An SVG of the display formula ``latex`` (cached by content); returns its path."""
    key = hashlib.sha256(latex.encode()).hexdigest()[:20]
    out = Path(cache_dir) / f"{key}.svg"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="formula-") as tmp:
        src = ("\\documentclass[preview,border=1pt]{standalone}\n" + PREAMBLE
               + "\\begin{document}\n$\\displaystyle " + latex + "$\n\\end{document}\n")
        Path(tmp, "f.tex").write_text(src)
        _run(["latex", "-interaction=nonstopmode", "-halt-on-error", "f.tex"], tmp,
             f"LaTeX on the formula {latex!r}")
        _run(["dvisvgm", "--no-fonts", "--exact-bbox", "-o", "f.svg", "f.dvi"], tmp,
             f"dvisvgm on the formula {latex!r}")
        write_via(out, lambda partial: shutil.copyfile(Path(tmp, "f.svg"), partial))
    return out


def pdflatex(source, out_pdf, resources=()):
    """Compile a LaTeX document to ``out_pdf``; ``resources`` (e.g. images) are copied in
    beside it first, under their own names."""
    out_pdf = Path(out_pdf)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pdflatex-") as tmp:
        for r in resources:
            shutil.copyfile(r, Path(tmp, Path(r).name))
        Path(tmp, "doc.tex").write_text(source)
        _run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp,
             f"pdflatex on {out_pdf.name}")
        write_via(out_pdf, lambda partial: shutil.copyfile(Path(tmp, "doc.pdf"), partial))
    return out_pdf
