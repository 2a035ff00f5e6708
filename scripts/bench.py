#!/usr/bin/env python3
"""`make bench` (python -m scripts.bench): Huidbot next to the stock `rasa init` bot, same run, same client.

Starts, each on free ports on 127.0.0.1 through launch.Stack:
  * Huidbot as `make run` starts it: the Rasa server (the custom actions in it) with its SQLite tracker store
    (in the bench's temporary folder);
  * the stock bot that `rasa init --no-prompt` creates with the same Rasa (trained once, cached
    under var/bench/stock-<rasa version>/, which is gitignored), with that project's own files.
Then measures both over the REST channel with one client (scripts/bench_script.nl.txt):

  1. start time (process start until the model is loaded) and memory (RSS of every process);
  2. one client, N messages (default 200), sent to the two bots in turn so that both see the
     same load on the machine: p50/p95/p99 per turn;
  3. C concurrent clients (default 10) sending N messages in total: messages per second, for
     Huidbot, the stock bot and the scaled mode (launch/scaled.py, started next to them) in R
     rounds (default 3) that take the bots in turn; each bot's figure is its median round, so
     that a burst of load from elsewhere on this shared machine cannot decide the comparison;
  4. Huidbot's NLU alone (POST /model/parse);
  5. one long conversation (default 221 turns) per bot: a safety fact at turn 1, then a fixed
     block of 20 messages repeated, so that turns 2-21 and 202-221 are the same messages; each
     of those turns is also sent, right next to it, to a fresh conversation, so that the last
     block is compared with fresh turns under the same load of the machine (`ratio`); Huidbot's
     tracker must still hold the safety fact at the end.

Writes reports/bench.json and prints a table. This is a benchmark, not a test: a missed target
still exits 0. It exits 2 if a server does not start, 1 if more than 5 % of the requests of a
phase fail (a non-200 answer, an empty reply or no intent) or the safety fact was forgotten.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

from channels.identity import new_web_id
from launch.scaled import scaled_stack
from launch.stack import CREDENTIALS, IN_PROCESS, QUIET_ENV, RASA, ROOT, Server, Stack, StartError, free_port, tail

SCRIPT = ROOT / "scripts" / "bench_script.nl.txt"
STOCK_CACHE = ROOT / "var" / "bench"
MAX_ERROR_RATE = 0.05
WARMUP_MESSAGES = 6
REQUEST_TIMEOUT_S = 60
SAFETY_FACT = "ik gebruik bloedverdunners"  # turn 1 of the long conversation
SAFETY_SLOT, SAFETY_VALUE = "medicatie", "bloedverdunners"
LONG_BLOCK = 20  # messages repeated in the long conversation
# Targets of issue 13: Huidbot's p50 <= 0.6 x the stock bot's, its p99 <= 2 x its own p50,
# late turns of a long conversation <= 1.2 x early ones, the scaled mode >= 2.5 x the stock bot.
P50_VS_STOCK = 0.6
P99_VS_P50 = 2.0
LONG_LATE_VS_EARLY = 1.2
SCALED_VS_STOCK = 2.5
# The REST channel slows a sender above 30 messages a minute; the long conversation sends 221.
BENCH_ENV = {"RASA_TELEMETRY_ENABLED": "false", "HUIDBOT_RATE_LIMIT": "1000000"}
API_TOKEN = secrets.token_urlsafe(24)  # Huidbot's HTTP API (/model/parse, the tracker) is on only with a token


# ---------------------------------------------------------------- pure parts

def load_script(path: Path = SCRIPT) -> list[list[str]]:
    """Conversations of the script: lines between blank lines; '#' lines are comments."""
    conversations: list[list[str]] = []
    current: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            if current:
                conversations.append(current)
            current = []
            continue
        current.append(line)
    if current:
        conversations.append(current)
    return conversations


def message_plan(conversations: list[list[str]], n: int) -> list[tuple[int, str]]:
    """The first n messages of the script, cycled: (conversation number, message).

    Every conversation occurrence gets its own number (the second pass through
    the script gets new numbers), so that each gets a fresh sender id.
    """
    if not any(conversations):
        raise ValueError("the bench script has no messages")
    plan: list[tuple[int, str]] = []
    occurrence = 0
    while len(plan) < n:
        for conversation in conversations:
            if not conversation:
                continue
            for message in conversation:
                if len(plan) == n:
                    return plan
                plan.append((occurrence, message))
            occurrence += 1
    return plan


def long_conversation(conversations: list[list[str]], turns: int, block: int = LONG_BLOCK) -> list[str]:
    """One conversation of `turns` messages: the safety fact, then the script's first `block`
    messages repeated (so that windows `block` turns apart hold the same messages)."""
    lines = [line for conversation in conversations for line in conversation if line != SAFETY_FACT][:block]
    if not lines:
        raise ValueError("the bench script has no messages")
    return [SAFETY_FACT] + [lines[i % len(lines)] for i in range(turns - 1)]


def long_windows(latencies_ms: list[float], fresh_ms: list[float] | None = None, block: int = LONG_BLOCK) -> dict:
    """Medians of the first and of the last full block of repeated messages (turns 2-21 and
    the last 20 turns of the same messages). `fresh_ms`: the same messages sent, one by one right
    next to them, to a fresh conversation per block (aligned with latencies_ms[1:]); then `ratio`
    is the last block against the fresh one at the same moment, so a change in the machine's load
    does not count. > 1 means turns get slower as the conversation grows."""
    repeated = latencies_ms[1:]
    full = len(repeated) // block
    if full < 2:
        return {"early_turns": None, "late_turns": None, "early_p50_ms": None, "late_p50_ms": None,
                "late_fresh_p50_ms": None, "ratio_raw": None, "ratio": None}
    window = slice((full - 1) * block, full * block)
    early_p50, late_p50 = statistics.median(repeated[:block]), statistics.median(repeated[window])
    fresh_p50 = statistics.median(fresh_ms[window]) if fresh_ms and len(fresh_ms) >= full * block else None
    return {
        "early_turns": [2, block + 1],
        "late_turns": [(full - 1) * block + 2, full * block + 1],
        "early_p50_ms": _round(early_p50),
        "late_p50_ms": _round(late_p50),
        "late_fresh_p50_ms": _round(fresh_p50),
        "ratio_raw": _ratio(late_p50, early_p50),
        "ratio": _ratio(late_p50, fresh_p50 if fresh_ms else early_p50),
    }


def split_plan(plan: list, parts: int) -> list[list]:
    """Contiguous chunks of (almost) equal size, order kept within each chunk."""
    parts = max(1, min(parts, len(plan)))
    size, extra = divmod(len(plan), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        chunks.append(plan[start:end])
        start = end
    return chunks


def summarize(latencies_ms: list[float], wall_s: float, errors: int, requests_sent: int | None = None) -> dict:
    """p50/p95/p99, mean, max (ms), messages per second and errors of one phase."""
    sent = len(latencies_ms) if requests_sent is None else requests_sent
    summary: dict = {"requests": sent}
    if len(latencies_ms) >= 2:
        cuts = statistics.quantiles(latencies_ms, n=100, method="inclusive")
        p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    elif latencies_ms:
        p50 = p95 = p99 = latencies_ms[0]
    else:
        p50 = p95 = p99 = None  # type: ignore[assignment]
    summary.update(
        p50_ms=_round(p50),
        p95_ms=_round(p95),
        p99_ms=_round(p99),
        mean_ms=_round(statistics.fmean(latencies_ms)) if latencies_ms else None,
        max_ms=_round(max(latencies_ms)) if latencies_ms else None,
        msgs_per_s=round(sent / wall_s, 2) if wall_s > 0 else None,
        errors=errors,
    )
    return summary


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def targets(bots: dict, concurrency: int) -> dict:
    """Issue 13's targets from the measured figures; `met` is None when a figure is missing."""
    huidbot, stock = bots["huidbot"], bots.get("stock") or {}
    conc = f"concurrent_{concurrency}"
    p50, p99 = huidbot["single_client"]["p50_ms"], huidbot["single_client"]["p99_ms"]
    stock_p50 = (stock.get("single_client") or {}).get("p50_ms")
    stock_rate = (stock.get(conc) or {}).get("msgs_per_s")
    scaled_rate = ((bots.get("scaled") or {}).get(conc) or {}).get("msgs_per_s")
    long_ratio = (huidbot.get("long_conversation") or {}).get("ratio")

    def check(value: float | None, limit: float, at_most: bool = True) -> dict:
        met = None if value is None else (value <= limit if at_most else value >= limit)
        return {"value": value, "limit": limit, "met": met}

    return {
        "p50_vs_stock_p50": check(_ratio(p50, stock_p50), P50_VS_STOCK),
        "p99_vs_own_p50": check(_ratio(p99, p50), P99_VS_P50),
        "long_late_vs_early": check(long_ratio, LONG_LATE_VS_EARLY),
        f"scaled_{concurrency}_clients_vs_stock": check(_ratio(scaled_rate, stock_rate), SCALED_VS_STOCK,
                                                         at_most=False),
    }


