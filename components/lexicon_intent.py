"""Intent classifier: TF-IDF n-grams plus the data's own lexicon, linear SVM.

Why a component of our own (issue 11): a plain TF-IDF + logistic-regression
model beat the DIET pipeline on this data and trains in seconds. Rasa's
`LogisticRegressionClassifier` has fixed settings (C=1, raw counts from the
featurizers) and cannot use the lexicon, so this component builds its own
features from the message text:

* word 1-2-grams and char_wb 2-5-grams (TF-IDF, sublinear tf) on the text,
  lower-cased and without accents ("crème" = "creme");
* lexicon tokens: every surface form of `synoniemen.yml`, `lookups.yml` and
  of the annotated entities in the training data that occurs in the message
  adds a token for its canonical value and its entity or lookup name
  ("pukkels" -> LEX_puistjes LEX_signaal, "xarelto" -> LEX_bloedverdunners
  LEX_medicatie). A brand name seen only in the lookup table then counts as
  much as "bloedverdunners" in a training line;
* with `unknown_words`, a token for the share of the message's words that
  no in-scope training line (and no text in `known_vocabulary`, the bot's
  own knowledge files) uses: an off-topic subject ("benzine", "vliegticket")
  looks unknown, a rare skin word the knowledge base explains ("oxytocine")
  does not;
* with `sentence_embeddings`, the message's sentence embedding
  (`components/sentence_embeddings.py`: Google's multilingual Universal
  Sentence Encoder, shipped in its PyPI wheel) as a dense block, scaled by
  `embedding_weight`: what the message means beyond the words our training
  lines happen to use;
* a linear SVM (scikit-learn `LinearSVC`, Crammer-Singer multi-class,
  fixed `random_state`); the
  confidence is a softmax over its decision values (`temperature`), so the
  FallbackClassifier threshold works as usual.

Deterministic: same data, same model. Persisted as JSON + NumPy arrays (no
pickle), so loading a model file never runs code from it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from bot.rules.spelling import WordCorrector
from components import sentence_embeddings

logger = logging.getLogger(__name__)

WORD_PATTERN = r"(?u)\b\w+\b"
LETTERS = r"[^\W\d_]+"


def normalise(text: str | None) -> str:
    """Lower case, accents removed ("crème" -> "creme", "ectoïne" -> "ectoine")."""
    text = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


class Lexicon:
    """Surface form -> lexicon tokens, matched on word boundaries, longest first."""

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self.entries = {k: sorted(set(v)) for k, v in entries.items() if k.strip()}
        forms = sorted(self.entries, key=lambda f: (-len(f), f))
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
            if forms else None
        )

    @classmethod
    def from_training_data(cls, data: TrainingData) -> Lexicon:
        entries: dict[str, set] = {}

        def add(form: str, *tokens: str) -> None:
            form = normalise(form).strip()
            if form:
                entries.setdefault(form, set()).update(
                    "LEX_" + normalise(t).replace(" ", "_") for t in tokens if t
                )

        for form, value in (data.entity_synonyms or {}).items():
            add(form, value)
            add(value, value)
        for table in data.lookup_tables or []:
            elements = table.get("elements") or []
            if isinstance(elements, str):
                continue
            for form in elements:
                add(str(form), table["name"], data.entity_synonyms.get(str(form), ""))
        value_names: dict[str, set] = {}
        for example in data.training_examples:
            for entity in example.get(ENTITIES) or []:
                surface = example.get(TEXT, "")[entity["start"]:entity["end"]]
                value = str(entity.get("value", ""))
                add(surface, entity["entity"], value)
                value_names.setdefault("LEX_" + normalise(value).replace(" ", "_"), set()).add(
                    "LEX_" + entity["entity"])
        # a synonym's canonical value also gets its entity name ("sintrom" -> LEX_medicatie)
        for tokens in entries.values():
            for token in list(tokens):
                tokens.update(value_names.get(token, ()))
        return cls({k: sorted(v) for k, v in entries.items()})

    def tokens(self, text: str) -> str:
        if self._pattern is None:
            return "LEX_none"
        found = [t for m in self._pattern.finditer(normalise(text)) for t in self.entries[m.group(1)]]
        return " ".join(found) if found else "LEX_none"


def content_words(norm_text: str) -> set[str]:
    """The words of a normalised message that can carry a subject (3+ letters)."""
    return {w for w in re.findall(WORD_PATTERN, norm_text) if len(w) >= 3 and not w.isdigit()}


def unknown_token(norm_text: str, word_df: dict[str, int], own: bool = False) -> str:
    """A token for the share of the message's words that no in-scope training line uses.

    `own`: the message is itself an in-scope training line, so its own words are
    not counted as known (leave-one-out), as for a message the model never saw.
    """
    words = content_words(norm_text)
    if not words:
        return "UNK_empty"
    unknown = sum(1 for w in words if word_df.get(w, 0) - int(own) <= 0)
    share = unknown / len(words)
    if share == 0:
        return "UNK_none"
    if share < 0.34:
        return "UNK_few"
    if share < 0.67:
        return "UNK_half"
    return "UNK_most"


def _vocabulary_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.yml")))
        elif path.is_file():
            files.append(path)
        else:
            logger.warning("LexiconIntentClassifier: known_vocabulary %s not found", name)
    return files


def known_vocabulary(paths: list[str]) -> set[str]:
    """The content words of the given YAML files (the bot's knowledge base)."""
    words: set[str] = set()
    for path in _vocabulary_files(paths):
        words |= content_words(normalise(path.read_text(encoding="utf-8")))
    return words


def _word_uses(texts: list[str], config: dict[str, Any]) -> dict[str, int]:
    """How often each word occurs in the training lines, plus once for each word of the
    knowledge base: the words a typo may be read as."""
    uses: dict[str, int] = {}
    for text in texts:
        for word in re.findall(LETTERS, normalise(text)):
            uses[word] = uses.get(word, 0) + 1
    for word in known_vocabulary(list(config["known_vocabulary"])):
        uses[word] = uses.get(word, 0) + 1
    return uses


def _settings(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "word": dict(analyzer="word", ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True,
                     lowercase=False, token_pattern=WORD_PATTERN),
        "char": dict(analyzer=config["char_analyzer"], ngram_range=tuple(config["char_ngrams"]),
                     sublinear_tf=True, lowercase=False),
        "lex": dict(analyzer="word", lowercase=False, token_pattern=r"\S+"),
    }


def _vectorizers(config: dict[str, Any]) -> dict[str, TfidfVectorizer]:
    return {name: TfidfVectorizer(dtype=np.float64, **kw) for name, kw in _settings(config).items()}


class _FittedTfidf:
    """A fitted TfidfVectorizer rebuilt from its vocabulary and idf weights
    (CountVectorizer with a fixed vocabulary, then sublinear tf, idf, l2 norm)."""

    def __init__(self, settings: dict[str, Any], vocabulary: dict[str, int], idf: np.ndarray) -> None:
        settings = dict(settings)
        self.sublinear = settings.pop("sublinear_tf", False)
        self.counts = CountVectorizer(vocabulary=vocabulary, dtype=np.float64, **settings)
        self.vocabulary_ = vocabulary
        self.idf_ = np.asarray(idf, dtype=np.float64)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        X = self.counts.transform(texts).tocsr()
        if self.sublinear:
            np.log(X.data, X.data)
            X.data += 1
        X.data *= self.idf_[X.indices]  # = X @ diag(idf), without building a diagonal matrix per message
        return normalize(X, norm="l2", copy=False)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LexiconIntentClassifier(IntentClassifier, GraphComponent):
    """TF-IDF word + char n-grams + lexicon tokens, linear SVM (see module docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 1.0,               # LinearSVC regularisation
            "temperature": 4.0,     # confidence = softmax(temperature * decision value)
            "class_weight": None,   # or "balanced"
            "multi_class": "crammer_singer",  # LinearSVC: joint multi-class SVM (or "ovr")
            "random_seed": 2024,
            "max_iter": 5000,        # LinearSVC iterations (it converges long before)
            "ranking_length": 10,
            "use_lexicon": True,
            "lexicon_weight": 1.0,   # scales the lexicon block against the n-gram blocks
            "word_ngrams": [1, 2],
            "char_ngrams": [2, 5],
            "char_analyzer": "char_wb",
            "unknown_words": False,  # tokens for words that no in-scope line uses
            "unknown_scope_intent": "out_of_scope",
            "known_vocabulary": [],  # folders/files whose *.yml words also count as known
            "sentence_embeddings": False,  # the message's sentence embedding as features
            "embedding_weight": 1.0,  # scales that block against the n-gram blocks
            # The embedding is computed only when a model without it is less sure than
            # this (1.0: always); see `predict_scores`.
            "embedding_below": 1.0,
            # Typos read as the training lines' and knowledge base's words before the
            # features are built ("wlalen" -> "wallen"; bot.rules.spelling.WordCorrector).
            "spelling_tolerance": False,
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The known-vocabulary files are read outside the training data: a change
        to them must retrain this component."""
        files = _vocabulary_files(list(config.get("known_vocabulary") or []))
        encoder = sentence_embeddings.encoder_version() if config.get("sentence_embeddings") else ""
        if not files and not encoder:
            return None
        digest = hashlib.sha256(encoder.encode())
        for path in files:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage,
                 resource: Resource) -> None:
        self.component_config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vectorizers: Any = None  # set by train() or load()
        self.lexicon: Lexicon | None = None
        self.word_df: dict[str, int] = {}
        self.corrector: WordCorrector | None = None  # with spelling_tolerance, set by train() or load()
        self.classes: Any = None  # set by train() or load()
        self.coef: Any = None  # set by train() or load()
        self.intercept: Any = None  # set by train() or load()
        # the model without the embedding, for messages it is sure of (embedding_below < 1)
        self.sure_coef: Any = None
        self.sure_intercept: Any = None

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LexiconIntentClassifier:
        return cls(config, model_storage, resource)

    # ------------------------------------------------------------ features
    def _columns(self, texts: list[str], own: list[bool] | None = None) -> dict[str, list[str]]:
        norm = [normalise(t) for t in texts]
        own = own or [False] * len(texts)
        columns = {"word": norm, "char": norm}
        if self.component_config["use_lexicon"] and self.lexicon is not None:
            columns["lex"] = [self.lexicon.tokens(t) for t in texts]
            if self.component_config["unknown_words"]:
                columns["lex"] = [f"{lex} {unknown_token(t, self.word_df, o)}"
                                  for lex, t, o in zip(columns["lex"], norm, own, strict=True)]
        return columns

    def _sparse_features(self, texts: list[str], fit: bool = False,
                         own: list[bool] | None = None) -> sp.csr_matrix:
        """The n-gram and lexicon blocks."""
        columns = self._columns(texts, own)
        blocks = []
        for name, column in columns.items():
            vec = self.vectorizers[name]
            block = vec.fit_transform(column) if fit else vec.transform(column)
            if name == "lex":
                block = block * float(self.component_config["lexicon_weight"])
            blocks.append(block)
        return sp.hstack(blocks, format="csr")

    def _embeddings(self, texts: list[str]) -> np.ndarray:
        return sentence_embeddings.embed(texts) * float(self.component_config["embedding_weight"])

    def _fit(self, X: Any, labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Weights and intercepts of a linear SVM, one row per class (`self.classes`)."""
        svm = LinearSVC(C=self.component_config["C"], class_weight=self.component_config["class_weight"],
                        multi_class=self.component_config["multi_class"],
                        random_state=self.component_config["random_seed"],
                        max_iter=self.component_config["max_iter"])
        with warnings.catch_warnings():
            if svm.multi_class == "crammer_singer":
                # liblinear's Crammer-Singer solver returns a garbage iteration count, so
                # scikit-learn warns on every fit (scikit-learn issue 34029). The fit does
                # converge: on data/nlu, 5 000 and 20 000 iterations gave the same predictions
                # and training time (issue 11, sixth round); tests/nlu/test_nlu_components.py.
                warnings.filterwarnings("ignore", message="Liblinear failed to converge",
                                        category=ConvergenceWarning)
            svm.fit(X, labels)
        self.classes = svm.classes_
        coef = np.asarray(svm.coef_, dtype=np.float64)
        intercept = np.asarray(svm.intercept_, dtype=np.float64)
        if len(self.classes) == 2:  # binary LinearSVC keeps one row
            coef, intercept = np.vstack([-coef, coef]), np.array([-intercept[0], intercept[0]])
        return coef, intercept

    # ------------------------------------------------------------ training
    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            logger.debug("LexiconIntentClassifier: no intent examples, not trained")
            return self._resource
        texts = [e.get(TEXT) for e in examples]
        labels = [e.get(INTENT) for e in examples]
        self.lexicon = Lexicon.from_training_data(training_data)
        self.vectorizers = _vectorizers(self.component_config)
        if not self.component_config["use_lexicon"]:
            self.vectorizers.pop("lex")
        outside = self.component_config["unknown_scope_intent"]
        in_scope = [label != outside for label in labels]
        self.word_df = {}
        if self.component_config["unknown_words"]:
            for text, inside in zip(texts, in_scope, strict=True):
                if inside:
                    for w in content_words(normalise(text)):
                        self.word_df[w] = self.word_df.get(w, 0) + 1
            # Words of the knowledge base count as known for every line, its own too.
            for w in sorted(known_vocabulary(list(self.component_config["known_vocabulary"]))):
                self.word_df[w] = self.word_df.get(w, 0) + 1
        if self.component_config["spelling_tolerance"]:
            self.corrector = WordCorrector(_word_uses(texts, self.component_config))
        X = self._sparse_features(texts, fit=True, own=in_scope)
        self.sure_coef = self.sure_intercept = None
        if not self.component_config["sentence_embeddings"]:
            self.coef, self.intercept = self._fit(X, labels)
        else:
            if float(self.component_config["embedding_below"]) < 1.0:
                self.sure_coef, self.sure_intercept = self._fit(X, labels)
            self.coef, self.intercept = self._fit(sp.hstack([X, sp.csr_matrix(self._embeddings(texts))],
                                                            format="csr"), labels)
        self.persist()
        return self._resource

    # ------------------------------------------------------------ inference
    def predict_scores(self, texts: list[str]) -> np.ndarray:
        """SVM scores, one row per text.

        With `sentence_embeddings`, the embedding (about 3 ms a message, a tenth of a
        turn's CPU) is computed only for the texts that the model without it scores
        below `embedding_below`; the rest keep that model's scores. In cross-validation
        (issue 11) the model without embeddings was sure (>= 0.6) of 57 % of the lines and
        gave the same macro-F1 on them as the full model (0.933 either way)."""
        if self.corrector is not None:
            texts = [self.corrector.correct(normalise(t)) for t in texts]
        X = self._sparse_features(texts)
        if not self.component_config["sentence_embeddings"]:
            return X @ self.coef.T + self.intercept
        width = X.shape[1]
        scores = np.empty((len(texts), len(self.classes)))
        unsure = np.ones(len(texts), dtype=bool)
        if self.sure_coef is not None:
            sure_scores = X @ self.sure_coef.T + self.sure_intercept
            unsure = self._probabilities(sure_scores).max(axis=1) < float(self.component_config["embedding_below"])
            scores[~unsure] = sure_scores[~unsure]
        rows = np.flatnonzero(unsure)
        if len(rows):
            vectors = self._embeddings([texts[i] for i in rows])
            scores[rows] = (X[rows] @ self.coef[:, :width].T + vectors @ self.coef[:, width:].T
                            + self.intercept)
        return scores

    def _probabilities(self, scores: np.ndarray) -> np.ndarray:
        z = scores * float(self.component_config["temperature"])
        z = z - z.max(axis=1, keepdims=True)
        probs = np.exp(z)
        return probs / probs.sum(axis=1, keepdims=True)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.classes is None or not messages:
            return messages
        probs = self._probabilities(self.predict_scores([m.get(TEXT) or "" for m in messages]))
        n = int(self.component_config["ranking_length"]) or len(self.classes)
        for message, p in zip(messages, probs, strict=False):
            order = np.argsort(-p, kind="stable")
            ranking = [{"name": str(self.classes[i]), "confidence": float(p[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:n], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    # ------------------------------------------------------------ persistence
    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            meta = {
                "classes": [str(c) for c in self.classes],
                "lexicon": self.lexicon.entries if self.lexicon else {},
                "word_df": self.word_df,
                "word_uses": self.corrector.vocabulary if self.corrector else None,
                "vectorizers": {
                    name: {"vocabulary": {k: int(v) for k, v in vec.vocabulary_.items()}}
                    for name, vec in self.vectorizers.items()
                },
            }
            (model_dir / "lexicon_intent.json").write_text(json.dumps(meta, ensure_ascii=False),
                                                           encoding="utf-8")
            arrays = {"coef": self.coef, "intercept": self.intercept}
            if self.sure_coef is not None:
                arrays.update(sure_coef=self.sure_coef, sure_intercept=self.sure_intercept)
            arrays.update({f"idf_{name}": vec.idf_ for name, vec in self.vectorizers.items()})
            np.savez(model_dir / "lexicon_intent.npz", **arrays)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LexiconIntentClassifier:
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                meta = json.loads((model_dir / "lexicon_intent.json").read_text(encoding="utf-8"))
                with np.load(model_dir / "lexicon_intent.npz", allow_pickle=False) as arrays:
                    component.coef = arrays["coef"]
                    component.intercept = arrays["intercept"]
                    if "sure_coef" in arrays.files:
                        component.sure_coef = arrays["sure_coef"]
                        component.sure_intercept = arrays["sure_intercept"]
                    idf = {k[4:]: arrays[k] for k in arrays.files if k.startswith("idf_")}
        except (ValueError, FileNotFoundError):
            logger.debug("LexiconIntentClassifier: no trained model in %s", resource.name)
            return component
        if component.component_config["sentence_embeddings"]:
            sentence_embeddings.warm_up()
        component.classes = np.array(meta["classes"])
        component.lexicon = Lexicon(meta["lexicon"])
        component.word_df = meta.get("word_df", {})
        if meta.get("word_uses") is not None:
            component.corrector = WordCorrector(meta["word_uses"])
        component.vectorizers = {
            name: _FittedTfidf(_settings(component.component_config)[name], saved["vocabulary"], idf[name])
            for name, saved in meta["vectorizers"].items()
        }
        return component
