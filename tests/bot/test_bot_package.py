"""The package surface and the house rules: no Rasa, no Dutch prose in code."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import bot

BOT_DIR = Path(bot.__file__).parent
DUTCH_WORDS = {"je", "jouw", "het", "een", "niet", "geen", "huid", "maar", "ook", "wel", "bij", "naar",
               "dan", "wordt", "voor", "met", "zijn", "heb", "mag", "kan"}


def python_files() -> list[Path]:
    return sorted(BOT_DIR.rglob("*.py"))


def test_public_api() -> None:
    for name in ("load_knowledge", "Knowledge", "KnowledgeError", "assess_phase", "PhaseAssessment", "Facts",
                 "Verdict", "VerdictLevel", "check_request", "contraindications_for", "parse_days", "is_negated",
                 "scan_facts", "FactMentions", "explain_verdict"):
        assert hasattr(bot, name), name
    assert list(inspect.signature(bot.check_request).parameters)[:2] == ["facts", "verzoek"]
    assert list(inspect.signature(bot.assess_phase).parameters)[:1] == ["signals"]
    assert list(inspect.signature(bot.is_negated).parameters)[:3] == ["text", "start", "end"]
    assert list(inspect.signature(bot.explain_verdict).parameters)[:2] == ["verdict", "verzoek"]
    assert [f for f in bot.Facts.__dataclass_fields__] == [
        "aandoeningen", "medicatie", "laatste_behandeling", "dagen_sinds_behandeling", "fase"]
    assert list(bot.Verdict.__dataclass_fields__)[:6] == [
        "level", "contra_indicaties", "redenen", "alternatieven", "bronnen", "dagen_te_wachten"]
    assert list(bot.PhaseAssessment.__dataclass_fields__) == [
        "phase", "confidence", "reasons", "matched", "unknown_signals", "neutral_signals"]


def test_results_are_frozen() -> None:
    for cls in (bot.Facts, bot.Verdict, bot.PhaseAssessment, bot.FactMentions):
        assert cls.__dataclass_params__.frozen, cls


def test_no_rasa_imports() -> None:
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "rasa" or n.startswith(("rasa.", "rasa_sdk")) for n in names), path


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_no_dutch_prose_in_code() -> None:
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                words = set(node.value.lower().split())
                assert len(words & DUTCH_WORDS) < 2, f"{path.name}: {node.value!r}"


def test_readme_documents_the_flow_and_the_safety_table() -> None:
    readme = (BOT_DIR / "README.md").read_text(encoding="utf-8")
    for phrase in ("loader", "huisarts_eerst", "recente_ingreep", "intensief_buiten_fase", "bronnen.yml"):
        assert phrase in readme
