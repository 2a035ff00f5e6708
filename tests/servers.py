"""Starting the real servers for end-to-end tests: action server, Rasa (trained model), web.

Used by tests/e2e, tests/web and tests/telegram. Every server binds to 127.0.0.1 on a free port
and writes its log into the test's temporary folder; the log tail is shown on failure.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")
# make test trains models/huidbot.tar.gz first; HUIDBOT_TEST_MODEL points at another file.
MODEL = Path(os.environ.get("HUIDBOT_TEST_MODEL") or ROOT / "models" / "huidbot.tar.gz")
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONUNBUFFERED": "1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited early (code {proc.returncode}):\n{tail(log)}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {timeout:.0f} s:\n{tail(log)}")


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def require_model() -> Path:
    if not MODEL.exists():
        pytest.fail(f"{MODEL.relative_to(ROOT) if MODEL.is_relative_to(ROOT) else MODEL} is missing: "
                    "run `make train` first (`make test` trains before these tests)")
    return MODEL


@dataclass
class Bot:
    url: str
    actions_url: str
    db: Path
    logs: dict[str, Path]

    def say(self, sender: str, message: str) -> list[dict]:
        response = requests.post(f"{self.url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": message}, timeout=120)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", timeout=30)
        response.raise_for_status()
        return response.json()


@contextlib.contextmanager
def running_bot(tmp: Path, credentials: str | None = None, env: Mapping[str, str] | None = None) -> Iterator[Bot]:
    """Action server + Rasa server with the trained model, a fresh SQLite tracker store,
    the HTTP API and CORS on. `credentials`: YAML text (default: the project's file)."""
    model = require_model()
    rasa_port, actions_port = free_port(), free_port()
    db = tmp / "trackers.db"
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        (ROOT / "endpoints.yml").read_text(encoding="utf-8")
        .replace("localhost:5055", f"127.0.0.1:{actions_port}")
        .replace('db: "var/huidbot.db"', f'db: "{db}"'),
        encoding="utf-8",
    )
    creds = tmp / "credentials.yml"
    creds.write_text(credentials if credentials is not None else (ROOT / "credentials.yml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    full_env = {**os.environ, **QUIET, **(env or {})}
    logs = {"actions": tmp / "actions.log", "rasa": tmp / "rasa.log"}
    procs = [
        subprocess.Popen([RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
                         cwd=ROOT, env=full_env, stdout=logs["actions"].open("w"), stderr=subprocess.STDOUT),
        subprocess.Popen([RASA, "run", "--model", str(model), "--endpoints", str(endpoints),
                          "--credentials", str(creds), "--port", str(rasa_port), "--interface", "127.0.0.1",
                          "--enable-api", "--cors", "*"],
                         cwd=ROOT, env=full_env, stdout=logs["rasa"].open("w"), stderr=subprocess.STDOUT),
    ]
    try:
        wait_for(f"http://127.0.0.1:{actions_port}/health", procs[0], logs["actions"])
        wait_for(f"http://127.0.0.1:{rasa_port}/status", procs[1], logs["rasa"])
        yield Bot(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}", db, logs)
    finally:
        stop(procs)


@contextlib.contextmanager
def running_web(tmp: Path, rasa_url: str = "http://127.0.0.1:9", env: Mapping[str, str] | None = None) -> Iterator[str]:
    """scripts/serve_web.py on a free port; yields its base URL."""
    port = free_port()
    log = tmp / "web.log"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve_web.py"), "--port", str(port), "--rasa-url", rasa_url],
        cwd=ROOT, env={**os.environ, **QUIET, **(env or {})}, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/onderwerpen", proc, log, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop([proc])
