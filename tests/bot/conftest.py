"""Shared fixtures for the bot/ tests: the real knowledge and editable copies of it."""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.loader import KNOWLEDGE_DIR

# ../shared beside the checkout (as CI lays it out), unless the environment says otherwise.
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared"
SEEDS_DIR = Path(os.environ.get("HUIDBOT_SEEDS_DIR") or SHARED_DIR / "seeds")
SPEC_DIR = Path(os.environ.get("HUIDBOT_SPEC_DIR") or SHARED_DIR / "spec")


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    """Where conversation-contract.md lives (HUIDBOT_SPEC_DIR), if on this machine."""
    return SPEC_DIR


@pytest.fixture(scope="session")
def k() -> Knowledge:
    return load_knowledge()


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    """A private copy of bot/knowledge/*.yml that a test may break."""
    target = tmp_path / "knowledge"
    target.mkdir()
    for path in KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, target / path.name)
    return target


def _edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def edit_yaml() -> Callable[[Path, Callable[[Any], None]], None]:
    """edit_yaml(path, change): load `path`, let `change` mutate the data, write it back."""
    return _edit_yaml


def _normalize(text: str) -> str:
    """Whitespace, line-break hyphens and typographic variants made comparable."""
    text = text.replace("\u2011", "-").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"- ", "-", text).strip()


@pytest.fixture(scope="session")
def normalize() -> Callable[[str], str]:
    """Whitespace, line-break hyphens and typographic variants made comparable."""
    return _normalize


@pytest.fixture(scope="session")
def seed_text() -> Callable[[str], str]:
    """Normalized text of a seed by id; skips when the seeds are not on this machine."""
    def read(source: str) -> str:
        k = load_knowledge()
        path = SEEDS_DIR / k.bronnen[source].bestand
        if not path.exists():
            pytest.skip(f"seed file {path} not available")
        return _normalize(path.read_text(encoding="utf-8"))
    return read


def span(text: str, word: str) -> tuple[int, int]:
    """Start and end of `word` in `text` (an entity's or a mention's offsets)."""
    start = text.index(word)
    return start, start + len(word)
