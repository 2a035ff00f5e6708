#!/usr/bin/env bash
# Kept for old habits: `make run` starts the servers with `python -m launch` (launch/__main__.py).
cd "$(dirname "$0")/.." && exec .venv/bin/python -m launch "$@"
