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
    for name in ("load_knowledge", "Knowledge", "KnowledgeError", "DataFileError", "assess_phase", "PhaseAssessment",
                 "Facts", "Verdict", "VerdictLevel", "check_request", "contraindications_for", "parse_days",
                 "is_negated", "scan_facts", "FactMentions", "safety_gate", "GateResult", "render_verdict"):
        assert hasattr(bot, name), name
    assert list(inspect.signature(bot.check_request).parameters)[:2] == ["facts", "request"]
    assert list(inspect.signature(bot.safety_gate).parameters)[:2] == ["facts", "request"]
    assert list(inspect.signature(bot.assess_phase).parameters)[:1] == ["signals"]
    assert list(inspect.signature(bot.is_negated).parameters)[:3] == ["text", "start", "end"]
    assert list(inspect.signature(bot.render_verdict).parameters)[:2] == ["verdict", "request"]
    assert [f for f in bot.Facts.__dataclass_fields__] == [
        "conditions", "medication", "last_procedure", "days_since_procedure", "phase", "told", "outside_knowledge",
        "gp_agreed"]
    assert list(bot.Verdict.__dataclass_fields__)[:6] == [
        "level", "contraindications", "reasons", "alternatives", "sources", "wait_days"]
    assert list(bot.PhaseAssessment.__dataclass_fields__) == [
        "phase", "confidence", "reasons", "matched", "unknown_signals", "neutral_signals"]


def test_results_are_frozen() -> None:
    for cls in (bot.Facts, bot.Verdict, bot.PhaseAssessment, bot.FactMentions, bot.GateResult):
        assert cls.__dataclass_params__.frozen, cls


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


# Nothing in bot/ talks to Rasa, a database, the network or an adapter: those sit on top of it.
FORBIDDEN = ("rasa", "rasa_sdk", "sqlite3", "sqlalchemy", "psycopg2", "redis", "requests", "urllib.request",
             "http", "sanic", "actions", "channels", "components", "desk", "launch")


def test_no_rasa_sql_network_or_adapter_imports() -> None:
    for path in python_files():
        for name in _imports(path):
            assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), f"{path}: imports {name}"


# Layers, bottom to top: a module imports only from its own layer or the ones below.
LAYERS = {"datafiles": 0, "textnorm": 0, "knowledge": 0, "rules": 1, "replies": 2}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], 3) if len(parts) > 1 else 3  # `bot` itself: the public surface


def test_layers_import_downwards_only() -> None:
    for path in python_files():
        module = ".".join(path.relative_to(BOT_DIR.parent).with_suffix("").parts).removesuffix(".__init__")
        for name in _imports(path):
            if name == "bot" or name.startswith("bot."):
                assert _layer(name) <= _layer(module), f"{module} (layer {_layer(module)}) imports {name}"


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
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
