"""The pure parts of scripts/bench.py and its Dutch script (no servers, no timing).

The endpoints the bench starts Rasa with: tests/launch/test_launch_stack.py."""
from __future__ import annotations

import importlib.util
import re
import statistics
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("huidbot_bench", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up there
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


def test_long_conversation_gives_the_safety_fact_once_then_repeats_one_block(conversations) -> None:
    messages = bench.long_conversation(conversations, 221)
    assert len(messages) == 221 and messages[0] == bench.SAFETY_FACT
    assert bench.SAFETY_FACT not in messages[1:]
    block = bench.LONG_BLOCK
    assert messages[1:1 + block] == messages[1 + 9 * block:1 + 10 * block]  # windows compared hold the same lines


def test_long_windows_compares_the_first_and_the_last_full_block() -> None:
    turns = [500.0] + [10.0] * 20 + [15.0] * 20 + [30.0] * 20 + [99.0] * 5  # turn 1, three blocks, a rest
    windows = bench.long_windows(turns, block=20)
    assert windows["early_p50_ms"] == 10.0 and windows["late_p50_ms"] == 30.0 and windows["ratio"] == 3.0
    assert windows["early_turns"] == [2, 21] and windows["late_turns"] == [42, 61]
    assert bench.long_windows([1.0] * 30, block=20)["ratio"] is None  # fewer than two blocks


def test_long_windows_against_fresh_turns_at_the_same_moment() -> None:
    turns = [500.0] + [10.0] * 20 + [40.0] * 20  # the machine got busier: everything slower
    fresh = [10.0] * 20 + [36.0] * 20             # fresh conversations at the same moments
    windows = bench.long_windows(turns, fresh, block=20)
    assert windows["ratio_raw"] == 4.0 and windows["late_fresh_p50_ms"] == 36.0
    assert windows["ratio"] == 1.11  # 40 / 36: the long conversation itself costs 11 % more


def _bot(p50: float, p99: float, rate: float, ratio: float | None = None) -> dict:
    return {"single_client": {"p50_ms": p50, "p99_ms": p99}, "concurrent_10": {"msgs_per_s": rate},
            "long_conversation": {"ratio": ratio}}


def test_targets_follow_the_issue() -> None:
    bots = {"huidbot": _bot(60.0, 110.0, 12.0, 1.1), "stock": _bot(100.0, 150.0, 20.0),
            "scaled": {"concurrent_10": {"msgs_per_s": 55.0}}}
    met = bench.targets(bots, 10)
    assert met["p50_vs_stock_p50"] == {"value": 0.6, "limit": 0.6, "met": True}
    assert met["p99_vs_own_p50"]["met"] is True and met["long_late_vs_early"]["met"] is True
    assert met["scaled_10_clients_vs_stock"] == {"value": 2.75, "limit": 2.5, "met": True}

    worse = bench.targets({"huidbot": _bot(70.0, 150.0, 12.0, 1.5), "stock": _bot(100.0, 150.0, 20.0)}, 10)
    assert worse["p50_vs_stock_p50"]["met"] is False and worse["p99_vs_own_p50"]["met"] is False
    assert worse["long_late_vs_early"]["met"] is False
    assert worse["scaled_10_clients_vs_stock"]["met"] is None  # not measured is not met


def test_the_table_has_a_row_per_bot_and_every_target() -> None:
    bots = {"huidbot": {**_bot(60.0, 110.0, 12.0, 1.1), "start_s": 30.0, "rss_mb": {"total": 900.0}},
            "stock": _bot(100.0, 150.0, 20.0)}
    table = bench.format_table({"concurrency": 10, "bots": bots, "targets": bench.targets(bots, 10)})
    lines = table.splitlines()
    assert lines[1].split() == ["huidbot", "60.0", "110.0", "12.0", "30.0", "900.0", "-", "-"]
    assert lines[2].startswith("stock")
    assert "p50_vs_stock_p50: 0.6 (limit 0.6) -> met" in table
    assert "scaled_10_clients_vs_stock: None (limit 2.5) -> not measured" in table


def test_rss_of_a_running_process_and_its_children(tmp_path: Path) -> None:
    import subprocess

    from launch.stack import Server

    child = subprocess.Popen([sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(30)"],
                             stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"  # Python is running
        server = Server("probe", "http://127.0.0.1:9", child, None, "/")
        rss = bench.rss_mb([server])
        assert 1.0 < rss["probe"] < 500.0 and rss["total"] == rss["probe"]
    finally:
        child.kill()
        child.wait()
    assert bench.rss_mb([server]) == {"total": 0}  # a process that is gone counts nothing


def test_concurrent_rounds_take_the_bots_in_turn_and_keep_each_bots_median_round(monkeypatch) -> None:
    bots = [bench.Bot(name, f"http://{name}", [], 1.0) for name in ("huidbot", "stock", "scaled")]
    rates = {"http://huidbot": [40.0, 90.0, 50.0], "http://stock": [20.0, 26.0, 5.0], "http://scaled": [70.0, 66.0, 71.0]}
    order = []

    def fake_clients(url: str, plan: list, clients: int, label: str) -> dict:
        order.append(url.removeprefix("http://"))
        return {"msgs_per_s": rates[url].pop(0), "p50_ms": 10.0 * len(order), "clients": clients}

    monkeypatch.setattr(bench, "run_chat_clients", fake_clients)
    summaries = bench.run_concurrent_rounds(bots, [(0, "hoi")], 10, 3)
    assert order == ["huidbot", "stock", "scaled", "stock", "scaled", "huidbot", "scaled", "huidbot", "stock"]
    assert summaries["huidbot"]["msgs_per_s"] == 50.0 and summaries["huidbot"]["rounds_msgs_per_s"] == [40.0, 90.0, 50.0]
    assert summaries["stock"]["msgs_per_s"] == 20.0 and summaries["stock"]["p50_ms"] == 20.0  # that round's latencies
    assert summaries["scaled"]["msgs_per_s"] == 70.0 and summaries["scaled"]["clients"] == 10
