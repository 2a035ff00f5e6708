#!/usr/bin/env bash
# Installs spaCy's Dutch pipeline nl_core_news_sm for the spaCy version Rasa pins.
#   1. the official package, through spaCy's own download command;
#   2. if that cannot be reached: a local wheel, from $HUIDBOT_SPACY_WHEEL or
#      else the newest nl_core_news_sm-*.whl in ../shared/models/.
# Then prints the name, version and description of what is installed.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
MODEL=nl_core_news_sm
export TF_CPP_MIN_LOG_LEVEL=3

describe() {
  "$PY" - <<'PY'
import spacy
nlp = spacy.load("nl_core_news_sm")
meta = nlp.meta
print(f"spaCy model installed: {meta['lang']}_{meta['name']} {meta['version']}")
print(f"  description: {meta.get('description', '').strip()}")
print(f"  spaCy {spacy.__version__}, pipeline: {', '.join(nlp.pipe_names)}")
PY
}

installed() { "$PY" -c "import $MODEL" >/dev/null 2>&1; }

if installed; then
  describe
  exit 0
fi

echo "spacy model: trying the official $MODEL (python -m spacy download $MODEL)"
if timeout "${HUIDBOT_SPACY_DOWNLOAD_TIMEOUT:-180}" "$PY" -m spacy download "$MODEL" >/tmp/huidbot-spacy-download.log 2>&1 && installed; then
  echo "spacy model: installed the official package from spaCy's download server"
  describe
  exit 0
fi
echo "spacy model: the official download could not be reached or failed (log: /tmp/huidbot-spacy-download.log)"

wheel="${HUIDBOT_SPACY_WHEEL:-}"
if [ -n "$wheel" ]; then
  echo "spacy model: using the wheel named by HUIDBOT_SPACY_WHEEL: $wheel"
else
  wheel=$(ls ../shared/models/${MODEL}-*.whl 2>/dev/null | sort -V | tail -n 1)
  [ -n "$wheel" ] && echo "spacy model: using the newest local wheel: $wheel"
fi
if [ -z "$wheel" ] || [ ! -f "$wheel" ]; then
  echo "ERROR: could not install $MODEL: the official download failed and no local wheel was found." >&2
  echo "       Set HUIDBOT_SPACY_WHEEL=/path/to/${MODEL}-<version>.whl or put one in ../shared/models/." >&2
  exit 1
fi
if ! "$PY" -m pip install --quiet --disable-pip-version-check --no-deps "$wheel" || ! installed; then
  echo "ERROR: installing $wheel failed." >&2
  exit 1
fi
describe
