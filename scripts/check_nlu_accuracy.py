#!/usr/bin/env python
"""Fail when the held-out NLU intent accuracy drops below a threshold.

Reads the ``intent_report.json`` that

    rasa test nlu --nlu tests/nlu --model models/huidbot.tar.gz --out results/nlu

writes, prints the accuracy (and the intents that did worst) and exits with
status 1 when the accuracy is below ``--threshold`` (default 0.97), with 2
when the report is missing or unreadable.

Usage: python scripts/check_nlu_accuracy.py results/nlu [--threshold 0.97]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_THRESHOLD = 0.97
AGGREGATES = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def load_report(results_dir: Path) -> dict:
    path = results_dir / "intent_report.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: run `rasa test nlu --nlu tests/nlu --model <model> "
            f"--out {results_dir}` first"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def weakest_intents(report: dict, n: int = 5) -> list[tuple[str, float, int]]:
    rows = [
        (name, float(v.get("f1-score", 0.0)), int(v.get("support", 0)))
        for name, v in report.items()
        if name not in AGGREGATES and isinstance(v, dict)
    ]
    return sorted(rows, key=lambda r: r[1])[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results_dir", type=Path, help="--out directory of `rasa test nlu`")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"minimum intent accuracy (default {DEFAULT_THRESHOLD:.2f})",
    )
    args = parser.parse_args(argv)

    try:
        report = load_report(args.results_dir)
        accuracy = float(report["accuracy"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"check_nlu_accuracy: cannot read the intent report: {exc}", file=sys.stderr)
        return 2

    print(f"Held-out NLU intent accuracy: {accuracy:.3f} (threshold {args.threshold:.2f})")
    weakest = weakest_intents(report)
    if weakest:
        print("Weakest intents (F1, support): " + ", ".join(
            f"{name} {f1:.2f} ({support})" for name, f1, support in weakest
        ))
    if accuracy < args.threshold:
        print(
            f"FAIL: intent accuracy {accuracy:.3f} is below {args.threshold:.2f}. "
            f"See {args.results_dir / 'intent_errors.json'} for the misclassified messages.",
            file=sys.stderr,
        )
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