def format_table(report: dict) -> str:
    """The side-by-side table: one row per bot, then the targets."""
    conc = report["concurrency"]
    cols = [("p50 ms", lambda b: b.get("single_client", {}).get("p50_ms")),
            ("p99 ms", lambda b: b.get("single_client", {}).get("p99_ms")),
            (f"msg/s@{conc}", lambda b: b.get(f"concurrent_{conc}", {}).get("msgs_per_s")),
            ("start s", lambda b: b.get("start_s")),
            ("RSS MB", lambda b: (b.get("rss_mb") or {}).get("total")),
            ("long early", lambda b: (b.get("long_conversation") or {}).get("early_p50_ms")),
            ("long late", lambda b: (b.get("long_conversation") or {}).get("late_p50_ms"))]
    lines = [f"{'':12}" + "".join(f"{name:>12}" for name, _ in cols)]
    for name, bot in report["bots"].items():
        cells = "".join(f"{'-' if (v := get(bot)) is None else v:>12}" for _, get in cols)
        lines.append(f"{name:12}{cells}")
    for name, target in report["targets"].items():
        verdict = {True: "met", False: "MISSED", None: "not measured"}[target["met"]]
        lines.append(f"target {name}: {target['value']} (limit {target['limit']}) -> {verdict}")
    return "\n".join(lines)


