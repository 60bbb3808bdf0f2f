"""The video's look in one place: colours, fonts, sizes and pacing.

Every scene and kit mobject takes its colours, fonts and sizes from here, so the
whole video changes together. The fonts come from the Debian package
``fonts-dejavu-core`` (``apt-get install fonts-dejavu-core``): Text is drawn
with system fonts, so pinning one package makes text render the same on every
machine. Formulas and changing numbers use LaTeX (``MathTex``) in its sans-serif math
(``MATH_PREAMBLE``), so a counter's digits match the DejaVu Sans sentence around them.
"""

#: The Debian package that provides FONT and MONO (checked by render.sh / setup).
FONT_PACKAGE = "fonts-dejavu-core"
FONT = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
#: LaTeX preamble for every formula and number (sansmath is in texlive-latex-recommended).
MATH_PREAMBLE = (r"\usepackage[eulergreek]{sansmath}\sansmath"
                 r"\renewcommand{\familydefault}{\sfdefault}")  # \text{} in sans too

# --- colours: one meaning each --------------------------------------------------------------
BACKGROUND = "#0f1419"  # also in manim.cfg
TEXT = "#e8eaed"  # plain text
MUTED = "#8b98a5"  # context: axes, captions, what is not the point right now
ACCENT = "#ffc857"  # spoken now: the one thing the narration is talking about
POSITIVE = "#58a6ff"  # a weight (or any signed number) > 0 (blue, as 3Blue1Brown)
NEGATIVE = "#ff6b6b"  # a weight (or any signed number) < 0 (red)
TARGET = "#7ee787"  # the label: the one-hot target, the true class
OUTPUT = "#c792ea"  # the network's output and its guess
NEUTRAL = "#a5b4c3"  # data without a sign (pixel counts, histograms of magnitudes)
NEURON_STROKE = "#c9d1d9"
NEURON_FILL = "#ffffff"  # fill opacity = activation
PIXEL_ON = "#ffffff"
PIXEL_OFF = "#000000"
PIXEL_STROKE = "#30363d"
BAR = "#58a6ff"
BAR_TOP = "#ffc857"  # the largest output
CURVE = "#7ee787"
GRID = "#30363d"
PANEL = "#161b22"
#: Class 0 and class 1 of the bias experiment (orange, teal): apart from the sign colours,
#: the target and output colours and the accent, so no colour means two things.
CLASS_COLORS = ("#ff9f43", "#2ec4b6")
#: One colour per run in a comparison plot (which run a line, dot or legend entry is; no
#: other meaning), distinct from each other.
RUN_COLORS = ("#ff9f43", "#4dd0e1", "#f06292", "#c0ca33", "#bcaaa4")
GOOD = "#7ee787"  # right
BAD = "#ff6b6b"  # wrong

# --- sizes (manim font_size units) ----------------------------------------------------------
TITLE_SIZE = 44
HEADING_SIZE = 34
BODY_SIZE = 28
SMALL_SIZE = 22
TINY_SIZE = 18  # the smallest text: 24 px cap height at 1080p
NUMBER_SIZE = 22
#: Numbers that manim sets in LaTeX (axis ticks): its digits are smaller per point.
AXIS_NUMBER_SIZE = 26
CODE_SIZE = 27  # code is body text: 36 px cap height at 1080p
FORMULA_SIZE = 40
#: TeX sizes whose digits stand as tall as the text sizes' (LaTeX's sans digits are smaller
#: per point than DejaVu Sans'): use TEX_SIZE[BODY_SIZE] for a number inside a body sentence.
TEX_SCALE = 1.36
TEX_SIZE = {size: round(size * TEX_SCALE) for size in
            (TITLE_SIZE, HEADING_SIZE, BODY_SIZE, SMALL_SIZE, TINY_SIZE)}

# --- spacing (scene units; the frame is 8 units tall) ---------------------------------------
GAP = 0.3  # between neighbouring pieces
GAP_SMALL = 0.15  # between a thing and its own label
GAP_LARGE = 0.6  # between groups

NEURON_RADIUS = 0.16
NEURON_STROKE_WIDTH = 2.0
EDGE_MIN_WIDTH = 0.4
EDGE_MAX_WIDTH = 4.0
EDGE_OPACITY = 0.75
PIXEL_STROKE_WIDTH = 0.3

# --- pacing ---------------------------------------------------------------------------------
#: Speaking rate the narration is planned for (espeak-ng's default is about 2.9 words/s).
WORDS_PER_SECOND = 2.4
#: Extra seconds after each sentence so a viewer can read the numbers on screen.
SENTENCE_PAUSE = 0.6
#: Default seconds for a reveal animation and for holding a finished view.
REVEAL = 1.0
HOLD = 2.0
#: The shortest animation a word-timed play gets (a word already passed still animates).
MIN_RUN = 0.4
#: The shortest step of a walk (``ChapterScene.play_steps``: a counting band's stop at one row).
STEP_MIN = 0.25
#: How long a number is marked ("spoken now") as its word is said.
LIGHT = 0.8
