"""The one safety gate every reply goes through, and the one way a verdict is said.

    result = safety_gate(facts, "microneedling")
    result.blocked          # not now: wait, see someone first, or not at the moment
    result.warning          # the block or the caution as ONE bubble; None when allowed
    result.answer           # the verdict said out loud, "no objection" too (safety questions)
    result.unknown          # her situation is outside what the sources say: "cannot judge", no "kan"

Her GP's agreement, once told (`Facts.gp_agreed`), replaces "see your GP first" by "your practitioner
looks at what can"; any other reason (a recent peel, eczema) is said as always.

Caution policy, the same on every path: a warning is said once, in one bubble: the
verdict, the reasons of the strictest contraindications, and (when blocked) what to
do instead. Reasons she already heard in this session (`Facts.told`) are not said again.
Templates: knowledge/teksten.yml (`oordeel`, `al_gezegd`, `buiten_kennis`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge import Knowledge, load_knowledge
from bot.replies.reply import Bubble
from bot.rules.safety import Facts, Verdict, VerdictLevel, check_request, gp_cleared
from bot.textnorm import join_list

MAX_REASONS = 2  # more contraindications are in the slot and the hand-off, not in the chat bubble
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class GateResult:
    """The verdict on one request, and the one bubble that says it."""

    request: str
    verdict: Verdict
    text: str
    unknown: bool = False  # her situation is one the sources say nothing about: cannot judge
    heard: bool = False  # a caution she heard in full before, verdict and reasons

    @property
    def reminder_only(self) -> bool:
        """A caution (no block) said before in full: an answer about the treatment need not repeat it."""
        return self.heard and self.verdict.caution and not self.verdict.blocked

    @property
    def level(self) -> str:
        """The verdict's level id for the hand-off ("buiten_kennis" when it cannot judge)."""
        return "buiten_kennis" if self.unknown else self.verdict.level.value

    @property
    def allowed(self) -> bool:
        return self.verdict.level is VerdictLevel.TOEGESTAAN and not self.unknown

    @property
    def warning(self) -> Bubble | None:
        """The block or the caution, in one bubble; None when nothing stands in the way."""
        return None if self.allowed else Bubble(self.text)

    @property
    def answer(self) -> Bubble:
        """The verdict said out loud, also when there is no objection."""
        return Bubble(self.text)

    @property
    def blocked(self) -> bool:
        return self.verdict.blocked

    @property
    def caution(self) -> bool:
        return self.verdict.caution


def safety_gate(facts: Facts, request: str, *, knowledge: Knowledge | None = None) -> GateResult:
    """Check `request` against everything known about the person."""
    verdict = check_request(facts, request, knowledge=knowledge)
    cleared = gp_cleared(facts, knowledge=knowledge) if verdict.level is VerdictLevel.HUISARTS_EERST else None
    if cleared is not None:  # "mijn huisarts zegt dat het mag": every other reason still counts
        rest = safety_gate(cleared, request, knowledge=knowledge)
        if rest.blocked or rest.unknown:
            return rest
        t = (knowledge or load_knowledge()).teksten
        heard = _heard(t.akkoord_huisarts.split(". ")[0], facts.told)  # said once: then the short form
        text = (t.akkoord_huisarts_kort if heard else t.akkoord_huisarts).format(verzoek=t.verzoek_labels[request])
        return GateResult(request, verdict, text, heard=heard)
    if facts.outside_knowledge and not verdict.blocked:  # no "kan" where the sources are silent
        t = (knowledge or load_knowledge()).teksten
        heard = _heard(t.buiten_kennis.split(": ", 1)[1], facts.told)  # why and whom to ask: said once
        text = render_unknown(facts.outside_knowledge, request, knowledge, short=heard)
        return GateResult(request, verdict, text, True)
    return GateResult(request, verdict, render_verdict(verdict, request, told=facts.told, knowledge=knowledge),
                      heard=_heard_in_full(verdict, request, facts.told, knowledge or load_knowledge()))


def _heard_in_full(verdict: Verdict, request: str, told: frozenset[str], k: Knowledge) -> bool:
    """Did she hear this verdict's opening and every reason before?"""
    if not told or request not in k.teksten.verzoek_labels:
        return False
    level, values = _level_and_values(verdict, request, k)
    head = k.teksten.oordeel[level.value].kop.format(**values)
    return _heard(head, told) and all(_heard(r, told) for r in verdict.reasons_strictest_first()[:MAX_REASONS])