# ---------------------------------------------------------------- processes

def rss_mb(servers: list[Server]) -> dict:
    """Resident memory in MB of each server (with its child processes) and their total."""
    result: dict = {}
    for server in servers:
        try:
            process = psutil.Process(server.process.pid)
            total = process.memory_info().rss + sum(
                child.memory_info().rss for child in process.children(recursive=True))
        except psutil.Error:
            continue
        result[server.name] = round(total / 2**20, 1)
    result["total"] = round(sum(result.values()), 1)
    return result


def stock_project(cache: Path = STOCK_CACHE) -> Path:
    """The stock bot's project dir with a trained model: `rasa init --no-prompt` once, cached."""
    from importlib import metadata
    project = cache / f"stock-{metadata.version('rasa')}"
    if list(project.glob("models/*.tar.gz")):
        return project
    print(f"bench: creating and training the stock bot (rasa init --no-prompt) in {project} ...", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stock-", dir=cache) as tmp:
        init_dir = Path(tmp) / "bot"
        init_dir.mkdir()
        log = Path(tmp) / "init.log"
        with log.open("wb") as handle:
            done = subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(init_dir)], cwd=tmp,
                                  env={**os.environ, **QUIET_ENV, **BENCH_ENV}, stdout=handle, stderr=subprocess.STDOUT)
        if done.returncode != 0 or not list(init_dir.glob("models/*.tar.gz")):
            raise StartError(f"rasa init --no-prompt failed (exit code {done.returncode}):\n{tail(log)}")
        shutil.rmtree(project, ignore_errors=True)
        init_dir.rename(project)
    return project


