"""assess_phase: every signal, every branch, priority and confidence."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.phase import PRIORITY_PENALTY, PhaseAssessment, assess_phase, everyday_signals, signals_in, tied_phases

K = load_knowledge()
PHASE_SPECIFIC = sorted(K.phase_of_signal)
NEUTRAL = list(K.neutral_signals)
PRIORITY = list(K.fasewiel.voorrang)


@pytest.mark.parametrize("signal", PHASE_SPECIFIC)
def test_each_phase_signal_alone(k: Knowledge, signal: str) -> None:
    result = assess_phase([signal])
    phase = k.phase_of_signal[signal]
    assert result.phase == phase
    assert result.confidence == 1.0
    assert result.matched == {phase: (signal,)}
    assert result.unknown_signals == () and result.neutral_signals == ()
    assert k.teksten.signaal_labels[signal] in result.reasons[0]
    assert k.phase(phase).naam in result.reasons[0]
    assert len(result.reasons) == 1


def test_seed_signals_per_phase() -> None:
    assert assess_phase(["roodheid", "jeuk", "branderigheid", "opvlamming", "gevoeligheid"]).phase == "reset"
    assert assess_phase(["vale_teint", "spanning"]).phase == "activate"
    assert assess_phase(["fijne_lijntjes", "littekens", "verslapping"]).phase == "repair"
    assert assess_phase(["grove_porien", "pigmentvlekken", "rimpels"]).phase == "repair"
    assert assess_phase(["glans"]).phase == "radiance"


@pytest.mark.parametrize("signal", NEUTRAL)
def test_neutral_signal_alone_gives_no_phase(k: Knowledge, signal: str) -> None:
    result = assess_phase([signal])
    assert result.phase is None and result.confidence == 0.0
    assert result.neutral_signals == (signal,)
    assert result.matched == {}
    assert result.reasons[0] == k.teksten.fase.geen
    assert "hoort bij geen vaste fase" in result.reasons[1]


def test_several_neutral_signals_use_the_plural(k: Knowledge) -> None:
    result = assess_phase(["wallen", "zwelling"])
    assert result.reasons[1] == "Wallen en zwelling horen bij geen vaste fase van het fasewiel."


def test_every_contract_signal_is_known(k: Knowledge) -> None:
    result = assess_phase(k.contract.signaal)
    assert result.unknown_signals == ()
    assert set(result.neutral_signals) | {s for v in result.matched.values() for s in v} == set(k.contract.signaal)


def test_sustain_and_radiance_have_the_white_papers_own_signals(k: Knowledge) -> None:
    assert k.phase("sustain").signaalwaarden == ("rustige_huid", "stabiel_beeld")
    assert set(k.phase("radiance").signaalwaarden) == {"glans", "egale_teint", "veerkracht"}
    assert not set(k.contract.eigen_signaal) & set(k.contract.signaal)  # never mixed into the contract's
    assert assess_phase(k.contract.signalen).phase == "reset"  # safety first still wins


def test_unknown_signals_are_reported_not_dropped() -> None:
    result = assess_phase(["jeuk", "dofheid", "  "])
    assert result.phase == "reset"
    assert result.unknown_signals == ("dofheid", "  ")
    assert "dofheid" in result.reasons[-1]


def test_only_unknown_signals() -> None:
    result = assess_phase(["blabla"])
    assert (result.phase, result.confidence, result.unknown_signals) == (None, 0.0, ("blabla",))
    assert len(result.reasons) == 2


def test_no_signals() -> None:
    result = assess_phase([])
    assert result == PhaseAssessment(phase=None, confidence=0.0, reasons=(K.teksten.fase.geen,))


def test_input_is_normalized_and_deduplicated() -> None:
    result = assess_phase(["Vale teint", "vale_teint", "grove poriën", "SPANNING"])
    assert result.matched == {"activate": ("vale_teint", "spanning"), "repair": ("grove_porien",)}
    assert result.phase == "activate"


def test_any_iterable_works() -> None:
    assert assess_phase(s for s in ("jeuk",)).phase == "reset"
    assert assess_phase({"glans"}).phase == "radiance"


@pytest.mark.parametrize(("first", "second"), [
    (PRIORITY[i], PRIORITY[j]) for i in range(4) for j in range(i + 1, 4)
])
def test_safety_priority_between_phases(first: str, second: str) -> None:
    a, b = K.phase(first).signaalwaarden[0], K.phase(second).signaalwaarden[0]
    result = assess_phase([b, a])
    assert result.phase == first
    assert list(result.matched) == [first, second]
    assert K.phase(second).naam in result.reasons[1]
    assert result.confidence == 0.5  # a tie: no penalty


def test_reset_wins_over_a_majority_with_lower_confidence(k: Knowledge) -> None:
    result = assess_phase(["roodheid", "fijne_lijntjes", "rimpels", "littekens"])
    assert result.phase == "reset"
    assert result.confidence == round(0.25 * PRIORITY_PENALTY, 3)
    assert result.reasons[2] == k.teksten.fase.meerderheid.format(andere="Repair", fase="Reset")


def test_winner_with_the_majority_keeps_its_share() -> None:
    result = assess_phase(["roodheid", "jeuk", "rimpels"])
    assert result.phase == "reset"
    assert result.confidence == round(2 / 3, 3)
    assert len(result.reasons) == 2  # chosen + priority, no "majority elsewhere"


def test_neutral_signals_do_not_lower_confidence() -> None:
    result = assess_phase(["jeuk", "wallen", "droogheid"])
    assert (result.phase, result.confidence) == ("reset", 1.0)
    assert result.neutral_signals == ("wallen", "droogheid")


def test_reasons_come_from_the_templates(kdir: Path, edit_yaml) -> None:
    edit_yaml(kdir / "teksten.yml", lambda d: d["fase"].__setitem__("gekozen", "TEST {fase} {signalen} {kort}"))
    result = assess_phase(["jeuk"], knowledge=load_knowledge(kdir))
    assert result.reasons == ("TEST Reset jeuk de noodrem van de huid",)


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.sampled_from(list(K.contract.signaal) + ["onzin", "dofheid"]), max_size=12))
def test_properties(signals: list[str]) -> None:
    result = assess_phase(signals)
    assert 0.0 <= result.confidence <= 1.0
    assert result.phase != "sustain"
    phase_specific = [s for s in signals if s in K.phase_of_signal]
    if phase_specific:
        expected = min({K.phase_of_signal[s] for s in phase_specific}, key=PRIORITY.index)
        assert result.phase == expected and result.confidence > 0
    else:
        assert result.phase is None and result.confidence == 0.0
    if "roodheid" in signals:
        assert result.phase == "reset"
    assert set(result.unknown_signals) == {s for s in signals if s not in K.contract.signaal}
    assert result.reasons


# --- free text reaches every phase (signal words in fasewiel.yml) -----------------------------
@pytest.mark.parametrize(("answer", "phase"), [
    ("mijn wangen worden snel rood en het schrijnt", "reset"),
    ("alles kriebelt na het douchen", "reset"),
    ("ik zie er grauw uit en mijn huid trekt", "activate"),
    ("flets, een beetje moe", "activate"),
    ("kraaienpootjes en wat acnelittekens op mijn wangen", "repair"),
    ("mijn kaaklijn hangt wat en de poriën zijn groot", "repair"),
    ("een mooie egale teint, stevig en soepel", "radiance"),
    ("stralend eigenlijk, veel glow", "radiance"),
    ("rustig, niets bijzonders, al jaren hetzelfde", "sustain"),
    ("in balans en stabiel, ik heb nergens last van", "sustain"),
])
def test_free_text_answers_reach_every_phase(answer: str, phase: str) -> None:
    assert assess_phase(signals_in(answer)).phase == phase


@pytest.mark.parametrize("answer", ["helemaal niet rood", "geen jeuk", "ik heb geen rimpels", "niet vaal"])
def test_negated_signal_words_do_not_count(answer: str) -> None:
    assert signals_in(answer) == ()


def test_weak_words_only_count_when_answering_the_intake() -> None:
    everyday = "ik wil rustig beginnen met een stevige crème"
    assert set(signals_in(everyday)) >= {"rustige_huid", "veerkracht"}
    assert everyday_signals(everyday) == ()
    assert everyday_signals("mijn huid is rood en jeukt") == ("roodheid", "jeuk")


# --- one clarifying question when two phases are equally likely ------------------------------
@pytest.mark.parametrize(("answer", "tied"), [
    ("mijn huid is grauw en ik zie lijntjes", ("activate", "repair")),
    ("glanzend en eigenlijk heel rustig", ("radiance", "sustain")),
    ("rood en grauw", ()),                      # Reset wins without asking: calm first
    ("dof, strak en een paar lijntjes", ()),    # two against one is no tie
    ("alleen wat lijntjes", ()),
])
def test_ties_are_asked_except_when_reset_is_one_of_them(answer: str, tied: tuple[str, ...]) -> None:
    assert tied_phases(signals_in(answer)) == tied


def test_the_choice_decides_the_phase() -> None:
    from bot.replies.intake import choice_answer, choice_question
    from bot.replies.phase_result import phase_reply
    from bot.rules.facts import Memory

    memory = Memory(signals=("vale_teint", "fijne_lijntjes"))
    question = choice_question(memory)
    payloads = [b.payload for b in question.bubbles[0].buttons]
    assert payloads == ['/inform{"signaal": "vale_teint"}', '/inform{"signaal": "fijne_lijntjes"}']
    assert choice_answer([], "vooral die lijntjes eigenlijk", memory) == "repair"
    assert choice_answer([], "weet ik niet", memory) == ""
    _, assessment = phase_reply(memory, "repair")
    assert assessment.phase == "repair"
    _, unchanged = phase_reply(Memory(signals=("roodheid", "fijne_lijntjes")), "repair")
    assert unchanged.phase == "reset"  # a choice outside a tie changes nothing


@pytest.mark.parametrize("memory_args", [
    {"signals": ("vale_teint",)},
    {"signals": ("roodheid", "fijne_lijntjes")},  # a second phase's signals too: the extra sentence
    {"signals": ("fijne_lijntjes",), "last_procedure": "laser", "days_since_procedure": 20.0},  # a caution
    {"signals": ("roodheid",), "conditions": ("rosacea",)},  # a block
    {"signals": ("glans",), "medication": ("bloedverdunners",)},
])
def test_the_phase_result_is_at_most_three_bubbles_with_the_phase_first(memory_args) -> None:
    from bot.replies.phase_result import phase_reply
    from bot.rules.facts import Memory
    reply, assessment = phase_reply(Memory(**memory_args))
    texts = [b.text for b in reply.bubbles]
    assert 1 <= len(texts) <= 3 and f"{load_knowledge().phase(assessment.phase).naam}-fase" in texts[0], texts


@pytest.mark.parametrize("text", ["ik ben flink verbrand op vakantie", "mijn neus is zonverbrand",
                                  "verbrande wangen van de wintersport"])
def test_a_sunburn_is_redness_and_points_to_reset(text: str) -> None:
    assert "roodheid" in signals_in(text) and assess_phase(signals_in(text)).phase == "reset"


@pytest.mark.parametrize("text", ["helpt massage bij vetverbranding", "ik ben niet verbrand"])
def test_no_sunburn_where_none_is_said(text: str) -> None:
    assert "roodheid" not in signals_in(text)
