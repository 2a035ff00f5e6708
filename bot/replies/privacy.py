"""What the bot says about privacy (issue 14), from bot/texts/privacy.yml.

    notice()              the one-sentence notice at the start of a conversation
    erase_question()      "wil je dat ik dit gesprek wis?" with yes/no buttons
    consent_question()    asked once before the intake's health questions (GDPR art. 9)
    without_consent()     general advice when she declines: every contraindication counts as
                          unknown, so the safety gate blocks the intensive treatments
"""
from __future__ import annotations

from functools import cache
from typing import Any

from bot.knowledge import load_knowledge
from bot.knowledge.salon_profile import load_profile, retention_days
from bot.replies.gate import safety_gate
from bot.replies.reply import Bubble, Button, Reply
from bot.replies.texts import TEXTS_DIR
from bot.rules.safety import Facts
from bot.textnorm import join_list

# Treatments whose advice depends on health facts; without consent the gate decides on "unknown".
INTENSIVE = ("microneedling", "chemische_peeling", "laser", "injectables")


@cache
def privacy_texts() -> dict[str, Any]:
    from bot.datafiles import load_data_file

    return dict(load_data_file(TEXTS_DIR / "privacy.yml", "privacy"))


def _question(data: dict[str, Any]) -> Bubble:
    return Bubble(data["vraag"], tuple(Button(data[k]["title"], data[k]["payload"]) for k in ("ja", "nee")))


def notice(profile: dict[str, Any] | None = None) -> str:
    """Digital assistant, kept N days for the salon, how to erase, link to the privacy page."""
    data = profile if profile is not None else load_profile()
    texts = privacy_texts()["melding"]
    link = texts["link"].format(url=data["privacy_url"]) if data.get("privacy_url") else ""
    return str(texts["tekst"].format(dagen=retention_days(data), link=link))


def erase_question() -> Reply:
    return Reply((_question(privacy_texts()["wissen"]["vraag"]),))


def erased() -> str:
    return str(privacy_texts()["wissen"]["gewist"])


def not_erased() -> str:
    return str(privacy_texts()["wissen"]["niet_gewist"])


def consent_question() -> Reply:
    return Reply((_question(privacy_texts()["toestemming"]["vraag"]),))


def consent_unclear() -> str:
    """Said before the question is asked again, when the answer was neither yes nor no."""
    return str(privacy_texts()["toestemming"]["opnieuw"])


def unknown_facts() -> Facts:
    """Nothing known about her health: every condition and medication may apply."""
    contract = load_knowledge().contract
    return Facts(conditions=frozenset(contract.aandoening), medication=frozenset(contract.medicatie))


def without_consent() -> Reply:
    """General, safe advice after declining: no health questions, intensive treatments via a professional."""
    texts = privacy_texts()["toestemming"]
    k = load_knowledge()
    facts = unknown_facts()
    blocked = [k.teksten.verzoek_labels[r] for r in INTENSIVE if safety_gate(facts, r).blocked]
    caution = texts["voorzichtig"].format(behandelingen=join_list(blocked, k.taal.opsomming.laatste_voegwoord))
    return Reply((Bubble(f"{texts['geweigerd']} {texts['algemeen']}"), Bubble(caution),
                  _question(texts["professional"])))
