#!/usr/bin/env python
"""5-fold cross-validation of the configured NLU pipeline against a baseline.

`make eval-nlu` runs, in one go,

    rasa test nlu --nlu data/nlu --cross-validation --folds 5 \
        --config config.yml                  --out reports/nlu/configured
    rasa test nlu --nlu data/nlu --cross-validation --folds 5 \
        --config configs/baseline_config.yml --out reports/nlu/baseline

and writes reports/nlu/summary.md: one page comparing the two (intent
macro-F1, weighted F1, accuracy, entity F1, per-intent F1 side by side, the
targets of the NLU issue and, where one is missed, why and what would fix it).

Comparable runs:
* both pipelines see the same folds: Rasa's StratifiedKFold shuffles with
  numpy's global random state, so each run seeds it (FOLD_SEED) first;
* the baseline's DIETClassifier takes epochs, random_seed and
  constrain_similarities from config.yml at run time.

Committed output (small): reports/nlu/summary.md, reports/nlu/*_intent_report.json,
reports/nlu/*_entity_report.json and the confusion matrices as PNG when under
300 KB. The full Rasa output stays in reports/nlu/configured|baseline/
(git-ignored).

Usage:
  python scripts/eval_nlu.py                      # both pipelines, 5 folds
  python scripts/eval_nlu.py --folds 3 --only configured   # quicker iteration
  python scripts/eval_nlu.py --summary-only       # rewrite summary from results
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports" / "nlu"
DATA = ROOT / "data" / "nlu"
CONFIGS = {"configured": ROOT / "config.yml", "baseline": ROOT / "configs" / "baseline_config.yml"}
FOLD_SEED = 2024
SHARED_DIET_KEYS = ("epochs", "random_seed", "constrain_similarities")
MAX_PNG_BYTES = 300_000
NOTES = REPORTS / "notes.md"

TARGET_MACRO_F1 = 0.93
TARGET_ENTITY_F1 = 0.90
TARGET_MIN_INTENT_F1 = 0.85
AGGREGATES = {"accuracy", "macro avg", "weighted avg", "micro avg"}

# Runs inside the child process: the same CLI as `rasa test nlu`, with two
# patches of rasa.nlu.test: the fold shuffle is seeded, so both pipelines are
# evaluated on identical folds, and each fold's model is only evaluated on its
# test part (Rasa also re-predicts the training part, which is only logged and
# doubles the run time; the reports in --out are the same without it).
_CHILD = """
import sys
import numpy as np
import rasa.nlu.test as nlu_test
_generate_folds = nlu_test.generate_folds
def _seeded_folds(n, training_data):
    np.random.seed({seed})
    yield from _generate_folds(n, training_data)
nlu_test.generate_folds = _seeded_folds
_combine_result = nlu_test.combine_result
async def _test_part_only(intent_m, entity_m, response_m, processor, data, *results):
    if not results:
        return intent_m, entity_m, response_m
    return await _combine_result(intent_m, entity_m, response_m, processor, data, *results)
nlu_test.combine_result = _test_part_only
from rasa.__main__ import main
sys.argv = ["rasa"] + sys.argv[1:]
main()
"""


# ------------------------------------------------------------------ running
def _diet(config: dict) -> dict:
    for component in config.get("pipeline", []):
        if component.get("name") == "DIETClassifier":
            return component
    raise ValueError("no DIETClassifier in the pipeline")


def prepare_configs(tmp: Path, epochs: int | None = None) -> tuple[dict[str, Path], dict]:
    """Config files to run: the baseline gets DIET's shared settings from
    config.yml; `epochs` (smoke tests only) overrides DIET's epochs in both."""
    configured = yaml.safe_load(CONFIGS["configured"].read_text(encoding="utf-8"))
    baseline = yaml.safe_load(CONFIGS["baseline"].read_text(encoding="utf-8"))
    shared = {k: _diet(configured)[k] for k in SHARED_DIET_KEYS if k in _diet(configured)}
    _diet(baseline).update(shared)
    paths = {"configured": CONFIGS["configured"]}
    if epochs is not None:
        shared["epochs"] = epochs
        for cfg in (configured, baseline):
            _diet(cfg)["epochs"] = epochs
        paths["configured"] = tmp / "config.yml"
        paths["configured"].write_text(yaml.safe_dump(configured, sort_keys=False), encoding="utf-8")
    paths["baseline"] = tmp / "baseline_config.yml"
    paths["baseline"].write_text(yaml.safe_dump(baseline, sort_keys=False), encoding="utf-8")
    return paths, shared