def _model_loaded(response: requests.Response) -> bool:
    try:
        return response.ok and bool(response.json().get("model_file"))
    except ValueError:
        return False


@dataclass
class Bot:
    """One bot under test: its URL, processes and start time."""

    name: str
    url: str
    servers: list[Server]
    start_s: float


def start_huidbot(stack: Stack, model: Path, workdir: Path, timeout: float) -> Bot:
    """Rasa (the custom actions in it) with the SQLite tracker store, as `make run` starts it."""
    started = time.perf_counter()
    rasa = stack.start_rasa(free_port(), IN_PROCESS, model=model, tracker_store=workdir / "huidbot.db",
                            host="127.0.0.1", credentials=CREDENTIALS.read_text(encoding="utf-8"), auth_token=API_TOKEN)
    stack.wait_until_ready(timeout)
    return Bot("huidbot", rasa.url, [rasa], round(time.perf_counter() - started, 1))


def start_stock(stack: Stack, project: Path, timeout: float) -> Bot:
    """The stock bot with its own endpoints and credentials (no action server, in-memory trackers)."""
    model = sorted(project.glob("models/*.tar.gz"))[-1]
    port = free_port()
    started = time.perf_counter()
    command = [RASA, "run", "--model", str(model), "--endpoints", str(project / "endpoints.yml"),
               "--credentials", str(project / "credentials.yml"), "--port", str(port),
               "--interface", "127.0.0.1", "--enable-api"]
    server = stack.start_process("stock", command, f"http://127.0.0.1:{port}", "/status", ready=_model_loaded)
    stack.wait_until_ready(timeout)
    return Bot("stock", server.url, [server], round(time.perf_counter() - started, 1))


@contextlib.contextmanager
def scaled_mode(workdir: Path, model: Path, timeout: float) -> Iterator[Bot]:
    """The scaled mode (launch/scaled.py: PostgreSQL, Redis, two Rasa and two action servers with a
    Sanic worker per core, HAProxy in front); its URL is the balancer's."""
    started = time.perf_counter()
    with scaled_stack(workdir, model=model, env=BENCH_ENV, timeout=timeout) as scaled:
        servers = [node.rasa for node in scaled.nodes] + [node.actions for node in scaled.nodes]
        yield Bot("scaled", scaled.url, servers, round(time.perf_counter() - started, 1))


# ---------------------------------------------------------------- measuring

class Phase:
    """Latencies and errors of one phase, filled from several threads."""

    def __init__(self) -> None:
        self.latencies_ms: list[float] = []
        self.errors = 0
        self.sent = 0
        self.error_samples: list[str] = []
        self._lock = threading.Lock()

    def record(self, latency_ms: float | None, error: str | None) -> None:
        with self._lock:
            self.sent += 1
            if latency_ms is not None:
                self.latencies_ms.append(latency_ms)
            if error:
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(error)

    def summary(self, wall_s: float) -> dict:
        result = summarize(self.latencies_ms, wall_s, self.errors, self.sent)
        if self.error_samples:
            result["error_samples"] = self.error_samples
        return result


def _timed_post(
    session: requests.Session, url: str, payload: dict
) -> tuple[float | None, requests.Response | None, str | None]:
    start = time.perf_counter()
    try:
        response = session.post(url, json=payload, timeout=REQUEST_TIMEOUT_S)  # reads the whole body
    except requests.RequestException as exc:
        return None, None, f"{type(exc).__name__}: {exc}"
    elapsed_ms = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        return elapsed_ms, response, f"HTTP {response.status_code}: {response.text[:200]}"
    return elapsed_ms, response, None


