"""The scaled mode for real (issue 13.3-5): conversations shared by two Rasa servers through
HAProxy, kept in PostgreSQL, locked in Redis; a crashed server and a PostgreSQL restart.

The tests run in file order on one started stack; the last one kills a Rasa server.
"""
from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import redis
import requests

from bot.replies.texts import outage_text
from channels.identity import new_web_id
from launch.scaled import LOCK_LIFETIME, Scaled, workers

MESSAGES = [
    "hoi",
    "ik heb last van wallen",
    "hoe vaak mag ik mijn gezicht masseren?",
    "wat is microneedling eigenlijk?",
    "welke olie gebruik je bij een gezichtsmassage?",
    "dank je wel",
]
CONVERSATIONS = 20
CONCURRENT_TURNS = 4  # the first turns of all conversations at once; the last two one by one


def say(url: str, sender: str, message: str, timeout: float = 120) -> tuple[list[dict[str, Any]], requests.Response]:
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                             timeout=timeout)
    response.raise_for_status()
    return response.json(), response


def texts(replies: list[dict[str, Any]]) -> list[str]:
    return [r["text"] for r in replies if r.get("text")]


def stored_events(scaled: Scaled, sender: str) -> list[tuple[str, dict[str, Any]]]:
    """(type, event) of the conversation's rows in PostgreSQL, in the order they were written."""
    connection = scaled.postgres.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [(kind, json.loads(data)) for kind, data in cursor.fetchall()]
    finally:
        connection.close()


def assert_turns_stored_once_in_order(scaled: Scaled, sender: str, sent: list[str]) -> None:
    events = stored_events(scaled, sender)
    user_texts = [event["text"] for kind, event in events if kind == "user"]
    assert user_texts == sent, f"{sender}: stored {user_texts}, sent {sent}"
    # every stored message has the bot's answer after it, before the next message
    turns: list[int] = []
    for kind, _ in events:
        if kind == "user":
            turns.append(0)
        elif kind == "bot" and turns:
            turns[-1] += 1
    assert all(turns), f"{sender}: a message without an answer in the tracker: {turns}"


def worker_pids(process_pid: int) -> dict[int, int]:
    """CPU ticks (user + system) of every process in the server's process group."""
    ticks = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == process_pid:  # process group id
            ticks[int(stat.parent.name)] = int(fields[11]) + int(fields[12])
    return ticks


def logs(scaled: Scaled) -> str:
    paths = [scaled.redis.log, scaled.balancer.log, scaled.postgres.log]
    paths += [s.log for n in scaled.nodes for s in (n.rasa, n.actions) if s.log]
    return "\n".join(p.read_text(errors="replace") for p in paths)


def test_twenty_conversations_share_both_servers_and_every_turn_is_stored_once_in_order(scaled: Scaled) -> None:
    actions_before = [worker_pids(n.actions.process.pid) for n in scaled.nodes]
    senders = [new_web_id() for _ in range(CONVERSATIONS)]
    scripts = {s: MESSAGES[i % 3:] + MESSAGES[:i % 3] for i, s in enumerate(senders)}
    served: dict[str, list[tuple[str, str]]] = defaultdict(list)  # sender -> (server, worker pid) per turn
    answers: dict[str, list[list[str]]] = defaultdict(list)

    def turn(sender: str, number: int) -> None:
        replies, response = say(scaled.url, sender, scripts[sender][number])
        served[sender].append((response.headers["X-Huidbot-Server"], response.headers["X-Huidbot-Worker"]))
        answers[sender].append(texts(replies))

    def first_turns(sender: str) -> None:
        for number in range(CONCURRENT_TURNS):
            turn(sender, number)

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(first_turns, senders))
    # One message at a time: round robin sends consecutive messages to different servers.
    for sender in senders:
        for number in range(CONCURRENT_TURNS, len(MESSAGES)):
            turn(sender, number)

    for sender in senders:
        assert all(answers[sender]) and len(answers[sender]) == len(MESSAGES), (sender, answers[sender])
        assert_turns_stored_once_in_order(scaled, sender, scripts[sender])
        last_two = [server for server, _ in served[sender][-2:]]
        assert last_two[0] != last_two[1], f"{sender}: consecutive messages on {last_two}"
    servers = {server for turns in served.values() for server, _ in turns}
    assert servers == {"rasa1", "rasa2"}
    pids = defaultdict(set)
    for turns in served.values():
        for server, pid in turns:
            pids[server].add(pid)
    print(f"\nRasa worker processes that answered: {dict(pids)}")
    if workers() > 1:
        assert all(len(p) > 1 for p in pids.values()), f"one worker per server answered everything: {dict(pids)}"
        # The action servers' worker processes: those that used CPU while serving the turns.
        busy = []
        for node, before in zip(scaled.nodes, actions_before, strict=True):
            after = worker_pids(node.actions.process.pid)
            busy += [pid for pid, ticks in after.items()
                     if pid != node.actions.process.pid and ticks - before.get(pid, 0) >= 5]
        print(f"action server worker processes that worked: {busy}")
        assert len(busy) > len(scaled.nodes), busy


