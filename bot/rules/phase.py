"""Phase assessment: which phase of the fasewiel do these skin signals point to?

`signals_in` reads the signals from everyday words (fasewiel.yml `signaalwoorden`), so
free-text answers ("egale teint, veerkrachtig", "rustig en stabiel") reach every phase.

Signals are contract `signaal` values. Phase-specific signals come from fasewiel.yml;
when several phases are present the first phase in `voorrang` wins (safety first:
calm the skin before anything intensive). Radiance and Sustain also have signals of
the bot's own (contract.yml `eigen_signaal`), from the white paper.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from bot.knowledge import Knowledge, load_knowledge
from bot.rules.negation import is_negated
from bot.textnorm import fold, join_list, key, word_pattern

# When safety priority overrules a phase with more signals, the confidence is
# multiplied by this factor: the choice is cautious, not the most likely one.
PRIORITY_PENALTY = 0.5


@dataclass(frozen=True)
class PhaseAssessment:
    phase: str | None  # reset|activate|repair|radiance|sustain; None without phase-specific signals
    confidence: float  # 0..1
    reasons: tuple[str, ...]  # Dutch, from teksten.yml
    matched: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phase -> its signals
    unknown_signals: tuple[str, ...] = ()  # not contract signal values (as given)
    neutral_signals: tuple[str, ...] = ()  # contract signals that belong to no phase


def assess_phase(signals: Iterable[str], *, knowledge: Knowledge | None = None) -> PhaseAssessment:
    """Assess the phase from contract signal values ("Vale teint" is read as vale_teint)."""
    k = knowledge or load_knowledge()
    matched: dict[str, list[str]] = {}
    neutral: list[str] = []
    unknown: list[str] = []
    for raw in dict.fromkeys(signals):
        signal = key(raw).replace(" ", "_")
        if signal in k.phase_of_signal:
            bucket = matched.setdefault(k.phase_of_signal[signal], [])
            if signal not in bucket:
                bucket.append(signal)
        elif signal in k.contract.signaal:
            if signal not in neutral:
                neutral.append(signal)
        else:
            unknown.append(raw)

    ordered = {p: tuple(matched[p]) for p in k.fasewiel.voorrang if p in matched}
    phase = next(iter(ordered), None)
    confidence, reasons = 0.0, []
    if phase is None:
        reasons.append(k.teksten.fase.geen)
    else:
        confidence = _confidence(phase, ordered)
        reasons += _phase_reasons(phase, ordered, k)
    reasons += _other_reasons(neutral, unknown, k)
    return PhaseAssessment(
        phase=phase,
        confidence=confidence,
        reasons=tuple(reasons),
        matched=ordered,
        unknown_signals=tuple(unknown),
        neutral_signals=tuple(neutral),
    )


def _confidence(phase: str, matched: Mapping[str, tuple[str, ...]]) -> float:
    """Share of the phase-specific signals that point to `phase`, lowered when
    safety priority overruled a phase with more signals."""
    total = sum(len(v) for v in matched.values())
    share = len(matched[phase]) / total
    overruled = any(len(v) > len(matched[phase]) for p, v in matched.items() if p != phase)
    return round(share * (PRIORITY_PENALTY if overruled else 1.0), 3)


def _labels(signals: Iterable[str], k: Knowledge) -> str:
    return join_list([k.teksten.signaal_labels[s] for s in signals], k.taal.opsomming.laatste_voegwoord)


def _phase_reasons(phase: str, matched: Mapping[str, tuple[str, ...]], k: Knowledge) -> list[str]:
    t = k.teksten.fase
    info = k.phase(phase)
    reasons = [t.gekozen.format(signalen=_labels(matched[phase], k), fase=info.naam, kort=info.kort)]
    others = [p for p in matched if p != phase]
    if others:
        names = join_list([k.phase(p).naam for p in others], k.taal.opsomming.laatste_voegwoord)
        reasons.append(t.voorrang.format(andere=names, fase=info.naam))
        bigger = [k.phase(p).naam for p in others if len(matched[p]) > len(matched[phase])]
        if bigger:
            reasons.append(t.meerderheid.format(andere=join_list(bigger, k.taal.opsomming.laatste_voegwoord),
                                                fase=info.naam))
    return reasons


def _other_reasons(neutral: list[str], unknown: list[str], k: Knowledge) -> list[str]:
    t = k.teksten.fase
    reasons = []
    if neutral:
        template = t.neutraal_een if len(neutral) == 1 else t.neutraal_meer
        text = template.format(signalen=_labels(neutral, k))
        reasons.append(text[:1].upper() + text[1:])
    if unknown:
        reasons.append(t.onbekend.format(signalen=join_list(unknown, k.taal.opsomming.laatste_voegwoord)))
    return reasons


def tied_phases(signals: Iterable[str], *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """Phases that share the most signals, when a question should decide between them.

    Safety first: when Reset is one of them it wins without asking (calm the skin before
    anything else), so a choice can never lift that rule.
    """
    matched = assess_phase(signals, knowledge=knowledge).matched
    most = max((len(v) for v in matched.values()), default=0)
    tied = tuple(p for p, v in matched.items() if len(v) == most)
    return tied if len(tied) > 1 and "reset" not in tied else ()


def phase_signal(phase: str, *, knowledge: Knowledge | None = None) -> str:
    """A signal that stands for `phase` (its first), for a button that chooses that phase."""
    k = knowledge or load_knowledge()
    return k.phase(phase).signaalwaarden[0]


# Signals of these phases are weak words in everyday talk ("rustig", "stevig"); outside the
# intake's own question they never set a phase, so they cannot lift a caution by accident.
INTAKE_ONLY_PHASES = ("radiance", "sustain")


def everyday_signals(text: str, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """`signals_in`, without the signals only the intake's question may give."""
    k = knowledge or load_knowledge()
    return tuple(s for s in signals_in(text, knowledge=k) if k.phase_of_signal.get(s) not in INTAKE_ONLY_PHASES)


def provisional_phase(signals: Iterable[str], *, knowledge: Knowledge | None = None) -> str | None:
    """The phase the signals so far point to, before the intake confirms one (None: none yet)."""
    return assess_phase(signals, knowledge=knowledge).phase


def signals_in(text: str, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """The signals a message names in everyday words, in order; negated words do not count.

    Longer phrases win over the words inside them ("rustige huid" over "rustig").
    """
    folded = fold(text or "")
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for pattern, signal in _signal_patterns(knowledge or load_knowledge()):
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            if not is_negated(text, m.start(), m.end(), knowledge=knowledge):
                found.append((m.start(), signal))
    return tuple(dict.fromkeys(signal for _, signal in sorted(found)))


@lru_cache(maxsize=8)
def _signal_patterns(k: Knowledge) -> tuple[tuple[re.Pattern[str], str], ...]:
    words = [(fold(w), signal) for signal, ws in k.fasewiel.signaalwoorden.items() for w in ws]
    words.sort(key=lambda w: -len(w[0]))
    return tuple((re.compile(word_pattern(w)), signal) for w, signal in words)
