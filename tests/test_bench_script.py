"""The pure parts of scripts/bench.py and its Dutch script (no servers, no timing).

The endpoints the bench starts Rasa with: tests/launch/test_launch_stack.py."""
from __future__ import annotations

import importlib.util
import re
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("huidbot_bench", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

ENGLISH_WORDS = {"the", "what", "how", "my", "skin", "you", "please", "thanks", "thank", "hello",
                 "can", "should", "when", "where", "bye", "yes", "no", "do", "does"}


@pytest.fixture(scope="module")
def conversations() -> list[list[str]]:
    return bench.load_script()


def test_script_parses_into_several_short_conversations(conversations) -> None:
    assert len(conversations) >= 6
    assert all(2 <= len(conversation) <= 10 for conversation in conversations)


def test_script_has_at_least_30_distinct_lines(conversations) -> None:
    lines = [line for conversation in conversations for line in conversation]
    assert len(set(lines)) >= 30


def test_every_line_is_non_empty_dutch_text(conversations) -> None:
    for line in (line for conversation in conversations for line in conversation):
        assert line.strip() == line and line, repr(line)
        assert re.search(r"[a-zA-Z]", line), repr(line)
        words = set(re.findall(r"[a-z']+", line.lower()))
        assert not words & ENGLISH_WORDS, f"English in {line!r}: {words & ENGLISH_WORDS}"


def test_script_covers_the_issue_examples(conversations) -> None:
    lines = {line for conversation in conversations for line in conversation}
    for example in ("ik heb last van wallen", "ik gebruik bloedverdunners", "wat is microneedling",
                    "net een peeling gehad mag ik masseren", "welke olie bij een droge huid",
                    "wanneer zijn jullie open", "dank je", "doei"):
        assert example in lines


def test_comments_and_blank_lines_split_conversations(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("# kop\n\nhoi\n  ik heb wallen  \n\n\n# tussendoor\ndag\n")
    assert bench.load_script(script) == [["hoi", "ik heb wallen"], ["dag"]]


def test_message_plan_cycles_with_fresh_conversation_numbers() -> None:
    plan = bench.message_plan([["a", "b"], ["c"]], 7)
    assert plan == [(0, "a"), (0, "b"), (1, "c"), (2, "a"), (2, "b"), (3, "c"), (4, "a")]
    assert len(bench.message_plan(bench.load_script(), 200)) == 200


def test_split_plan_keeps_everything_in_order() -> None:
    chunks = bench.split_plan(list(range(23)), 10)
    assert len(chunks) == 10
    assert [x for chunk in chunks for x in chunk] == list(range(23))
    assert {len(chunk) for chunk in chunks} == {2, 3}


def test_summarize_on_a_known_list() -> None:
    data = [float(x) for x in range(1, 101)]  # 1..100 ms
    summary = bench.summarize(data, wall_s=4.0, errors=3)
    cuts = statistics.quantiles(data, n=100, method="inclusive")
    assert summary["p50_ms"] == pytest.approx(50.5)
    assert summary["p95_ms"] == pytest.approx(round(cuts[94], 1)) == pytest.approx(95.05, abs=0.05)
    assert summary["p99_ms"] == pytest.approx(round(cuts[98], 1))
    assert summary["mean_ms"] == pytest.approx(50.5)
    assert summary["max_ms"] == 100.0
    assert summary["msgs_per_s"] == 25.0
    assert summary["errors"] == 3
    assert summary["requests"] == 100


def test_summarize_degenerate_inputs() -> None:
    assert bench.summarize([42.0], 1.0, 0)["p95_ms"] == 42.0
    empty = bench.summarize([], 1.0, 5, requests_sent=5)
    assert empty["p50_ms"] is None and empty["errors"] == 5 and empty["msgs_per_s"] == 5.0