def test_postgres_restart_asks_to_try_again_and_forgets_nothing(scaled: Scaled) -> None:
    sender = new_web_id()
    first = "hoi, ik slik bloedverdunners sinds vorig jaar"
    during = ["kan ik een microneedling behandeling laten doen bij jullie?", "hallo, doet de bot het nog?"]
    after = "kan ik een microneedling behandeling laten doen bij jullie?"
    assert texts(say(scaled.url, sender, first)[0])

    scaled.postgres.stop()
    try:
        for message in during:  # one to each server
            replies, response = say(scaled.url, sender, message)
            assert texts(replies) == [outage_text()], (response.headers.get("X-Huidbot-Server"), replies)
            assert "probeer het zo nog eens" in outage_text().lower()
    finally:
        scaled.postgres.start()

    answer = " ".join(texts(say(scaled.url, sender, after)[0])).lower()
    assert "huisarts" in answer, answer  # the blood thinners of before the outage are remembered
    assert_turns_stored_once_in_order(scaled, sender, [first, after])
    assert all(s.process.poll() is None for n in scaled.nodes for s in (n.rasa, n.actions)), "a server crashed"
    written = logs(scaled)
    for message in [first, *during]:
        assert message not in written
    assert "microneedling behandeling" not in written and "bloedverdunners sinds" not in written
    assert "InMemoryTrackerStore" not in written  # Rasa's fail-safe never took over


def test_a_killed_server_holding_the_lock_delays_its_conversation_only_briefly(scaled: Scaled) -> None:
    sender = new_web_id()
    assert texts(say(scaled.url, sender, "hallo, ik gebruik bloedverdunners")[0])
    locks = redis.Redis(host="127.0.0.1", port=scaled.redis.port, db=scaled.redis.endpoint()["db"])
    key = f"{scaled.redis.endpoint()['key_prefix']}:lock:{sender}"

    # Rasa server 1 crashes in the middle of a turn, while it holds the conversation's lock.
    stale_lock = None
    for _attempt in range(5):  # again if the turn was over before we saw its lock
        in_flight = threading.Thread(target=_say_ignoring_errors,
                                     args=(scaled.nodes[0].rasa.url, sender, "ik heb last van droge plekjes"))
        in_flight.start()
        while in_flight.is_alive() and not locks.exists(key):
            time.sleep(0.002)
        if in_flight.is_alive():
            scaled.kill_rasa(0)
            stale_lock = locks.get(key)
            in_flight.join()
            break
        in_flight.join()
    assert stale_lock, "could not kill Rasa server 1 while it held the conversation's lock"
    tickets = [json.loads(ticket) for ticket in json.loads(stale_lock)["tickets"]]
    assert tickets and all(t["expires"] - time.time() <= LOCK_LIFETIME + 1 for t in tickets), tickets

    started = time.monotonic()
    replies, response = say(scaled.url, sender, "en mag ik microneedling laten doen?")
    waited = time.monotonic() - started
    print(f"\nafter the crash the conversation went on after {waited:.1f} s (lock lifetime {LOCK_LIFETIME} s)")
    assert response.headers["X-Huidbot-Server"] == "rasa2"
    assert "huisarts" in " ".join(texts(replies)).lower(), replies
    assert waited < 60  # not Rasa's default lock lifetime of 60 s


def _say_ignoring_errors(url: str, sender: str, message: str) -> None:
    with contextlib.suppress(requests.RequestException):
        say(url, sender, message, timeout=60)