def send_chat(session: requests.Session, base_url: str, sender: str, message: str, phase: Phase) -> None:
    elapsed_ms, response, error = _timed_post(
        session, f"{base_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
    if error is None and response is not None:
        try:
            replies = response.json()
        except ValueError:
            replies = None
        if not isinstance(replies, list) or not any(r.get("text") or r.get("buttons") or r.get("custom")
                                                    or r.get("image") for r in replies):
            error = f"empty reply to {message!r}"
    phase.record(elapsed_ms, error)


def send_parse(session: requests.Session, base_url: str, message: str, phase: Phase) -> None:
    elapsed_ms, response, error = _timed_post(session, f"{base_url}/model/parse?token={API_TOKEN}", {"text": message})
    if error is None and response is not None:
        try:
            intent = (response.json().get("intent") or {}).get("name")
        except (ValueError, AttributeError):
            intent = None
        if not intent:
            error = f"no intent for {message!r}"
    phase.record(elapsed_ms, error)


def run_chat_clients(base_url: str, plan: list[tuple[int, str]], clients: int, label: str) -> dict:
    phase = Phase()
    chunks = split_plan(plan, clients)
    barrier = threading.Barrier(len(chunks) + 1)

    def client(index: int, chunk: list[tuple[int, str]]) -> None:
        senders: dict[int, str] = {}  # the website's random ids (the REST channel refuses others)
        with requests.Session() as session:
            barrier.wait()
            for conversation, message in chunk:
                send_chat(session, base_url, senders.setdefault(conversation, new_web_id()), message, phase)

    threads = [threading.Thread(target=client, args=(i, chunk), daemon=True) for i, chunk in enumerate(chunks)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return phase.summary(time.perf_counter() - start)


def run_single_interleaved(bots: list[Bot], plan: list[tuple[int, str]]) -> dict[str, dict]:
    """One client, each message sent to every bot in turn (the order alternating), so that all
    bots are measured under the same load of the machine. Wall time counts each bot's own calls."""
    phases = {bot.name: Phase() for bot in bots}
    walls = dict.fromkeys(phases, 0.0)
    senders: dict[int, str] = {}
    with requests.Session() as session:
        for i, (conversation, message) in enumerate(plan):
            for bot in bots if i % 2 == 0 else bots[::-1]:
                start = time.perf_counter()
                send_chat(session, bot.url, senders.setdefault(conversation, new_web_id()), message, phases[bot.name])
                walls[bot.name] += time.perf_counter() - start
    return {name: phase.summary(walls[name]) for name, phase in phases.items()}


def run_parse(base_url: str, plan: list[tuple[int, str]]) -> dict:
    phase = Phase()
    with requests.Session() as session:
        start = time.perf_counter()
        for _, message in plan:
            send_parse(session, base_url, message, phase)
        wall = time.perf_counter() - start
    return phase.summary(wall)


def run_long(bot: Bot, messages: list[str], check_slot: bool, block: int = LONG_BLOCK) -> dict:
    """One conversation of len(messages) turns; next to each turn after the first, the same
    message to a fresh conversation (a new one every `block` turns, opened with the same first
    message). Per-turn latencies, the window medians and, for Huidbot, whether the tracker still
    holds the safety fact of turn 1."""
    phase, fresh = Phase(), Phase()
    sender = new_web_id()
    fresh_senders = [new_web_id() for _ in range(len(messages) // block + 1)]
    with requests.Session() as session:
        start = time.perf_counter()
        send_chat(session, bot.url, sender, messages[0], phase)
        for turn, message in enumerate(messages[1:]):
            fresh_sender = fresh_senders[turn // block]
            if turn % block == 0:
                send_chat(session, bot.url, fresh_sender, messages[0], Phase())
            pair = [(sender, phase), (fresh_sender, fresh)]
            for who, recorded in pair if turn % 2 == 0 else pair[::-1]:
                send_chat(session, bot.url, who, message, recorded)
        wall = time.perf_counter() - start
        result = {**phase.summary(wall), **long_windows(phase.latencies_ms, fresh.latencies_ms, block),
                  "turns_ms": [round(x) for x in phase.latencies_ms]}
        if check_slot:
            url = f"{bot.url}/conversations/{sender}/tracker?token={API_TOKEN}"
            tracker = session.get(url, timeout=REQUEST_TIMEOUT_S).json()
            kept = SAFETY_VALUE in ((tracker.get("slots") or {}).get(SAFETY_SLOT) or [])
            result["safety_fact_kept"] = kept
    return result


def warm_up(bots: list[Bot], plan: list[tuple[int, str]]) -> None:
    phase = Phase()
    with requests.Session() as session:
        for bot in bots:
            for _, message in plan[:WARMUP_MESSAGES]:
                send_chat(session, bot.url, new_web_id(), message, phase)
                send_parse(session, bot.url, message, phase)


# ---------------------------------------------------------------- main

def sha256_prefix(path: Path, length: int = 12) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:length]


def _versions() -> dict:
    from importlib import metadata
    found = {}
    for name in ("rasa", "rasa-sdk"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "huidbot.tar.gz")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the concurrent phase (median counts)")
    parser.add_argument("--long-turns", type=int, default=221, help="turns of the long conversation (0: skip)")
    parser.add_argument("--no-stock", action="store_true", help="measure Huidbot alone")
    parser.add_argument("--no-scaled", action="store_true", help="skip the scaled mode even if present")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench.json")
    parser.add_argument("--script", type=Path, default=SCRIPT)
    parser.add_argument("--start-timeout", type=float, default=300.0, help="seconds to wait for a bot")
    args = parser.parse_args(argv)
    if args.messages < 1 or args.concurrency < 1 or args.rounds < 1 or args.long_turns < 0:
        parser.error("--messages, --concurrency and --rounds must be at least 1, --long-turns at least 0")
    return args


def measure(args: argparse.Namespace, model: Path, tmp: Path) -> dict[str, dict]:
    """Start the bots one after the other (start times undisturbed), then run every phase."""
    conversations = load_script(args.script)
    plan = message_plan(conversations, args.messages)
    results: dict[str, dict] = {}
    project = None if args.no_stock else stock_project()
    with Stack(tmp / "huidbot", env=BENCH_ENV) as huidbot_stack, Stack(tmp / "stock", env=BENCH_ENV) as stock_stack, \
            contextlib.ExitStack() as scaled_context:
        print(f"bench: starting Huidbot ({model.name}) ...", flush=True)
        bots = [start_huidbot(huidbot_stack, model, tmp / "huidbot", args.start_timeout)]
        if project is not None:
            print("bench: starting the stock bot ...", flush=True)
            bots.append(start_stock(stock_stack, project, args.start_timeout))
        for bot in bots:
            results[bot.name] = {"start_s": bot.start_s, "rss_mb_after_start": rss_mb(bot.servers)}
        print("bench: started in " + ", ".join(f"{b.name} {b.start_s} s" for b in bots) + "; warming up", flush=True)
        warm_up(bots, plan)
        print(f"bench: 1 client, {len(plan)} messages per bot, interleaved ...", flush=True)
        for name, summary in run_single_interleaved(bots, plan).items():
            results[name]["single_client"] = summary
        print("bench: huidbot: NLU parse ...", flush=True)
        results["huidbot"]["nlu_parse"] = run_parse(bots[0].url, plan)
        if args.long_turns:
            messages = long_conversation(conversations, args.long_turns)
            for bot in bots:
                print(f"bench: {bot.name}: one conversation of {len(messages)} turns ...", flush=True)
                results[bot.name]["long_conversation"] = run_long(bot, messages, check_slot=bot.name == "huidbot")
        if not args.no_scaled:
            scaled = start_scaled(scaled_context, tmp / "scaled", model, args.start_timeout, plan, results)
            if scaled is not None:
                bots.append(scaled)
        print(f"bench: {args.concurrency} clients, {len(plan)} messages, {args.rounds} rounds alternating "
              + ", ".join(b.name for b in bots) + " ...", flush=True)
        for name, summary in run_concurrent_rounds(bots, plan, args.concurrency, args.rounds).items():
            results[name][f"concurrent_{args.concurrency}"] = summary
        for bot in bots:
            results[bot.name]["rss_mb"] = rss_mb(bot.servers)
    return results


def start_scaled(context: contextlib.ExitStack, workdir: Path, model: Path, timeout: float,
                 plan: list[tuple[int, str]], results: dict[str, dict]) -> Bot | None:
    """The scaled mode, started next to the running bots (kept until `context` closes), and warmed
    up with enough messages to reach every worker process; None (the error noted) if it cannot start."""
    print("bench: starting the scaled mode (launch/scaled.py) ...", flush=True)
    try:
        scaled = context.enter_context(scaled_mode(workdir, model, timeout))
    except (RuntimeError, OSError) as exc:  # e.g. PostgreSQL or HAProxy missing: the rest still counts
        print(f"bench: the scaled mode did not start: {exc}", file=sys.stderr)
        results["scaled"] = {"error": str(exc)[:500]}
        return None
    print(f"bench: scaled mode up in {scaled.start_s} s", flush=True)
    for _ in range(len(scaled.servers)):
        warm_up([scaled], plan)
    results["scaled"] = {"start_s": scaled.start_s}
    return scaled


def run_concurrent_rounds(bots: list[Bot], plan: list[tuple[int, str]], clients: int, rounds: int) -> dict[str, dict]:
    """`clients` concurrent clients per bot, in `rounds` rounds that take the bots in turn (the first
    bot of a round rotating), so that a burst of load from elsewhere on the shared machine hits one
    round, not one bot's only figure. Each bot's summary is its median round, with every round's rate."""
    runs: dict[str, list[dict]] = {bot.name: [] for bot in bots}
    for number in range(rounds):
        shift = number % len(bots)
        for bot in bots[shift:] + bots[:shift]:
            runs[bot.name].append(run_chat_clients(bot.url, plan, clients, f"conc-{bot.name}"))
    summaries = {}
    for name, done in runs.items():
        median = sorted(done, key=lambda r: r["msgs_per_s"])[(len(done) - 1) // 2]
        summaries[name] = {**median, "rounds_msgs_per_s": [r["msgs_per_s"] for r in done]}
    return summaries


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    model = args.model.resolve()
    if not model.is_file():
        print(f"bench: model {model} not found (run `make train`)", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="huidbot-bench-") as tmp:
        try:
            bots = measure(args, model, Path(tmp))
        except StartError as exc:
            print(f"bench: a bot did not start: {exc}", file=sys.stderr)
            return 2

    report = {
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            **_versions(),
        },
        "model": {"path": str(model.relative_to(ROOT)) if model.is_relative_to(ROOT) else str(model),
                  "sha256": sha256_prefix(model)},
        "messages": args.messages,
        "concurrency": args.concurrency,
        "bots": bots,
        "targets": targets(bots, args.concurrency),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    m = report["machine"]
    print(f"\nbench: {args.messages} messages, model {report['model']['path']} (sha256 {report['model']['sha256']}), "
          f"{m['cpu_count']} CPUs, load {'/'.join(map(str, m['loadavg_before']))} -> "
          f"{'/'.join(map(str, m['loadavg_after']))}")
    print(format_table(report))
    print(f"written: {os.path.relpath(args.out.resolve(), Path.cwd())}")
    return _exit_code(bots)


def _exit_code(bots: dict[str, dict]) -> int:
    failing = []
    for name, bot in bots.items():
        for phase_name, phase in bot.items():
            if isinstance(phase, dict) and "errors" in phase and phase["errors"] > MAX_ERROR_RATE * max(
                    phase["requests"], 1):
                failing.append(f"{name} {phase_name}")
                for sample in phase.get("error_samples", []):
                    print(f"  {name} {phase_name}: {sample}", file=sys.stderr)
    if failing:
        print(f"bench: more than {MAX_ERROR_RATE:.0%} of the requests failed in: {', '.join(failing)}",
              file=sys.stderr)
        return 1
    if (bots["huidbot"].get("long_conversation") or {}).get("safety_fact_kept") is False:
        print(f"bench: Huidbot forgot '{SAFETY_FACT}' (slot {SAFETY_SLOT}) in the long conversation",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
