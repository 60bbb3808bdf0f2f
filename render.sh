#!/usr/bin/env bash
# Render the video and the lecture material from the trace: see docs/render.md.
#   ./render.sh                 the whole video at 1080p60, stills, slides, subtitles, handout
#   ./render.sh -q l            the same at 480p15 (quick)
#   ./render.sh --help          every option (--trace FILE, --record, --chapters a,b, --no-voice)
set -euo pipefail
# relative paths given (--trace, --out, --data-dir) are the caller's: lecture.render resolves them
export LECTURE_CALLER_DIR="$PWD"
cd "$(dirname "$0")"
for arg in "$@"; do
  if [ "$arg" = "-h" ] || [ "$arg" = "--help" ]; then
    # before set-up (a fresh clone has no .venv yet) the system's python3 prints the same help
    if [ -x .venv/bin/python ]; then exec .venv/bin/python -m lecture.render --help; fi
    if command -v python3 >/dev/null; then exec python3 -m lecture.render --help; fi
    echo "render.sh: python3 is not installed; install it (apt-get install python3), then run ./render.sh" >&2
    exit 3
  fi
done
scripts/setup.sh
exec .venv/bin/python -m lecture.render "$@"
