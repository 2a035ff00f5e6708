"""The NLU components of issue 11, without a full training run."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402

from components.fuzzy_lexicon import FuzzyLexiconEntityExtractor, edit_distance, spelling_key  # noqa: E402
from components.lexicon_intent import (  # noqa: E402
    LexiconIntentClassifier,
    normalise,
    unknown_token,
)

MEDS = ["xarelto", "eliquis", "plavix", "sintrom", "sintrom mitis", "warfarine", "clexane",
        "doac", "bloedverdunners", "efient"]


def _fuzzy() -> FuzzyLexiconEntityExtractor:
    return FuzzyLexiconEntityExtractor({}, None, None,
                                       {"medicatie": {m: "bloedverdunners" for m in MEDS}})


@pytest.mark.parametrize("text, surface", [
    ("ik slik xareltoo al jaren", "xareltoo"),
    ("ik gebruik eliqis", "eliqis"),
    ("mijn vader heeft plavics", "plavics"),
    ("ik zit op sintrom mitis", "sintrom mitis"),
    ("na de operatie klexane", "klexane"),
    ("ik gebruik bloedverdunnners", "bloedverdunnners"),
    ("warfarin", "warfarin"),
    ("ik neem een doac", "doac"),
])
def test_misspelt_names_are_found(text: str, surface: str) -> None:
    found = _fuzzy().extract(text)
    assert [text[e["start"]:e["end"]] for e in found] == [surface]
    assert found[0]["value"] == "bloedverdunners" and found[0]["entity"] == "medicatie"


@pytest.mark.parametrize("text", ["dat is heel efficient", "een fragment", "ik heb een dochter",
                                  "doe maar", "de kliniek is dicht", "sinterklaas"])
def test_ordinary_words_are_not_medication(text: str) -> None:
    assert _fuzzy().extract(text) == []


def test_spelling_key_and_distance() -> None:
    assert spelling_key("Plavix") == spelling_key("plaviks")
    assert edit_distance("abc", "abd", 1) == 1
    assert edit_distance("abcdef", "a", 1) == 2  # stops above the limit


def test_fuzzy_extractor_keeps_spans_of_other_extractors() -> None:
    message = Message(data={"text": "ik slik xarelto"})
    message.set("entities", [{"entity": "medicatie", "start": 8, "end": 15, "value": "bloedverdunners",
                              "extractor": "CRFEntityExtractor"}])
    _fuzzy().process([message])
    assert len(message.get("entities")) == 1


def _train_intents(tmp_path, lines: dict[str, list[str]], synonyms: dict[str, str], **config):
    tmp_path.mkdir(parents=True, exist_ok=True)
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intent")
    context = ExecutionContext(graph_schema=None, model_id="t")  # type: ignore[arg-type]
    examples = [Message(data={"text": t, "intent": i}) for i, ts in lines.items() for t in ts]
    data = TrainingData(training_examples=examples, entity_synonyms=synonyms)
    clf = LexiconIntentClassifier.create({**LexiconIntentClassifier.get_default_config(), **config},
                                         storage, resource, context)
    clf.train(data)
    return clf, storage, resource, context


LINES = {
    "acne": ["ik heb puistjes op mijn kin", "puistjes op mijn voorhoofd", "steeds nieuwe puistjes"],
    "wallen": ["dikke wallen onder mijn ogen", "wallen in de ochtend", "mijn wallen zijn erg"],
}


def test_lexicon_tokens_carry_a_synonym_the_model_never_saw(tmp_path) -> None:
    clf, *_ = _train_intents(tmp_path, LINES, {"pukkels": "puistjes", "zakjes": "wallen"})
    assert "LEX_puistjes" in clf.lexicon.tokens("Pukkels!")
    [message] = clf.process([Message(data={"text": "pukkels"})])
    assert message.get("intent")["name"] == "acne"
    assert sum(r["confidence"] for r in message.get("intent_ranking")) == pytest.approx(1.0)


def test_intent_model_is_deterministic_and_survives_persist_load(tmp_path) -> None:
    clf, storage, resource, context = _train_intents(tmp_path / "a", LINES, {"pukkels": "puistjes"})
    again, *_ = _train_intents(tmp_path / "b", LINES, {"pukkels": "puistjes"})
    loaded = LexiconIntentClassifier.load({**LexiconIntentClassifier.get_default_config()}, storage,
                                          resource, context)
    texts = ["ik heb pukkels", "wallen", "hoe laat is het"]
    a = clf.predict_scores(texts)
    assert (a == again.predict_scores(texts)).all()
    assert (a == loaded.predict_scores(texts)).all()


def test_svm_converges_without_a_false_convergence_warning(tmp_path) -> None:
    lines = {**LINES, "stress": ["ik ben zo gespannen", "stress op het werk", "mijn kaak is gespannen"]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        short, *_ = _train_intents(tmp_path / "a", lines, {}, max_iter=5000)
    long, *_ = _train_intents(tmp_path / "b", lines, {}, max_iter=50000)
    assert not [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert np.allclose(short.coef, long.coef) and np.allclose(short.intercept, long.intercept)


def test_normalise_removes_accents() -> None:
    assert normalise("Crème ECTOÏNE") == "creme ectoine"


def test_unknown_token_counts_words_no_in_scope_line_uses() -> None:
    df = {"puistjes": 2, "mijn": 5, "kin": 1}
    assert unknown_token("puistjes op mijn kin", df) == "UNK_none"  # "op" is too short to count
    assert unknown_token("mijn fiets is stuk", df) == "UNK_half"
    assert unknown_token("fiets kapot", df) == "UNK_most"
    assert unknown_token("puistjes op mijn fiets", df) == "UNK_few"
    # leave-one-out: a training line's own words do not make it look known
    assert unknown_token("puistjes op mijn kin", df, own=True) == "UNK_few"
    assert unknown_token("?!", df) == "UNK_empty"


def test_unknown_words_setting_learns_off_topic_and_persists(tmp_path) -> None:
    lines = {**LINES, "out_of_scope": ["wat wordt het weer morgen", "wie wint de wedstrijd",
                                       "hoe bak ik een taart"]}
    clf, storage, resource, context = _train_intents(tmp_path, lines, {}, unknown_words=True)
    assert clf.word_df["puistjes"] == 3 and "taart" not in clf.word_df
    [message] = clf.process([Message(data={"text": "hoe laat vertrekt de trein naar gent"})])
    assert message.get("intent")["name"] == "out_of_scope"
    config = {**LexiconIntentClassifier.get_default_config(), "unknown_words": True}
    loaded = LexiconIntentClassifier.load(config, storage, resource, context)
    texts = ["ik heb puistjes", "hoe laat vertrekt de trein"]
    assert np.allclose(loaded.predict_scores(texts), clf.predict_scores(texts), rtol=0, atol=1e-12)


def test_known_vocabulary_counts_as_known_and_retrains_when_it_changes(tmp_path) -> None:
    knowledge = tmp_path / "kennis"
    knowledge.mkdir()
    (knowledge / "huid.yml").write_text("uitleg: Oxytocine komt vrij bij aanraking.\n", encoding="utf-8")
    lines = {**LINES, "out_of_scope": ["wat wordt het weer morgen", "hoe bak ik een taart"]}
    clf, *_ = _train_intents(tmp_path / "model", lines, {}, unknown_words=True,
                             known_vocabulary=[str(knowledge)])
    assert unknown_token(normalise("Oxytocine?"), clf.word_df) == "UNK_none"
    assert unknown_token("wat doet oxytocine", clf.word_df) == "UNK_half"  # "wat", "doet" unknown here
    assert unknown_token("wat doet benzine", clf.word_df) == "UNK_most"
    assert "oxytocine" in clf.word_df and "aanraking" in clf.word_df
    config = {"known_vocabulary": [str(knowledge)]}
    before = LexiconIntentClassifier.fingerprint_addon(config)
    (knowledge / "huid.yml").write_text("uitleg: Oxytocine en dopamine.\n", encoding="utf-8")
    assert before and LexiconIntentClassifier.fingerprint_addon(config) != before
    assert LexiconIntentClassifier.fingerprint_addon({"known_vocabulary": []}) is None


def test_sentence_embeddings_are_fixed_unit_vectors_that_carry_meaning() -> None:
    from components.sentence_embeddings import DIMENSIONS, embed

    texts = ["mijn huid is erg droog", "mijn vel voelt schraal en trekkerig aan",
             "hoe laat vertrekt de trein naar gent", ""]
    vectors = embed(texts)
    assert vectors.shape == (4, DIMENSIONS) and embed([]).shape == (0, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (vectors == embed(texts)).all()  # same text, same vector
    dry, paraphrase, train = vectors[:3]
    # a paraphrase without one shared content word is closer than another subject
    assert dry @ paraphrase > dry @ train + 0.1


def test_sentence_embeddings_classify_words_no_training_line_uses(tmp_path) -> None:
    lines = {**LINES, "out_of_scope": ["wat wordt het weer morgen", "gaat het regenen dit weekend",
                                       "hoe laat vertrekt de trein", "wat kost een busticket"]}
    plain, *_ = _train_intents(tmp_path / "plain", lines, {})
    clf, storage, resource, context = _train_intents(tmp_path / "emb", lines, {},
                                                     sentence_embeddings=True)
    texts = ["zal het zondag sneeuwen", "vertraging op het spoor vandaag?"]
    assert [m.get("intent")["name"] for m in clf.process([Message(data={"text": t}) for t in texts])] \
        == ["out_of_scope", "out_of_scope"]
    assert clf.predict_scores(texts).shape[1] == plain.predict_scores(texts).shape[1] == 3
    config = {**LexiconIntentClassifier.get_default_config(), "sentence_embeddings": True}
    loaded = LexiconIntentClassifier.load(config, storage, resource, context)
    assert np.allclose(loaded.predict_scores(texts), clf.predict_scores(texts), rtol=0, atol=1e-12)
    # a new encoder version retrains the model
    assert LexiconIntentClassifier.fingerprint_addon({"sentence_embeddings": True}) \
        != LexiconIntentClassifier.fingerprint_addon({})


def test_the_embedding_is_computed_only_for_messages_the_ngram_model_is_unsure_of(tmp_path,
                                                                                  monkeypatch) -> None:
    import components.sentence_embeddings as sentence_embeddings

    lines = {**LINES, "out_of_scope": ["wat wordt het weer morgen", "gaat het regenen dit weekend",
                                       "hoe laat vertrekt de trein", "wat kost een busticket"]}
    clf, storage, resource, context = _train_intents(tmp_path, lines, {}, sentence_embeddings=True,
                                                     embedding_below=0.8)
    always, *_ = _train_intents(tmp_path / "always", lines, {}, sentence_embeddings=True)
    embedded: list[str] = []
    real_embed = sentence_embeddings.embed
    monkeypatch.setattr(sentence_embeddings, "embed", lambda texts: embedded.extend(texts) or real_embed(texts))
    sure, unsure = "dikke wallen onder mijn ogen in de ochtend", "zal het zondag sneeuwen"
    scores = clf.predict_scores([sure, unsure])
    assert embedded == [unsure]  # the sure message skipped the encoder
    without = clf.sure_coef @ clf._sparse_features([sure]).toarray()[0] + clf.sure_intercept
    assert np.allclose(scores[0], without, rtol=0, atol=1e-12)
    assert np.allclose(scores[1], always.predict_scores([unsure])[0], rtol=0, atol=1e-12)
    assert [m.get("intent")["name"] for m in clf.process([Message(data={"text": t}) for t in (sure, unsure)])] \
        == ["wallen", "out_of_scope"]
    config = {**LexiconIntentClassifier.get_default_config(), "sentence_embeddings": True, "embedding_below": 0.8}
    loaded = LexiconIntentClassifier.load(config, storage, resource, context)
    assert np.allclose(loaded.predict_scores([sure, unsure]), scores, rtol=0, atol=1e-12)


def test_spelling_tolerance_reads_a_typo_as_the_training_word_and_persists(tmp_path) -> None:
    lines = {"acne": ["ik heb puistjes", "puistjes op mijn kin", "nieuwe puistjes"],
             "wallen": ["ik heb wallen", "wallen onder mijn ogen", "dikke wallen"]}
    plain, *_ = _train_intents(tmp_path / "a", lines, {})
    clf, storage, resource, context = _train_intents(tmp_path / "b", lines, {}, spelling_tolerance=True)
    assert plain.corrector is None
    # "wlalen" shares few character n-grams with "wallen"; read as "wallen" it is the training word
    [message] = clf.process([Message(data={"text": "Wlalen!"})])
    assert message.get("intent")["name"] == "wallen"
    assert message.get("text") == "Wlalen!"  # the message itself stays as she typed it
    assert np.allclose(clf.predict_scores(["puistjes"]), clf.predict_scores(["puisjtes"]), rtol=0, atol=1e-12)
    loaded = LexiconIntentClassifier.load({**LexiconIntentClassifier.get_default_config(), "spelling_tolerance": True},
                                          storage, resource, context)
    texts = ["wlalen", "puisjtes op mn kin", "hoe laat is het"]
    assert np.allclose(loaded.predict_scores(texts), clf.predict_scores(texts), rtol=0, atol=1e-12)
