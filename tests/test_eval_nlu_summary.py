"""The summary that `make eval-nlu` writes, from made-up results (no training)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("huidbot_eval_nlu", ROOT / "scripts" / "eval_nlu.py")
eval_nlu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_nlu)

META = {"folds": 5, "examples": 40, "n_intents": 2, "date": "2026-11-21", "spacy_model": "nl_core_news_sm x",
        "shared": {"epochs": 1}, "minutes": {"configured": 1.0, "baseline": 0.5}}


def _scores(f1: float, support: int = 20) -> dict:
    return {"precision": f1, "recall": f1, "f1-score": f1, "support": support}


def _results(wallen: float, acne: float, entity: float, errors: list | None = None) -> dict:
    macro = (wallen + acne) / 2
    return {
        "intents": {"wallen": _scores(wallen), "acne": _scores(acne), "accuracy": macro,
                    "macro avg": _scores(macro), "weighted avg": _scores(macro)},
        "entities": {"signaal": _scores(entity), "micro avg": _scores(entity), "macro avg": _scores(entity)},
        "errors": errors or [],
        "entity_errors": [],
    }


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(eval_nlu, "REPORTS", tmp_path)
    monkeypatch.setattr(eval_nlu, "NOTES", tmp_path / "notes.md")
    return tmp_path


def test_all_targets_met(reports: Path) -> None:
    text = eval_nlu.write_summary({"configured": _results(0.97, 0.95, 0.93),
                                   "baseline": _results(0.90, 0.90, 0.85)}, META).read_text()
    assert "All targets met." in text
    assert "**no**" not in text


def test_a_missed_target_is_marked_and_explained(reports: Path) -> None:
    errors = [{"text": "ik heb pukkels", "intent": "acne",
               "intent_prediction": {"name": "wallen", "confidence": 0.95}},
              {"text": "hoe laat is het", "intent": "out_of_scope",
               "intent_prediction": {"name": "acne", "confidence": 0.2}}]
    text = eval_nlu.write_summary({"configured": _results(0.95, 0.80, 0.93, errors),
                                   "baseline": _results(0.90, 0.90, 0.85)}, META).read_text()
    assert "| no intent below 0.85 F1 | **no** | acne 0.80 |" in text
    assert "Targets missed" in text and "Why and what would fix it" in text
    assert 'acne** F1 0.80 — missed as wallen ×1 ("ik heb pukkels")' in text
    assert "Of the 2 wrong intent predictions, 1 (50%) have out_of_scope on one side" in text


def test_configured_worse_than_baseline_is_a_miss(reports: Path) -> None:
    text = eval_nlu.write_summary({"configured": _results(0.94, 0.94, 0.91),
                                   "baseline": _results(0.96, 0.96, 0.95)}, META).read_text()
    assert "| configured ≥ baseline (intent macro-F1 and entity F1) | **no** |" in text


def test_hand_written_notes_are_included(reports: Path) -> None:
    (reports / "notes.md").write_text("Een lichtere DIET haalde hetzelfde.\n", encoding="utf-8")
    text = eval_nlu.write_summary({"configured": _results(0.97, 0.95, 0.93)}, META).read_text()
    assert "## Notes on this run" in text
    assert "Een lichtere DIET haalde hetzelfde." in text


def test_two_missed_intent_targets_get_one_explanation(reports: Path) -> None:
    text = eval_nlu.write_summary({"configured": _results(0.80, 0.80, 0.93)}, META).read_text()
    assert "intent macro-F1 ≥ 0.93; no intent below 0.85 F1" in text
    assert text.count("The intents above overlap in meaning") == 1