def _level_and_values(verdict: Verdict, request: str, k: Knowledge) -> tuple[VerdictLevel, dict[str, object]]:
    """The level a verdict is said at and the values its templates are filled with."""
    level = verdict.level
    if level is VerdictLevel.WACHT and not verdict.wait_days:
        level = VerdictLevel.NIET_NU  # a wait without a number of days: say "not now"
    label = k.teksten.verzoek_labels[request]
    days = verdict.wait_days or 0
    return level, {
        "verzoek": label,
        "Verzoek": label[:1].upper() + label[1:],
        "dagen": days,
        "dagen_woord": k.teksten.dagen_woord.een if days == 1 else k.teksten.dagen_woord.meer,
    }


def render_unknown(situations: frozenset[str], request: str, knowledge: Knowledge | None = None, *,
                   label: str | None = None, short: bool = False) -> str:
    """"Of microneedling tijdens een zwangerschap kan, kan ik niet beoordelen: …"; `label` names what
    she asks about when it is no treatment ("retinoïden"); `short`: she heard why and whom to ask."""
    k = knowledge or load_knowledge()
    t = k.teksten
    template = t.buiten_kennis_kort if short else t.buiten_kennis
    return template.format(verzoek=label or t.verzoek_labels[request], situatie=situations_said(situations, k))


def situations_said(situations: frozenset[str], knowledge: Knowledge | None = None) -> str:
    """Her situations the sources say nothing about, as she reads them ("tijdens een zwangerschap en als je
    borstvoeding geeft"); "" for none."""
    k = knowledge or load_knowledge()
    labels = [text for key, text in k.teksten.buiten_kennis_labels.items() if key in situations]
    return join_list(labels, k.taal.opsomming.laatste_voegwoord)


def product_outside_text(situations: frozenset[str], *, advice: bool = False,
                         knowledge: Knowledge | None = None) -> str | None:
    """"Welk product je tijdens een zwangerschap kunt gebruiken, staat niet in mijn bronnen." (and, with
    `advice`, who can advise her, for a reply without a verdict after it); None without such a situation."""
    k = knowledge or load_knowledge()
    said = situations_said(situations, k)
    if not said:
        return None
    text = k.teksten.product_buiten_kennis.format(situatie=said)
    return f"{text} {k.teksten.product_buiten_kennis_advies}" if advice else text


def render_verdict(verdict: Verdict, request: str, *, told: frozenset[str] = frozenset(),
                   knowledge: Knowledge | None = None) -> str:
    """The verdict on `request` in Dutch, as one bubble's text (also "no objection").

    Said once (`told`: the bot's earlier texts in this conversation): when she heard every
    reason before, a short reminder takes their place; when she heard some, a reminder and the
    new ones; a closing sentence she heard is left out. The verdict itself and what to do
    instead are said every time."""
    k = knowledge or load_knowledge()
    if request not in k.teksten.verzoek_labels:
        raise ValueError(f"unknown request {request!r}")
    level, values = _level_and_values(verdict, request, k)
    templates = k.teksten.oordeel[level.value]
    reasons = verdict.reasons_strictest_first()[:MAX_REASONS]
    new = [r for r in reasons if not _heard(r, told)]
    if reasons and not new:
        reasons = [k.teksten.al_gezegd]
    elif len(new) < len(reasons):  # a warning is said once: only the reasons she has not heard yet
        reasons = [k.teksten.al_gezegd_deels, *new]
    parts = [templates.kop.format(**values), *reasons]
    if verdict.blocked and verdict.alternatives:
        parts.append(verdict.alternatives[0])  # what to do instead: every time
    closing = templates.slot.format(**values) if templates.slot else None
    if closing and not _heard(closing, told):
        parts.append(closing)
    return " ".join(parts)


def _heard(sentence: str, told: frozenset[str]) -> bool:
    return any(sentence in text for text in told)


def sentence_count(text: str) -> int:
    """Number of sentences in `text` (a trailing fragment without full stop counts too)."""
    ends = len(_SENTENCE_END.findall(text))
    tail = _SENTENCE_END.split(text)[-1].strip()
    return ends + (1 if tail else 0)
