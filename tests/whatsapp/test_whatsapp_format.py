"""channels/whatsapp_format.py (buttons, lists, numbered options, long texts) and the pure helpers and memory of channels/whatsapp.py."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.replies.texts import whatsapp_texts
from channels import whatsapp_format as fmt
from channels.whatsapp import LocalMemory, RedisMemory, incoming_text, signature_ok, within_service_window
from launch.services import redis

LABELS = fmt.Labels("Bekijk de keuzes", "Kies wat past", "Maak een keuze:", "Stuur het nummer van je keuze.")


def options(*titles: str) -> list[fmt.Option]:
    return [fmt.Option(title, f"/keuze_{n}") for n, title in enumerate(titles, 1)]


@pytest.mark.parametrize(("title", "limit", "short"), [
    ("Ik heb last van wallen", 20, "Ik heb last van…"),
    ("Wat is microneedling?", 20, "Wat is microneedling"),  # only the question mark goes
    ("Nee, niets daarvan", 20, "Nee, niets daarvan"),
    ("Injectables (fillers, botox)", 24, "Injectables (fillers…"),
    ("Gezichtsmassagetechniekenoverzicht", 20, "Gezichtsmassagetech…"),  # one long word: cut, with an ellipsis
    ("Ja,   vooral   's ochtends", 24, "Ja, vooral 's ochtends"),
])
def test_titles_are_shortened_at_word_boundaries(title: str, limit: int, short: str) -> None:
    assert fmt.shorten(title, limit) == short


@given(st.text(alphabet=st.sampled_from("abcdefghij ,.?é"), min_size=1, max_size=60), st.integers(5, 30))
@settings(max_examples=300, deadline=None)
def test_a_shortened_title_fits_and_never_ends_mid_word_without_an_ellipsis(title: str, limit: int) -> None:
    short = fmt.shorten(title, limit)
    words = " ".join(title.split())
    assert len(short) <= limit
    if not short.endswith(fmt.ELLIPSIS):
        assert words.startswith(short) and (len(short) == len(words) or not words[len(short)].isalnum()), short


def test_three_short_buttons_become_reply_buttons_with_the_payload_as_id() -> None:
    plan = fmt.plan("Heb je **nu** een open wondje?", options("Nee, niets daarvan", "Ja, ik vertel het"), LABELS)
    assert plan.numbered == []
    [message] = plan.messages
    assert message["interactive"]["type"] == "button"
    assert message["interactive"]["body"] == {"text": "Heb je *nu* een open wondje?"}
    assert message["interactive"]["action"]["buttons"] == [
        {"type": "reply", "reply": {"id": "/keuze_1", "title": "Nee, niets daarvan"}},
        {"type": "reply", "reply": {"id": "/keuze_2", "title": "Ja, ik vertel het"}}]


def test_buttons_that_would_lose_too_much_become_a_list_with_the_whole_title() -> None:
    plan = fmt.plan("Hoi!", options("Ik heb last van wallen", "Welke fase heeft mijn huid?",
                                    "Wat doet een gezichtsmassage?"), LABELS)
    [message] = plan.messages
    interactive = message["interactive"]
    assert interactive["type"] == "list" and interactive["action"]["button"] == "Bekijk de keuzes"
    assert interactive["action"]["sections"][0]["title"] == "Kies wat past"
    rows = interactive["action"]["sections"][0]["rows"]
    assert [r["title"] for r in rows] == ["Ik heb last van wallen", "Welke fase heeft mijn…", "Wat doet een…"]
    assert "description" not in rows[0] and rows[2]["description"] == "Wat doet een gezichtsmassage?"
    assert all(len(r["title"]) <= fmt.ROW_TITLE_MAX for r in rows)


def test_four_to_ten_options_become_a_list() -> None:
    for count in (4, 10):
        plan = fmt.plan("Welke behandeling?", options(*[f"Behandeling {n}" for n in range(count)]), LABELS)
        rows = plan.messages[-1]["interactive"]["action"]["sections"][0]["rows"]
        assert len(rows) == count and plan.numbered == []


def test_more_than_ten_or_unfitting_options_are_numbered_in_the_text() -> None:
    plan = fmt.plan("Kies maar.", options(*[f"Onderwerp {n}" for n in range(1, 12)]), LABELS)
    [message] = plan.messages
    assert message["type"] == "text"
    body = message["text"]["body"]
    assert body.startswith("Kies maar.\n\n1. Onderwerp 1\n2. Onderwerp 2\n") and body.endswith(LABELS.number_hint)
    assert "11. Onderwerp 11" in body and plan.numbered == [f"/keuze_{n}" for n in range(1, 12)]
    too_long = "Een keuze met een titel die zelfs in de beschrijving van een lijst niet meer past, echt niet"
    assert fmt.plan("Kies.", options("Ja", too_long), LABELS).numbered == ["/keuze_1", "/keuze_2"]
    same_payload = [fmt.Option("Ja", "/affirm"), fmt.Option("Zeker", "/affirm")]
    assert fmt.plan("Kies.", same_payload, LABELS).numbered == ["/affirm", "/affirm"]


def test_a_bare_number_picks_an_offered_option_and_nothing_else_does() -> None:
    offered = ["/a", "/b", "/c"]
    assert [fmt.chosen_option(t, offered) for t in ("2", " 3 ", "1.", "2)")] == ["/b", "/c", "/a", "/b"]
    assert [fmt.chosen_option(t, offered) for t in ("4", "0", "2 weken", "twee", "")] == [None] * 5
    assert fmt.chosen_option("2", []) is None


def test_long_text_is_split_at_sentence_boundaries() -> None:
    sentences = [f"Zin nummer {n} gaat over rustig masseren met koele vingers." for n in range(200)]
    text = " ".join(sentences)
    pieces = fmt.split_text(text)
    assert len(text) > fmt.TEXT_MAX and len(pieces) == 3
    assert all(len(p) <= fmt.TEXT_MAX for p in pieces)
    assert all(p.endswith("vingers.") and p.startswith("Zin nummer") for p in pieces)
    assert " ".join(pieces) == text
    word = "a" * 5000
    assert [len(p) for p in fmt.split_text(word)] == [4096, 904]


def test_a_long_text_with_buttons_sends_the_text_first_and_the_buttons_under_its_end() -> None:
    text = " ".join(f"Dit is zin {n} van een lang antwoord over je huid." for n in range(60))
    plan = fmt.plan(text, options("Ja", "Nee"), LABELS)
    *leading, last = plan.messages
    assert leading and all(m["type"] == "text" for m in leading)
    assert last["interactive"]["type"] == "button" and len(last["interactive"]["body"]["text"]) <= fmt.BUTTON_BODY_MAX
    assert " ".join([*(m["text"]["body"] for m in leading), last["interactive"]["body"]["text"]]) == text
    assert fmt.plan("", options("Ja", "Nee"), LABELS).messages[0]["interactive"]["body"]["text"] == LABELS.choose


def test_markdown_becomes_whatsapp_markup_and_links_stay_plain_text() -> None:
    text = "## Tip\n**Koel** je ogen. Lees [meer](https://salon.example/tips) of https://salon.example/boek ~~nu~~"
    assert fmt.to_whatsapp_markup(text) == (
        "*Tip*\n*Koel* je ogen. Lees meer (https://salon.example/tips) of https://salon.example/boek ~nu~")
    [message] = fmt.plan("Boek via https://salon.example/boek", [], LABELS).messages
    assert message == {"type": "text", "text": {"body": "Boek via https://salon.example/boek", "preview_url": False}}


def test_the_channels_own_sentences_fit_whatsapp() -> None:
    texts = whatsapp_texts()
    assert len(texts["lijst_knop"]) <= fmt.BUTTON_TITLE_MAX and len(texts["lijst_kop"]) <= fmt.ROW_TITLE_MAX
    assert "tekst" in texts["alleen_tekst"]


# --- what comes in ----------------------------------------------------------------------------
def test_incoming_messages_become_text_for_the_bot() -> None:
    assert incoming_text({"type": "text", "text": {"body": "hoi"}}, []) == "hoi"
    assert incoming_text({"type": "text", "text": {"body": "2"}}, ["/a", "/b"]) == "/b"
    assert incoming_text({"type": "text", "text": {"body": "2"}}, []) == "2"
    tapped = {"type": "interactive", "interactive": {"type": "list_reply", "list_reply": {"id": "/wallen", "title": "x"}}}
    assert incoming_text(tapped, []) == "/wallen"
    template = {"type": "button", "button": {"payload": "/affirm", "text": "Ja"}}
    assert incoming_text(template, []) == "/affirm"
    for kind in ("image", "audio", "sticker", "location"):
        assert incoming_text({"type": kind, kind: {}}, []) is None


def test_signature_and_service_window() -> None:
    raw = b'{"object":"whatsapp_business_account"}'
    good = "sha256=" + __import__("hmac").new(b"geheim", raw, "sha256").hexdigest()
    assert signature_ok(raw, good, "geheim")
    assert not signature_ok(raw, good, "ander geheim") and not signature_ok(raw, None, "geheim")
    assert not signature_ok(raw + b" ", good, "geheim") and not signature_ok(raw, good.upper(), "geheim")
    assert within_service_window({"timestamp": "1000"}, now=1000 + 23 * 3600)
    assert not within_service_window({"timestamp": "1000"}, now=1000 + 25 * 3600)


# --- memory: local (bounded) and Redis ------------------------------------------------------
def test_local_memory_is_bounded_and_an_offer_is_taken_once() -> None:
    async def scenario() -> None:
        memory = LocalMemory(size=3)
        assert await memory.first_time("m1") and not await memory.first_time("m1")
        for n in range(2, 6):
            await memory.first_time(f"m{n}")
        assert await memory.first_time("m1")  # forgotten: the oldest of more than three
        assert await memory.first_time("media:wa-1", 0.2) and not await memory.first_time("media:wa-1", 0.2)
        await asyncio.sleep(0.3)
        assert await memory.first_time("media:wa-1", 0.2)  # its time is up
        await memory.offer("wa-1", ["/a", "/b"])
        assert await memory.take_offer("wa-1") == ["/a", "/b"]
        assert await memory.take_offer("wa-1") == []

    asyncio.run(scenario())


class FakeRedis:
    """The three Redis calls RedisMemory makes, on a dict (with the expiry recorded)."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.expiry: dict[str, int] = {}

    async def set(self, name: str, value: str, nx: bool = False, ex: int | None = None) -> bool | None:
        if nx and name in self.data:
            return None
        self.data[name] = value.encode()
        if ex:
            self.expiry[name] = ex
        return True

    def pipeline(self, transaction: bool = True) -> FakePipeline:
        return FakePipeline(self)


