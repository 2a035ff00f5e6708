"""The two rule components after the classifiers: urgent signs decide `dringend` alone, and
an unsure message that the knowledge base clearly knows is rescued from the fallback."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytest.importorskip("rasa")

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from components.fallback_rescue import MIN_SCORE, FallbackRescue  # noqa: E402
from components.urgent_signs import UrgentSignIntent  # noqa: E402

HELD_OUT_OOS = Path(__file__).parent / "out_of_scope_heldout.yml"


def message(text: str, intent: str, confidence: float = 0.3, entities: tuple[str, ...] = (),
            runner_up: tuple[str, float] = ("wallen", 0.1)) -> Message:
    m = Message(data={TEXT: text})
    m.set(INTENT, {"name": intent, "confidence": confidence})
    m.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence},
                               {"name": runner_up[0], "confidence": runner_up[1]}])
    m.set(ENTITIES, [{"entity": e, "value": e} for e in entities])
    return m


def intent_after(component, text: str, intent: str, **kwargs) -> str:
    return component.process([message(text, intent, **kwargs)])[0].get(INTENT)["name"]


@pytest.mark.parametrize("text", ["ik krijg het ineens benauwd na de peeling", "mijn tong zwelt op"])
def test_an_urgent_sign_wins_over_any_intent(text: str) -> None:
    assert intent_after(UrgentSignIntent(), text, "wallen") == "dringend"


def test_the_classifier_alone_never_says_dringend() -> None:
    assert intent_after(UrgentSignIntent(), "oogleden dik", "dringend") == "wallen"


@pytest.mark.parametrize(("text", "intent"), [
    ("is s avonds masseren beter dan s ochtends", "frequentie_duur"),
    ("moet ik mijn roller schoonmaken na gebruik", "massage_techniek"),
    ("krijg ik mijn acne littekens weg met microneedling", "microneedling_info"),
])
def test_an_unsure_knowledge_question_is_rescued(text: str, intent: str) -> None:
    assert intent_after(FallbackRescue(), text, "nlu_fallback", runner_up=(intent, 0.3)) == intent


def test_a_knowledge_match_against_the_classifier_stays_unsure() -> None:
    text = "krijg ik mijn acne littekens weg met microneedling"
    assert intent_after(FallbackRescue(), text, "nlu_fallback",
                        runner_up=("lijntjes_littekens", 0.3)) == "nlu_fallback"



def test_a_knowledge_match_that_is_only_the_classifiers_second_choice_stays_unsure() -> None:
    m = message("is s avonds masseren beter dan s ochtends", "nlu_fallback")
    m.set(INTENT_RANKING_KEY, [{"name": "nlu_fallback", "confidence": 0.4},
                               {"name": "massage_techniek", "confidence": 0.35},
                               {"name": "frequentie_duur", "confidence": 0.3}])
    assert FallbackRescue().process([m])[0].get(INTENT)["name"] == "nlu_fallback"

def test_a_sure_classifier_is_left_alone() -> None:
    assert intent_after(FallbackRescue(), "moet ik mijn roller schoonmaken na gebruik", "groet") == "groet"


def test_no_held_out_off_topic_message_is_rescued() -> None:
    blocks = yaml.safe_load(HELD_OUT_OOS.read_text(encoding="utf-8"))["nlu"]
    texts = [line[2:] for b in blocks for line in b["examples"].splitlines() if line.startswith("- ")]
    assert len(texts) >= 60
    rescued = [t for t in texts if intent_after(FallbackRescue(), t, "nlu_fallback") != "nlu_fallback"]
    assert not rescued, f"off-topic messages above score {MIN_SCORE}: {rescued}"


@pytest.mark.parametrize("entity", ["medicatie", "aandoening"])
def test_a_named_medication_or_condition_is_the_safety_question(entity: str) -> None:
    assert intent_after(FallbackRescue(), "ik slik elke dag xareltoo", "nlu_fallback",
                        entities=(entity,)) == "medische_situatie"


@pytest.mark.parametrize(("text", "rescued"), [
    ("ik heb sinds kort een pacemaker", "medische_situatie"),
    ("ben in verwachting van ons tweede kindje", "medische_situatie"),
    ("mijn buurvrouw is zwanger", "nlu_fallback"),  # someone else's: no fact of hers
    ("pff, eergisteren nog fillers laten zetten", "na_peeling"),  # a treatment she had
    ("trouwens vorige week gepeeld", "na_peeling"),
    ("ik wil binnenkort gepeeld worden", "nlu_fallback"),
    ("gebruik al jaren sintrom eigenlijk", "medische_situatie"),  # the lexicon, no NLU entity needed
    ("twijfel nog over fillers", "nlu_fallback"),  # a plan: no fact
])
def test_a_fact_the_memory_takes_makes_an_unsure_message_the_safety_question(text: str, rescued: str) -> None:
    assert intent_after(FallbackRescue(), text, "nlu_fallback") == rescued


def test_a_named_treatment_takes_a_close_runner_up() -> None:
    text = "mag ik een gezichtsmassage nemen?"
    assert intent_after(FallbackRescue(), text, "nlu_fallback", entities=("behandeling",),
                        runner_up=("gezichtsmassage_info", 0.43)) == "gezichtsmassage_info"
    assert intent_after(FallbackRescue(), text, "nlu_fallback", entities=("behandeling",),
                        runner_up=("gezichtsmassage_info", 0.2)) == "nlu_fallback"
