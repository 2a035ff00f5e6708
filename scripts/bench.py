#!/usr/bin/env python3
"""`make bench` (python -m scripts.bench): response times of Huidbot over the REST channel.

Starts the action server and the Rasa server (trained model, in-memory tracker
store, 127.0.0.1 only) on free ports with launch.Stack, then measures with a fixed Dutch script
(scripts/bench_script.nl.txt):

  1. one client sending N messages (default 200) to /webhooks/rest/webhook;
  2. C concurrent clients (default 10) sending N messages in total;
  3. NLU alone: POST /model/parse for the same N messages, one client.

Writes reports/bench.json and prints p50/p95/p99 and messages per second.
This is a benchmark, not a test: a missed target still exits 0. It exits
non-zero if the servers do not start (2) or more than 5 % of the requests of
a phase fail (1): a non-200 answer, an empty reply or no intent.
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
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import requests

from channels.identity import new_web_id
from launch.stack import CREDENTIALS, IN_MEMORY, ROOT, Stack, StartError, free_port

API_TOKEN = secrets.token_urlsafe(24)  # the HTTP API (/model/parse) is on only with a token

SCRIPT = ROOT / "scripts" / "bench_script.nl.txt"
TARGET_P95_MS = 150.0
MAX_ERROR_RATE = 0.05
WARMUP_MESSAGES = 6
REQUEST_TIMEOUT_S = 60


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


def format_table(report: dict) -> str:
    rows = [("1 client", report["single_client"]),
            (f"{report['concurrency']} clients", report[f"concurrent_{report['concurrency']}"]),
            ("NLU parse only", report["nlu_parse"])]
    cols = ("p50_ms", "p95_ms", "p99_ms", "mean_ms", "max_ms", "msgs_per_s", "errors")
    head = f"{'':16}" + "".join(f"{c:>11}" for c in cols)
    lines = [head]
    for name, summary in rows:
        cells = "".join(f"{'-' if summary[c] is None else summary[c]:>11}" for c in cols)
        lines.append(f"{name:16}{cells}")
    target = report["target"]
    verdict = "met" if target["met"] else "MISSED"
    lines.append(f"target: 1-client p95 < {target['single_client_p95_ms']:g} ms -> {verdict}")
    return "\n".join(lines)


# ---------------------------------------------------------------- servers

@contextlib.contextmanager
def running_servers(model: Path, port: int, actions_port: int, workdir: Path, timeout: float) -> Iterator[str]:
    """Action server and Rasa (in-memory tracker store, HTTP API, 127.0.0.1 only), started by
    launch.Stack as `make run` starts them; yields the Rasa server's URL. StartError if one fails."""
    with Stack(workdir, env={"RASA_TELEMETRY_ENABLED": "false"}) as stack:
        actions = stack.start_actions(actions_port, host="127.0.0.1")
        rasa = stack.start_rasa(port, actions.url, model=model, tracker_store=IN_MEMORY, host="127.0.0.1",
                                credentials=CREDENTIALS.read_text(encoding="utf-8"), auth_token=API_TOKEN)
        stack.wait_until_ready(timeout)
        yield rasa.url


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
        senders: dict[int, str] = {}  # the website's random ids, one per conversation
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


def run_parse(base_url: str, plan: list[tuple[int, str]]) -> dict:
    phase = Phase()
    with requests.Session() as session:
        start = time.perf_counter()
        for _, message in plan:
            send_parse(session, base_url, message, phase)
        wall = time.perf_counter() - start
    return phase.summary(wall)


def warm_up(base_url: str, plan: list[tuple[int, str]]) -> None:
    phase = Phase()
    senders: dict[int, str] = {}
    with requests.Session() as session:
        for conversation, message in plan[:WARMUP_MESSAGES]:
            send_chat(session, base_url, senders.setdefault(conversation, new_web_id()), message, phase)
            send_parse(session, base_url, message, phase)


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "huidbot.tar.gz")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench.json")
    parser.add_argument("--port", type=int, default=None, help="Rasa server port (default: a free one)")
    parser.add_argument("--actions-port", type=int, default=None, help="action server port (default: a free one)")
    parser.add_argument("--script", type=Path, default=SCRIPT)
    parser.add_argument("--start-timeout", type=float, default=240.0, help="seconds to wait for both servers")
    args = parser.parse_args(argv)
    if args.messages < 1 or args.concurrency < 1:
        parser.error("--messages and --concurrency must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    model = args.model.resolve()
    if not model.is_file():
        print(f"bench: model {model} not found (run `make train`)", file=sys.stderr)
        return 2
    plan = message_plan(load_script(args.script), args.messages)
    port = args.port or free_port()
    actions_port = args.actions_port or free_port()
    while actions_port == port:
        actions_port = free_port()

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="huidbot-bench-") as tmp:
        print(f"bench: starting action server (:{actions_port}) and Rasa (:{port}) with {model.name} ...",
              flush=True)
        started = time.perf_counter()
        try:
            with running_servers(model, port, actions_port, Path(tmp), args.start_timeout) as url:
                print(f"bench: servers up in {time.perf_counter() - started:.0f} s; warming up", flush=True)
                warm_up(url, plan)
                print(f"bench: 1 client, {len(plan)} messages ...", flush=True)
                single = run_chat_clients(url, plan, 1, "single")
                print(f"bench: {args.concurrency} clients, {len(plan)} messages ...", flush=True)
                concurrent = run_chat_clients(url, plan, args.concurrency, f"conc{args.concurrency}")
                print(f"bench: NLU parse, {len(plan)} messages ...", flush=True)
                nlu = run_parse(url, plan)
        except StartError as exc:
            print(f"bench: servers did not start: {exc}", file=sys.stderr)
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
        "messages": len(plan),
        "concurrency": args.concurrency,
        "single_client": single,
        f"concurrent_{args.concurrency}": concurrent,
        "nlu_parse": nlu,
        "target": {
            "single_client_p95_ms": TARGET_P95_MS,
            "met": single["p95_ms"] is not None and single["p95_ms"] < TARGET_P95_MS,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    m = report["machine"]
    print(f"\nHuidbot bench: {len(plan)} messages, model {report['model']['path']} "
          f"(sha256 {report['model']['sha256']}), {m['cpu_count']} CPUs, "
          f"load {'/'.join(map(str, m['loadavg_before']))} -> {'/'.join(map(str, m['loadavg_after']))}")
    print(format_table(report))
    print(f"written: {os.path.relpath(args.out.resolve(), Path.cwd())}")

    failing = [name for name, s in (("1 client", single), (f"{args.concurrency} clients", concurrent),
                                    ("NLU parse", nlu))
               if s["errors"] > MAX_ERROR_RATE * max(s["requests"], 1)]
    if failing:
        for name, s in (("1 client", single), (f"{args.concurrency} clients", concurrent), ("NLU parse", nlu)):
            for sample in s.get("error_samples", []):
                print(f"  {name}: {sample}", file=sys.stderr)
        print(f"bench: more than {MAX_ERROR_RATE:.0%} of the requests failed in: {', '.join(failing)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
