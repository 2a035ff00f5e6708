#!/usr/bin/env bash
# Creates .venv (Python 3.10), installs the pinned dependencies and the Dutch
# spaCy model. Idempotent: a stamp with the hash of the inputs makes a repeat
# run return in well under a second when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.huidbot-setup"
inputs_hash() { cat requirements.txt requirements.lock scripts/setup.sh scripts/install_spacy_model.sh | sha256sum | cut -d' ' -f1; }

# Debian packages the tests and the safety scan need; apt only when the file is missing.
#   apt_install_missing FILE PACKAGE WHAT HINT
apt_install_missing() {
  [ -e "$1" ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing $2 ($3)"
    [ -n "${APT_UPDATED:-}" ] || { $sudo apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2"
  else
    echo "setup: WARNING: $4" >&2
  fi
}
# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
apt_install_missing "${HUIDBOT_CHROMIUM:-/usr/bin/chromium}" chromium "for the browser tests" \
  "no Chromium; install it and set HUIDBOT_CHROMIUM=/path/to/chromium"
# The safety scan's spelling tolerance checks words against Debian's Dutch word list;
# bot/rules/spelling.py fails without it.
apt_install_missing "${HUIDBOT_DUTCH_WORDS:-/usr/share/dict/dutch}" wdutch "Dutch word list for the spelling tolerance" \
  "no Dutch word list; install wdutch or set HUIDBOT_DUTCH_WORDS=/path/to/wordlist"

# The scaled mode (make run-scaled, tests/scale, make loadtest): conversations in PostgreSQL,
# conversation locks in Redis, HAProxy in front. Started by launch/services.py on private
# ports; Debian's own services stay off. PostgreSQL refuses root: it runs as huidbot-pg.
apt_install_missing "$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | head -1)" postgresql \
  "tracker store of the scaled mode" "no PostgreSQL; install postgresql (the server binaries)"
apt_install_missing /usr/bin/redis-server redis-server "lock store of the scaled mode" \
  "no Redis; install redis-server"
apt_install_missing /usr/sbin/haproxy haproxy "load balancer of the scaled mode" "no HAProxy; install haproxy"
if [ "$(id -u)" -eq 0 ] && ! id huidbot-pg >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin huidbot-pg
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

# No usage data leaves this machine (python -m launch also sets RASA_TELEMETRY_ENABLED=false).
TF_CPP_MIN_LOG_LEVEL=3 "$VENV/bin/rasa" telemetry disable >/dev/null

inputs_hash > "$STAMP"
echo "setup: done"
