"""Starts the action server and the Rasa server (trained model) on free ports."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "huidbot.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not come up in {timeout} s:\n{log.read_text()[-3000:]}")


class Bot:
    def __init__(self, url: str, db: Path) -> None:
        self.url = url
        self.db = db

    def say(self, sender: str, message: str) -> list[dict]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=120,
        )
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    tmp = tmp_path_factory.mktemp("e2e")
    rasa_port, actions_port = _free_port(), _free_port()
    db = tmp / "trackers.db"
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        (ROOT / "endpoints.yml").read_text()
        .replace("localhost:5055", f"127.0.0.1:{actions_port}")
        .replace('db: "var/huidbot.db"', f'db: "{db}"')
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    actions_log, rasa_log = tmp / "actions.log", tmp / "rasa.log"
    procs = [
        subprocess.Popen(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, env=env, stdout=actions_log.open("w"), stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [RASA, "run", "--model", str(MODEL), "--endpoints", str(endpoints),
             "--credentials", "credentials.yml", "--port", str(rasa_port), "--enable-api",
             "--interface", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT,
        ),
    ]
    try:
        _wait_for(f"http://127.0.0.1:{actions_port}/health", procs[0], actions_log)
        _wait_for(f"http://127.0.0.1:{rasa_port}/status", procs[1], rasa_log)
        yield Bot(f"http://127.0.0.1:{rasa_port}", db)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
