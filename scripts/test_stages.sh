#!/usr/bin/env bash
# Runs the stages of `make test` in order, stops at the first failure, and prints how long
# each stage took (a table at the end), so a slow stage is visible in every CI log.
set -uo pipefail
cd "$(dirname "$0")/.."
report=()
total_start=$(date +%s)
for stage in "$@"; do
  start=$(date +%s)
  echo "=== make test: $stage"
  if ! make --no-print-directory "$stage"; then
    echo "make test: stage '$stage' FAILED after $(( $(date +%s) - start )) s"
    exit 1
  fi
  report+=("$(printf '  %-14s %5d s' "$stage" $(( $(date +%s) - start )))")
done
echo "make test: time per stage"
printf '%s\n' "${report[@]}"
printf '  %-14s %5d s\n' "total" $(( $(date +%s) - total_start ))
