#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: system packages, a virtual
# environment in .venv, and the project installed into it.
#   scripts/setup.sh            what the tests and the video need
# Run as root (or with passwordless sudo) to install missing Debian packages;
# otherwise it prints the exact command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

# Building pycairo and manimpango; LaTeX for MathTex; ffmpeg for stitching and
# checking videos; the pinned font; Fashion-MNIST; PDF tools for checking output; the
# narration's voice (festival with the HTS voice slt, measured the most intelligible:
# bench/bench_voice.py) and its fallback espeak-ng; flite, measured too; chromium and its
# driver for the slide deck's browser test; LibreOffice to check the PowerPoint deck.
APT_PACKAGES=(build-essential pkg-config python3-dev python3-venv libcairo2-dev libpango1.0-dev
  texlive-latex-base texlive-latex-extra dvisvgm ffmpeg fonts-dejavu-core
  dataset-fashion-mnist poppler-utils espeak-ng sox festival festvox-us-slt-hts flite
  chromium chromium-driver libreoffice-impress)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then sudo_cmd=(); elif sudo -n true 2>/dev/null; then sudo_cmd=(sudo); else
    echo "error: missing Debian packages: ${missing[*]}" >&2
    echo "install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: Python >= 3.11 is needed; $PYTHON is $("$PYTHON" --version 2>&1)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating the virtual environment .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the project and its pinned dependencies into .venv (a few minutes the first time)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[video,dev]'
  echo "$want" > "$stamp"
fi
