"""Entity extractor: lookup-table names with spelling tolerance (issue 11).

The CRF learns `medicatie` from a few dozen training lines; a customer may
name any of the blood thinners in `data/nlu/lookups.yml`, and misspell it
("xareltoo", "eliqis", "plavics", "klexane"). This component adds, after the
CRF, every word (or two-word sequence) that matches an entry of the
configured lookup tables:

* exactly, or
* after a light Dutch spelling normalisation (c/k, x/ks, ph/f, y/i, qu/kw,
  q/k, double letters) within edit distance 1 (both words at least
  `min_length` characters) or 2 (both at least `long_length`).

The value is the canonical one from `synoniemen.yml` ("xarelto" ->
"bloedverdunners"). A span that another extractor already found is left
alone. Deterministic, no training beyond copying the lookup tables; stored as
JSON in the model.
"""
from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from rapidfuzz.distance import Levenshtein
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

_WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)


def spelling_key(text: str) -> str:
    """Lower case, no accents, c->k, x->ks, ph->f, y->i, qu->kw, no double letters."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for a, b in (("ph", "f"), ("qu", "kw"), ("q", "k"), ("x", "ks"), ("ck", "k"), ("c", "k"), ("y", "i")):
        text = text.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", text)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or `limit` + 1 once it exceeds `limit` (rapidfuzz)."""
    return int(Levenshtein.distance(a, b, score_cutoff=limit))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class FuzzyLexiconEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Lookup-table entries, also when slightly misspelt (see module docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"lookups": ["medicatie"], "min_length": 5, "long_length": 9}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage,
                 resource: Resource, entries: dict[str, dict[str, str]] | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        # entity -> {surface form: canonical value}
        self.entries: dict[str, dict[str, str]] = entries or {}
        self._index: list[tuple[str, str, str, str]] = []  # (key, entity, value, form)
        self._build_index()

    def _build_index(self) -> None:
        self._index = [(spelling_key(form), entity, value, form)
                       for entity, forms in sorted(self.entries.items())
                       for form, value in sorted(forms.items())]

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> FuzzyLexiconEntityExtractor:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        wanted = set(self.config["lookups"])
        synonyms = training_data.entity_synonyms or {}
        self.entries = {}
        for table in training_data.lookup_tables or []:
            elements = table.get("elements")
            if table.get("name") not in wanted or not isinstance(elements, list):
                continue
            forms = self.entries.setdefault(table["name"], {})
            for form in elements:
                form = str(form).strip().lower()
                if form:
                    forms[form] = synonyms.get(form, form)
        self._build_index()
        with self._model_storage.write_to(self._resource) as model_dir:
            (model_dir / "fuzzy_lexicon.json").write_text(
                json.dumps(self.entries, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> FuzzyLexiconEntityExtractor:
        try:
            with model_storage.read_from(resource) as model_dir:
                entries = json.loads((model_dir / "fuzzy_lexicon.json").read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            entries = {}
        return cls(config, model_storage, resource, entries)

    # ------------------------------------------------------------------
    def _match(self, surface: str) -> tuple[str, str] | None:
        key = spelling_key(surface)
        best: tuple[int, str, str] | None = None
        for form_key, entity, value, form in self._index:
            if surface.lower() == form:
                return entity, value
            # the tolerance follows the shorter of the two words
            n = min(len(surface), len(form))
            limit = 2 if n >= self.config["long_length"] else 1 if n >= self.config["min_length"] else 0
            if limit:
                d = edit_distance(key, form_key, limit)
                if d <= limit and (best is None or d < best[0]):
                    best = (d, entity, value)
        return (best[1], best[2]) if best else None

    def extract(self, text: str) -> list[dict[str, Any]]:
        words = [(m.start(), m.end()) for m in _WORD.finditer(text or "")]
        found: list[dict[str, Any]] = []
        taken: list[tuple[int, int]] = []
        for size in (2, 1):  # two-word names ("sintrom mitis") first
            for i in range(len(words) - size + 1):
                start, end = words[i][0], words[i + size - 1][1]
                if any(s < end and start < e for s, e in taken):
                    continue
                hit = self._match(text[start:end])
                if hit:
                    found.append({"entity": hit[0], "value": hit[1], "start": start, "end": end,
                                  "confidence_entity": 1.0})
                    taken.append((start, end))
        return found

    def process(self, messages: list[Message]) -> list[Message]:
        if not self._index:
            return messages
        for message in messages:
            existing = message.get(ENTITIES, []) or []
            new = [e for e in self.extract(message.get(TEXT) or "")
                   if not any(x["start"] < e["end"] and e["start"] < x["end"] for x in existing)]
            if new:
                new = self.add_extractor_name(new)
                message.set(ENTITIES, existing + new, add_to_output=True)
        return messages
