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
  if [ "$arg" = "-h" ] || [ "$arg" = "--help" ]; then exec .venv/bin/python -m lecture.render --help; fi
done
scripts/setup.sh
exec .venv/bin/python -m lecture.render "$@"