def run_cv(name: str, config: Path, folds: int) -> float:
    out = REPORTS / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    cmd = [
        sys.executable, "-c", _CHILD.format(seed=FOLD_SEED),
        "test", "nlu", "--nlu", str(DATA), "--cross-validation", "--folds", str(folds),
        "--config", str(config), "--out", str(out),
    ]
    if shutil.which("nice"):
        cmd = ["nice", "-n", "10"] + cmd
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    print(f"[eval-nlu] {name}: {folds}-fold cross-validation of {config.name} -> {out}", flush=True)
    start = time.time()
    with open(out / "rasa.log", "w", encoding="utf-8") as log:
        result = subprocess.run(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    minutes = (time.time() - start) / 60
    if result.returncode != 0:
        raise SystemExit(f"[eval-nlu] {name} failed (exit {result.returncode}); see {out / 'rasa.log'}")
    print(f"[eval-nlu] {name} done in {minutes:.1f} min", flush=True)
    return minutes


# ------------------------------------------------------------------ reading
def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def load_results(name: str) -> dict | None:
    out = REPORTS / name
    intents = _json(out / "intent_report.json")
    if intents is None:
        return None
    return {
        "intents": intents,
        "entities": _json(out / "DIETClassifier_report.json") or {},
        "errors": _json(out / "intent_errors.json") or [],
        "entity_errors": _json(out / "DIETClassifier_errors.json") or [],
    }


def per_intent(report: dict) -> dict[str, dict]:
    return {k: v for k, v in report.items() if k not in AGGREGATES and isinstance(v, dict)}


def entity_f1(report: dict) -> float | None:
    """Micro-averaged F1 over entity tokens (no_entity excluded)."""
    for key in ("micro avg", "accuracy"):
        value = report.get(key)
        if isinstance(value, dict):
            return float(value["f1-score"])
        if isinstance(value, (int, float)):
            return float(value)
    return None


def confusions(errors: list, intent: str, n: int = 3) -> list[tuple[str, int, str]]:
    """Most frequent wrong predictions for `intent`, with one example text."""
    counter, example = Counter(), {}
    for e in errors:
        if e.get("intent") == intent:
            pred = (e.get("intent_prediction") or {}).get("name")
            counter[pred] += 1
            example.setdefault(pred, e.get("text", ""))
    return [(p, c, example[p]) for p, c in counter.most_common(n)]


def stolen_by(errors: list, intent: str, n: int = 2) -> list[tuple[str, int]]:
    counter = Counter(e.get("intent") for e in errors
                      if (e.get("intent_prediction") or {}).get("name") == intent)
    return counter.most_common(n)


def fallback_threshold() -> float | None:
    """The FallbackClassifier threshold of config.yml (None when it has none)."""
    config = yaml.safe_load(CONFIGS["configured"].read_text(encoding="utf-8"))
    for component in config.get("pipeline", []):
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return None


def error_profile(errors: list, threshold: float | None) -> dict:
    """How the wrong intent predictions are spread: confidence, and out_of_scope's share."""
    confidences = [(e.get("intent_prediction") or {}).get("confidence") or 0.0 for e in errors]
    oos = sum(1 for e in errors if "out_of_scope" in
              (e.get("intent"), (e.get("intent_prediction") or {}).get("name")))
    return {
        "errors": len(errors),
        "confident": sum(1 for c in confidences if c >= 0.9),
        "below_fallback": sum(1 for c in confidences if threshold is not None and c < threshold),
        "out_of_scope": oos,
    }


# ------------------------------------------------------------------ summary
def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def write_summary(results: dict, meta: dict) -> Path:
    conf, base = results.get("configured"), results.get("baseline")
    lines = ["# NLU cross-validation: configured pipeline vs. baseline", ""]
    if meta.get("smoke_test"):
        lines += ["> **Smoke test** (DIET epochs overridden): not the reference figures.", ""]
    lines.append(
        f"{meta['folds']}-fold cross-validation of `data/nlu` ({meta['examples']} examples, "
        f"{meta['n_intents']} intents), generated by `make eval-nlu` "
        f"(`scripts/eval_nlu.py`) on {meta['date']}. Same folds for both pipelines "
        f"(fold seed {FOLD_SEED}); DIET settings shared: {meta['shared']}. "
        f"spaCy model: {meta['spacy_model']}."
    )
    lines.append("")
    lines.append("| | configured (`config.yml`) | baseline (`configs/baseline_config.yml`) |")
    lines.append("|---|---|---|")

    def row(label, fn):
        values = [fn(r) if r else None for r in (conf, base)]
        lines.append(f"| {label} | {_f(values[0])} | {_f(values[1])} |")

    row("intent macro-F1", lambda r: r["intents"]["macro avg"]["f1-score"])
    row("intent weighted F1", lambda r: r["intents"]["weighted avg"]["f1-score"])
    row("intent accuracy", lambda r: r["intents"]["accuracy"])
    row("lowest intent F1", lambda r: min(v["f1-score"] for v in per_intent(r["intents"]).values()))
    row("entity F1 (DIET, micro)", lambda r: entity_f1(r["entities"]))
    row("entity F1 (DIET, macro)", lambda r: r["entities"].get("macro avg", {}).get("f1-score"))
    lines.append(
        f"| run time | {meta['minutes'].get('configured', '–')} min | "
        f"{meta['minutes'].get('baseline', '–')} min |"
    )
    lines.append("")

    # targets
    lines.append("## Targets")
    lines.append("")
    verdicts = []
    if conf:
        ci = conf["intents"]
        macro, ent = ci["macro avg"]["f1-score"], entity_f1(conf["entities"])
        low = {k: v["f1-score"] for k, v in per_intent(ci).items() if v["f1-score"] < TARGET_MIN_INTENT_F1}
        verdicts.append((f"intent macro-F1 ≥ {TARGET_MACRO_F1}", macro >= TARGET_MACRO_F1, _f(macro)))
        verdicts.append((f"entity F1 ≥ {TARGET_ENTITY_F1}", ent is not None and ent >= TARGET_ENTITY_F1, _f(ent)))
        verdicts.append((f"no intent below {TARGET_MIN_INTENT_F1} F1", not low,
                         ", ".join(f"{k} {v:.2f}" for k, v in sorted(low.items())) or "none"))
        if base:
            bi = base["intents"]
            better = (macro >= bi["macro avg"]["f1-score"]
                      and (ent or 0) >= (entity_f1(base["entities"]) or 0))
            verdicts.append(("configured ≥ baseline (intent macro-F1 and entity F1)", better,
                             f"{_f(macro)} vs {_f(bi['macro avg']['f1-score'])}; "
                             f"{_f(ent)} vs {_f(entity_f1(base['entities']))}"))
    lines.append("| target | met | value |")
    lines.append("|---|---|---|")
    for label, ok, value in verdicts:
        lines.append(f"| {label} | {'yes' if ok else '**no**'} | {value} |")
    lines.append("")

    # per-intent table
    lines.append("## Per-intent F1 (support)")
    lines.append("")
    lines.append("| intent | configured | baseline | Δ |")
    lines.append("|---|---|---|---|")
    names = sorted(per_intent(conf["intents"]) if conf else per_intent(base["intents"]))
    for name in sorted(names, key=lambda n: conf["intents"][n]["f1-score"] if conf else 0):
        c = conf["intents"].get(name) if conf else None
        b = base["intents"].get(name) if base else None
        delta = f"{c['f1-score'] - b['f1-score']:+.2f}" if c and b else "–"
        mark = " ⚠" if c and c["f1-score"] < TARGET_MIN_INTENT_F1 else ""
        lines.append(
            f"| {name}{mark} | {_f(c and c['f1-score'])} ({c['support'] if c else '–'}) | "
            f"{_f(b and b['f1-score'])} | {delta} |"
        )
    lines.append("")

    # entities
    if conf and conf["entities"]:
        lines.append("## Entity F1 per entity (DIET)")
        lines.append("")
        lines.append("| entity | configured | baseline |")
        lines.append("|---|---|---|")
        for name, v in sorted(per_intent(conf["entities"]).items()):
            b = (base or {}).get("entities", {}).get(name) if base else None
            lines.append(f"| {name} | {_f(v['f1-score'])} ({v['support']}) | {_f(b and b['f1-score'])} |")
        lines.append("")

    # why / what would fix it
    lines.append("## Where the configured pipeline goes wrong")
    lines.append("")
    if conf:
        weakest = sorted(per_intent(conf["intents"]).items(), key=lambda kv: kv[1]["f1-score"])[:5]
        for name, v in weakest:
            conf_list = confusions(conf["errors"], name)
            taken = stolen_by(conf["errors"], name)
            parts = [f"**{name}** F1 {v['f1-score']:.2f}"]
            if conf_list:
                parts.append("missed as " + "; ".join(
                    f"{p} ×{c} (\"{_short(t)}\")" for p, c, t in conf_list))
            if taken:
                parts.append("takes messages of " + ", ".join(f"{p} ×{c}" for p, c in taken))
            lines.append("- " + " — ".join(parts))
        lines.append("")
        pairs = Counter()
        for e in conf["errors"]:
            pred = (e.get("intent_prediction") or {}).get("name")
            pairs[tuple(sorted((e.get("intent"), pred)))] += 1
        if pairs:
            lines.append("Most confused pairs (both directions): " + ", ".join(
                f"{a} ↔ {b} ×{n}" for (a, b), n in pairs.most_common(6)) + ".")
            lines.append("")
        threshold = fallback_threshold()
        profile = error_profile(conf["errors"], threshold)
        if profile["errors"]:
            n = profile["errors"]
            lines.append(
                f"Of the {n} wrong intent predictions, {profile['out_of_scope']} "
                f"({profile['out_of_scope'] / n:.0%}) have out_of_scope on one side; "
                f"{profile['confident']} ({profile['confident'] / n:.0%}) were made with confidence ≥ 0.9"
                + (f", and {profile['below_fallback']} ({profile['below_fallback'] / n:.0%}) fall below "
                   f"the FallbackClassifier threshold ({threshold}): in the bot those get the Dutch "
                   "'did you mean' question instead of a wrong answer." if threshold is not None else ".")
            )
            lines.append("")
        weak_entities = {k: v for k, v in per_intent(conf["entities"]).items()
                         if v["f1-score"] < TARGET_ENTITY_F1}
        if weak_entities:
            lines.append("Entities below " + f"{TARGET_ENTITY_F1}: " + ", ".join(
                f"{k} {v['f1-score']:.2f} (precision {v['precision']:.2f}, recall {v['recall']:.2f})"
                for k, v in sorted(weak_entities.items())) + ".")
            lines.append("")
    missed = [label for label, ok, _ in verdicts if not ok]
    if missed:
        lines.append("**Targets missed: " + "; ".join(missed) + ".** Why and what would fix it:")
        lines.append("")
        explained = set()
        for label, ok, value in verdicts:
            if ok:
                continue
            kind = "intent" if label.startswith(("intent macro", "no intent")) else label
            if kind in explained:
                continue  # one explanation for both intent targets
            explained.add(kind)
            if kind == "intent":
                lines.append(
                    "- The intents above overlap in meaning (see 'missed as' and the confused pairs). "
                    "Fix: more training examples that contrast exactly these pairs, written by salon "
                    "staff from real chats, and a clearer labelling rule in data/nlu/README.md"
                    + (" (details in the notes below)." if NOTES.is_file() else ".")
                )
            elif label.startswith("entity"):
                lines.append(
                    "- Entity errors are mostly boundary and context cases (free-text tijdsduur, "
                    "words that are an entity in one sentence and not in another). Fix: more "
                    "annotated examples for the weakest entity above, and lookup entries for the "
                    "surface forms in DIETClassifier_errors.json."
                )
            else:
                lines.append(
                    "- The baseline wins on this split: check the per-intent table for where; the "
                    "spaCy stand-in model (no word vectors) adds little beyond the char n-grams."
                )
        lines.append("")
    elif not verdicts:
        lines.append("No results for the configured pipeline: run `make eval-nlu`.")
    else:
        lines.append("All targets met.")
        lines.append("")

    if NOTES.is_file():
        lines.append("## Notes on this run (written by hand, `reports/nlu/notes.md`)")
        lines.append("")
        lines.append(NOTES.read_text(encoding="utf-8").strip())
        lines.append("")
    lines.append(
        "Files: `reports/nlu/{configured,baseline}_intent_report.json`, "
        "`*_entity_report.json`, `*_intent_confusion_matrix.png`; full Rasa output in "
        "`reports/nlu/configured/` and `reports/nlu/baseline/` (not committed)."
    )
    path = REPORTS / "summary.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copy_small_artifacts(name: str) -> None:
    out = REPORTS / name
    pairs = [
        ("intent_report.json", f"{name}_intent_report.json"),
        ("DIETClassifier_report.json", f"{name}_entity_report.json"),
        ("intent_confusion_matrix.png", f"{name}_intent_confusion_matrix.png"),
    ]
    for src, dst in pairs:
        path = out / src
        if not path.is_file():
            continue
        if path.suffix == ".png" and path.stat().st_size > MAX_PNG_BYTES:
            print(f"[eval-nlu] {path} is over {MAX_PNG_BYTES // 1000} KB, not copied")
            continue
        shutil.copyfile(path, REPORTS / dst)


def count_examples() -> tuple[int, int]:
    n, intents = 0, set()
    for path in sorted(DATA.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" in item:
                intents.add(item["intent"])
                n += sum(1 for l in str(item["examples"]).splitlines() if l.strip().startswith("- "))
    return n, len(intents)


def spacy_model_name() -> str:
    try:
        out = subprocess.run(
            [sys.executable, "-c",
             "import spacy; n = spacy.util.get_package_path('nl_core_news_sm'); "
             "import json; m = json.load(open(n / 'meta.json')); print(m['name'], m['version'])"],
            capture_output=True, text=True, timeout=120,
        )
        name = out.stdout.strip()
        return f"nl_core_news_sm {name.split()[-1]}" if name else "unknown"
    except Exception:  # noqa: BLE001 - informational only
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="NLU cross-validation: configured vs baseline")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", choices=sorted(CONFIGS), help="run one pipeline only")
    parser.add_argument("--summary-only", action="store_true",
                        help="do not train; rewrite summary.md from existing results")
    parser.add_argument("--epochs", type=int,
                        help="smoke test only: override DIET epochs in both pipelines")
    args = parser.parse_args(argv)

    REPORTS.mkdir(parents=True, exist_ok=True)
    meta_path = REPORTS / "run_meta.json"
    meta = _json(meta_path) or {"minutes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        configs, shared = prepare_configs(Path(tmp), args.epochs)
        if not args.summary_only:
            names = [args.only] if args.only else ["configured", "baseline"]
            for name in names:
                meta["minutes"][name] = round(run_cv(name, configs[name], args.folds), 1)
                copy_small_artifacts(name)
            examples, n_intents = count_examples()
            meta.update(
                folds=args.folds, shared=shared, smoke_test=args.epochs is not None, examples=examples, n_intents=n_intents,
                date=dt.date.today().isoformat(), spacy_model=spacy_model_name(),
            )
            meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    results = {name: load_results(name) for name in CONFIGS}
    if not any(results.values()):
        print("[eval-nlu] no results yet: run without --summary-only", file=sys.stderr)
        return 1
    path = write_summary(results, meta)
    print(f"[eval-nlu] wrote {path.relative_to(ROOT)}")
    print(path.read_text(encoding="utf-8").split("## Per-intent")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
