#!/usr/bin/env bash
# Prints the path of a working Python 3.10 interpreter, or explains the fix.
# Order: $HUIDBOT_PYTHON, python3.10 on PATH, pyenv's 3.10.x versions.
set -u

works() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

candidates=()
[ -n "${HUIDBOT_PYTHON:-}" ] && candidates+=("$HUIDBOT_PYTHON")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
pyenv_root="${PYENV_ROOT:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")}"
for dir in $(ls -d "$pyenv_root"/versions/3.10* 2>/dev/null | sort -rV); do
  candidates+=("$dir/bin/python3.10")
done
candidates+=(/usr/local/bin/python3.10 /usr/bin/python3.10)

for py in "${candidates[@]}"; do
  if works "$py"; then echo "$py"; exit 0; fi
done

cat >&2 <<'MSG'
ERROR: Python 3.10 not found (Rasa 3.6 does not run on 3.11+).
Fix one of:
  - pyenv install 3.10.13            (then run make again)
  - apt-get install python3.10 python3.10-venv
  - export HUIDBOT_PYTHON=/path/to/python3.10
MSG
exit 1
