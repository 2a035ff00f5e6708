"""Locust users for `make loadtest` (scripts/loadtest.py starts locust headless with this file).

Every user is a stream of customers: it sends one conversation of the script as a new
sender, message after message with no pause, then starts the next conversation as
another sender. So there are many senders, each sending a handful of messages (below the
per-sender rate limit of 30 a minute), and the users keep the server busy.

Environment (set by scripts/loadtest.py):
    HUIDBOT_LOAD_SCRIPT        the conversations (scripts/bench_script.nl.txt format)
    HUIDBOT_LOAD_MAX_MESSAGES  stop after this many messages in all (the count bound)
A request fails on a non-200 answer or an empty reply.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path

from bench import load_script  # locust puts this file's folder on sys.path
from locust import HttpUser, constant, task
from locust.exception import StopUser

from channels.identity import new_web_id

SCRIPT = load_script(Path(os.environ.get("HUIDBOT_LOAD_SCRIPT") or Path(__file__).with_name("bench_script.nl.txt")))
MAX_MESSAGES = int(os.environ.get("HUIDBOT_LOAD_MAX_MESSAGES") or 100_000)
_sent = itertools.count(1)
_conversations = itertools.cycle(SCRIPT)


class Customer(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.sender = ""
        self.queue: list[str] = []

    @task
    def message(self) -> None:
        if next(_sent) > MAX_MESSAGES:
            raise StopUser()
        if not self.queue:
            self.sender = new_web_id()  # the website's random form: the REST channel refuses others
            self.queue = list(next(_conversations))
        text = self.queue.pop(0)
        with self.client.post("/webhooks/rest/webhook", json={"sender": self.sender, "message": text},
                              name="message", catch_response=True, timeout=120) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif not response.json():
                response.failure("empty reply")
