#!/usr/bin/env bash
# Creates .venv (Python 3.10), installs the pinned dependencies and the Dutch
# spaCy model. Idempotent: a stamp with the hash of the inputs makes a repeat
# run return in well under a second when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.huidbot-setup"
inputs_hash() { cat requirements.txt requirements.lock scripts/setup.sh scripts/install_spacy_model.sh | sha256sum | cut -d' ' -f1; }

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
if [ ! -x "${HUIDBOT_CHROMIUM:-/usr/bin/chromium}" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium for the browser tests"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
  else
    echo "setup: WARNING: no Chromium; install it and set HUIDBOT_CHROMIUM=/path/to/chromium" >&2
  fi
fi

# The safety scan's spelling tolerance checks words against Debian's Dutch word list
# (package wdutch, /usr/share/dict/dutch); bot/rules/spelling.py fails without it.
if [ ! -f "${HUIDBOT_DUTCH_WORDS:-/usr/share/dict/dutch}" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing wdutch (Dutch word list for the spelling tolerance)"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wdutch
  else
    echo "setup: WARNING: no Dutch word list; install wdutch or set HUIDBOT_DUTCH_WORDS=/path/to/wordlist" >&2
  fi
fi

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(inputs_hash)" ] && [ -x "$VENV/bin/rasa" ]; then
  echo "setup: up to date ($VENV)"
  exit 0
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
  PY=$(bash scripts/find_python310.sh)
  echo "setup: creating $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

echo "setup: installing pinned dependencies (requirements.txt, constrained by requirements.lock)"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pip==24.0"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r requirements.txt -c requirements.lock

bash scripts/install_spacy_model.sh

inputs_hash > "$STAMP"
echo "setup: done"