class FakePipeline:
    def __init__(self, redis: FakeRedis) -> None:
        self.redis, self.ops = redis, []  # type: ignore[var-annotated]

    async def __aenter__(self) -> FakePipeline:
        return self

    async def __aexit__(self, *args: object) -> None:
        return None

    def get(self, name: str) -> FakePipeline:
        self.ops.append(("get", name))
        return self

    def delete(self, name: str) -> FakePipeline:
        self.ops.append(("delete", name))
        return self

    async def execute(self) -> list[Any]:
        return [self.redis.data.get(n) if op == "get" else int(self.redis.data.pop(n, None) is not None)
                for op, n in self.ops]


def test_redis_memory_on_a_real_redis_server(tmp_path: Path) -> None:
    """What the scaled mode uses (HUIDBOT_REDIS_URL): two servers see each other's message ids."""
    import redis.asyncio as redis_client  # type: ignore[import-untyped]

    async def scenario(url: str) -> None:
        first, second = RedisMemory(redis_client.from_url(url)), RedisMemory(redis_client.from_url(url))
        assert await first.first_time("wamid.REDIS1") and not await second.first_time("wamid.REDIS1")
        await first.offer("wa-abc", ["/a", "/b"])
        assert await second.take_offer("wa-abc") == ["/a", "/b"] and await first.take_offer("wa-abc") == []
        for memory in (first, second):
            await memory.client.close()

    with redis(tmp_path) as server:
        asyncio.run(scenario(server.url))


def test_redis_memory_shares_seen_ids_and_offers_without_phone_numbers() -> None:
    async def scenario() -> None:
        redis = FakeRedis()
        first, second = RedisMemory(redis), RedisMemory(redis)  # two Rasa servers
        assert await first.first_time("wamid.ABC") and not await second.first_time("wamid.ABC")
        await first.offer("wa-0123", ["/a", "/b"])
        assert await second.take_offer("wa-0123") == ["/a", "/b"] and await first.take_offer("wa-0123") == []
        assert all(re.fullmatch(r"huidbot:wa:(seen:[0-9a-f]{32}|offer:wa-0123)", k) for k in redis.expiry)
        assert max(redis.expiry.values()) == 7 * 24 * 3600

    asyncio.run(scenario())
