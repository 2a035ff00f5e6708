"""Everything the replies need, loaded and built at start instead of in a customer's first turns.

The data files are read and schema-checked, and the matchers (negation lexicon, question
signals, urgent signs, the Dutch word list, ...) built, the first time they are used: about a
second spread over the first conversations after a start. `warm_up` does it all at once, so a
broken data file also stops the start instead of a conversation.
"""
from __future__ import annotations

from bot.knowledge import load_knowledge
from bot.knowledge.salon_profile import load_profile, salon_texts
from bot.replies import texts
from bot.replies.other_language import recognised_topics
from bot.replies.privacy import privacy_texts
from bot.replies.questions import match_question
from bot.replies.salon import topics_in
from bot.rules.durations import parse_days
from bot.rules.negation import scan_facts
from bot.rules.phase import signals_in
from bot.rules.spelling import is_dutch_word
from bot.rules.urgent import urgent_sign


def warm_up() -> None:
    knowledge = load_knowledge()
    load_profile()
    for loader in (texts.concern_data, texts.answer_data, texts.intake_texts, texts.intent_data,
                   texts.outage_text, texts.language_data, texts.whatsapp_texts, texts.access_texts,
                   privacy_texts, salon_texts):
        loader()
    # a text of the data's own words: the first signal of every answer
    sample = " ".join(signal for entry in knowledge.vragen.vragen for signal in entry.signalen[:1])
    scan_facts(sample)
    parse_days(sample)
    signals_in(sample)
    urgent_sign(sample)
    recognised_topics(sample)
    topics_in(sample)
    match_question(sample)
    is_dutch_word("huid")
