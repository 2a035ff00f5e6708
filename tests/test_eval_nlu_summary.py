"""`make eval-nlu` (scripts/eval_nlu.py): the summary from made-up results, the
pooled entity counts and the fold files (no training)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("huidbot_eval_nlu", ROOT / "scripts" / "eval_nlu.py")
eval_nlu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_nlu)

META = {"folds": 5, "examples": 40, "n_intents": 2, "date": "2026-11-29", "seed": 2024,
        "data_hash": "abc", "cpus": 2, "fallback_threshold": 0.45}


def _scores(f1: float, support: int = 20) -> dict:
    return {"precision": f1, "recall": f1, "f1-score": f1, "support": support}


def _pipeline(wallen: float, acne: float, entity: float | None = None, errors: list | None = None) -> dict:
    macro = (wallen + acne) / 2
    out = {
        "intents": {"wallen": _scores(wallen), "acne": _scores(acne), "accuracy": macro,
                    "macro avg": _scores(macro), "weighted avg": _scores(macro)},
        "errors": errors or [],
        "time": {"wall_s": 60.0, "cpu_s": 90.0, "load_start": 1.0, "load_end": 1.5},
    }
    if entity is not None:
        out["entities"] = {"signaal": _scores(entity), "micro avg": _scores(entity)}
    return out


def _held_out(accuracy: float = 0.98, false_accepts: int = 1, med: float = 1.0) -> dict:
    return {
        "configured_held_out": {"n": 50, "accuracy": accuracy, "macro_f1": accuracy, "errors": []},
        "reference_held_out": {"n": 50, "accuracy": 0.95, "macro_f1": 0.95, "errors": []},
        "configured_oos": {"n": 60, "false_accepts": false_accepts, "rate": false_accepts / 60,
                           "threshold": 0.45, "outcomes": {"nlu_fallback": 20, "out_of_scope": 39, "topic": 1},
                           "examples": [{"text": "mijn haar valt uit", "intent": "acne", "confidence": 0.5}]},
        "reference_oos": {"n": 60, "false_accepts": 9, "rate": 0.15, "threshold": 0.0,
                          "outcomes": {}, "examples": []},
        "medicatie": {"mentions": 20, "nlu": med, "lexicon": 0.8, "either": 1.0, "nlu_missed": []},
        "configured_train_nlu": {"wall_s": 30.0, "cpu_s": 40.0, "load_start": 1, "load_end": 1},
        "reference_train": {"wall_s": 5.0, "cpu_s": 5.0, "load_start": 1, "load_end": 1},
    }


def _all_good() -> dict:
    return {"configured": _pipeline(0.97, 0.96, 0.96), "reference": _pipeline(0.92, 0.92),
            "held_out": _held_out(),
            "train_time": {"wall_s": 120.0, "cpu_s": 150.0, "load_start": 1.0, "load_end": 2.0},
            "eval_time": {"wall_s": 600.0, "cpu_s": 700.0, "load_start": 1.0, "load_end": 2.0}}


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(eval_nlu, "REPORTS", tmp_path)
    monkeypatch.setattr(eval_nlu, "NOTES", tmp_path / "notes.md")
    return tmp_path


def test_all_targets_met(reports: Path) -> None:
    text = eval_nlu.write_summary(_all_good(), META).read_text()
    assert "All targets met." in text
    assert "**no**" not in text
    assert "| **configured** (`config.yml`) | 0.980 | **0.965** |" in text


def test_previous_figures_are_shown(reports: Path) -> None:
    text = eval_nlu.write_summary(_all_good(), META).read_text()
    assert "| 0.923¹ | 0.850 | 0.841 | 0.941 |" in text
    assert "0.831" in text and "0.880" in text


def test_margin_over_the_reference_is_a_target(reports: Path) -> None:
    res = _all_good()
    res["reference"] = _pipeline(0.95, 0.95)
    text = eval_nlu.write_summary(res, META).read_text()
    assert "| configured macro-F1 ≥ reference + 0.03 | **no** | +0.015 |" in text
    assert "Targets missed" in text


def test_weak_intent_false_accepts_and_slow_training_are_marked(reports: Path) -> None:
    res = _all_good()
    res["configured"] = _pipeline(0.99, 0.85, 0.96, errors=[
        {"text": "ik heb pukkels", "intent": "acne", "predicted": "wallen", "confidence": 0.3}])
    res["held_out"] = _held_out(false_accepts=6)
    res["train_time"]["wall_s"] = 400.0
    text = eval_nlu.write_summary(res, META).read_text()
    assert "| no intent below 0.90 F1 (CV) | **no** | acne 0.85 |" in text
    assert "| out-of-scope false accepts ≤ 5% | **no** | 10.0 % |" in text
    assert "| full `rasa train` ≤ 3 min | **no** | 6.7 min |" in text
    assert "acne ↔ wallen ×1" in text
    assert "1 of them (100%) fall below the FallbackClassifier threshold (0.45)" in text
    assert '"mijn haar valt uit" → acne (0.50)' in text


def test_hand_written_notes_are_included(reports: Path) -> None:
    (reports / "notes.md").write_text("De lexicon-tokens maken het verschil.\n", encoding="utf-8")
    text = eval_nlu.write_summary(_all_good(), META).read_text()
    assert "## Notes (written by hand" in text
    assert "De lexicon-tokens maken het verschil." in text


def test_entity_counts_pool_over_folds() -> None:
    counts: dict = {}
    from collections import Counter, defaultdict
    counts = defaultdict(Counter)
    eval_nlu.add_entity_counts(counts, {"signaal": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 4},
                                        "micro avg": {"precision": 1, "recall": 1, "f1-score": 1, "support": 4}})
    eval_nlu.add_entity_counts(counts, {"signaal": {"precision": 0.5, "recall": 1.0, "f1-score": 0.667, "support": 2}})
    report = eval_nlu.entity_report(counts)
    # tp 2 + 2, fn 2 + 0, fp 0 + 2
    assert report["signaal"]["support"] == 6
    assert report["micro avg"]["precision"] == pytest.approx(4 / 6)
    assert report["micro avg"]["recall"] == pytest.approx(4 / 6)


def test_false_accepts_count_only_topics_above_the_threshold() -> None:
    out = eval_nlu._false_accepts([("a", "acne", 0.9, "acne"), ("b", "acne", 0.3, "acne"),
                                   ("c", "out_of_scope", 0.9, "out_of_scope"),
                                   ("d", "nlu_fallback", 1.0, "wallen"), ("e", "greet", 0.9, "greet"),
                                   ("f", "nlu_fallback", 1.0, "out_of_scope")], 0.45)
    assert out["false_accepts"] == 1 and out["rate"] == pytest.approx(1 / 6)
    # the sure out_of_scope answer and the unsure one with out_of_scope likeliest
    assert out["told_cannot_help"] == 2


def test_likeliest_intent_is_read_behind_the_fallback() -> None:
    parse = {"intent": {"name": "nlu_fallback", "confidence": 0.5},
             "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5},
                                {"name": "out_of_scope", "confidence": 0.4}, {"name": "acne", "confidence": 0.3}]}
    assert eval_nlu._likeliest(parse) == "out_of_scope"
    assert eval_nlu._likeliest({"intent": {"name": "acne", "confidence": 0.9}}) == "acne"


def test_folds_are_written_the_same_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rasa")
    monkeypatch.setattr(eval_nlu, "FOLDS_DIR", tmp_path / "folds")
    first = eval_nlu.write_folds(3)
    snapshot = {f["test"]: Path(f["test"]).read_text() for f in first}
    second = eval_nlu.write_folds(3)
    assert {f["test"]: Path(f["test"]).read_text() for f in second} == snapshot
    assert sum(f["n_test"] for f in first) == first[0]["n_train"] + first[0]["n_test"]


def test_typo_list_is_shown_with_the_reference_beside_it(reports: Path) -> None:
    res = _all_good()
    res["held_out"]["configured_typos"] = eval_nlu._typo_summary(
        ["wlalen", "puisjtes", "roodt"], ["wallen", "acne", "roodheid_gevoeligheid"],
        ["wallen", "acne", "nlu_fallback"], ["wallen", "acne", "roodheid_gevoeligheid"])
    res["held_out"]["reference_typos"] = eval_nlu._typo_summary(
        ["wlalen", "puisjtes", "roodt"], ["wallen", "acne", "roodheid_gevoeligheid"], ["greet", "acne", "inform"])
    text = eval_nlu.write_summary(res, META).read_text()
    assert "configured **2** of 3 (first choice, behind the fallback too: 3); reference 1 (no fallback)." in text
    assert "\"roodt\" → nlu_fallback" in text
    assert text.count("## Typos") == 1


def test_an_f1_of_exactly_the_target_is_not_marked_below_it(reports: Path) -> None:
    """126 right of 143 predicted and 137 true: F1 252/280 = 0.90, as a float 0.8999999999999999."""
    res = _all_good()
    precision, recall = 126 / 143, 126 / 137
    res["configured"] = _pipeline(0.97, 2 * precision * recall / (precision + recall), 0.96)
    text = eval_nlu.write_summary(res, META).read_text()
    assert "| acne ⚠" not in text and "| acne |" in text
