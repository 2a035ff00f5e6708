"""Starting Huidbot's servers: the Rasa server, the desk, and action servers where wanted.

The one place that decides where Rasa runs the custom actions and keeps conversations:
`render_endpoints` writes endpoints.yml from the project's file as template. `make run`
(launch/__main__.py), the tests (tests/servers.py) and the benchmark (scripts/bench.py)
all start the servers through `Stack`:

    with Stack(workdir) as stack:
        rasa = stack.start_rasa(port=5005, actions_url=IN_PROCESS)  # the actions in the Rasa server
        desk = stack.start_desk(port=8080, rasa_url=rasa.url)
        stack.wait_until_ready(timeout=300)

The scaled mode (launch/scaled.py) starts action servers instead: `stack.start_actions(port)`,
then `start_rasa(..., actions_url=actions.url)`.

Every server writes its output to <workdir>/<name>.log, or with `console=True` to this
process's stdout, each line prefixed "[actions]", "[rasa]" or "[web]".
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlencode

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")
RASA_SERVER = [sys.executable, "-m", "launch.rasa_server"]  # `rasa` with a faster action answer check
ACTION_SERVER = [sys.executable, "-m", "launch.action_server"]  # `rasa run actions`, 413 for oversize bodies
MODEL = ROOT / "models" / "huidbot.tar.gz"
IN_PROCESS = "in-process"  # as actions_url: the Rasa server runs the custom actions itself
ACTIONS_MODULE_KEY, ACTIONS_MODULE = "actions_module", "actions"  # see launch/in_process_actions.py
ENDPOINTS_TEMPLATE = ROOT / "endpoints.yml"
CREDENTIALS = ROOT / "credentials.yml"
TELEGRAM_CREDENTIALS = ROOT / "credentials.telegram.yml"
WHATSAPP_CREDENTIALS = ROOT / "credentials.whatsapp.yml"
QUIET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONUNBUFFERED": "1"}
MAX_BODY_BYTES = 1_000_000  # larger request bodies get 413 before they are parsed (issue 14.7)
# Every server: no telemetry, Sanic's body limit, and the project on the path so that the logging
# config (launch/logging.yml: no health text in the logs) can load launch/privacy_log.py.
SERVER_ENV = {"RASA_TELEMETRY_ENABLED": "false", "SANIC_REQUEST_MAX_SIZE": str(MAX_BODY_BYTES),
              "PYTHONPATH": str(ROOT)}
LOGGING_CONFIG = ROOT / "launch" / "logging.yml"
IN_MEMORY = "in-memory"  # tracker store choice: keep conversations in the Rasa process only
FROM_TEMPLATE = "template"  # tracker store choice: as endpoints.yml says (var/huidbot.db)
# Every SQL tracker store runs as this subclass: erasure on request and the retention purger.
STORE_CLASS = "storage.tracker_store.HuidbotTrackerStore"


class StartError(RuntimeError):
    """A server exited early or did not answer in time; the message ends with its log."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def render_endpoints(actions_url: str, tracker_store: str | Path = FROM_TEMPLATE,
                     template: Path = ENDPOINTS_TEMPLATE) -> str:
    """endpoints.yml with the actions run in the Rasa server (`actions_url` IN_PROCESS, as the
    template says) or by the action server at `actions_url`, and the chosen tracker store.

    tracker_store: FROM_TEMPLATE (as the file says), IN_MEMORY (no tracker store), or the
    path of a SQLite database.
    """
    endpoints = yaml.safe_load(template.read_text(encoding="utf-8")) or {}
    if actions_url == IN_PROCESS:
        endpoints["action_endpoint"] = {ACTIONS_MODULE_KEY: ACTIONS_MODULE}
    else:
        endpoints["action_endpoint"] = {"url": f"{actions_url.rstrip('/')}/webhook"}
    # the domain goes only to the actions that ask for it in domain.yml (send_domain)
    endpoints["action_endpoint"]["enable_selective_domain"] = True
    if tracker_store == IN_MEMORY:
        endpoints.pop("tracker_store", None)
    elif tracker_store != FROM_TEMPLATE:
        endpoints["tracker_store"] = {"type": "SQL", "dialect": "sqlite", "db": str(tracker_store)}
    store = endpoints.get("tracker_store")
    if isinstance(store, dict) and str(store.get("type", "")).lower() == "sql":
        store["type"] = STORE_CLASS
    return yaml.safe_dump(endpoints, sort_keys=False, allow_unicode=True)


def project_credentials(telegram: bool, whatsapp: bool = False) -> str:
    """credentials.yml, plus credentials.telegram.yml / credentials.whatsapp.yml for the configured channels."""
    parts = [CREDENTIALS] + ([TELEGRAM_CREDENTIALS] if telegram else []) + ([WHATSAPP_CREDENTIALS] if whatsapp else [])
    return "\n".join(path.read_text(encoding="utf-8") for path in parts)


def allowed_origins(web_port: int | None = None) -> list[str]:
    """The browser origins allowed to call the Rasa server (CORS): the salon's own websites from
    salon/profiel.yml (`websites`) and the local demo page; never every origin."""
    from bot.knowledge.salon_profile import load_profile

    origins = [str(site).rstrip("/") for site in load_profile().get("websites") or []]
    if web_port:
        origins += [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]
    return list(dict.fromkeys(origins))


def rasa_options(env: Mapping[str, str], web_port: int | None = None) -> dict[str, Any]:
    """How `make run` configures the Rasa server from the environment (the tests use the same):
    the HTTP API only with HUIDBOT_API_TOKEN or HUIDBOT_JWT_SECRET, CORS for the salon's origins."""
    return {"auth_token": env.get("HUIDBOT_API_TOKEN") or None,
            "jwt_secret": env.get("HUIDBOT_JWT_SECRET") or None,
            "cors": allowed_origins(web_port)}


def sqlite_tracker_store(template: Path = ENDPOINTS_TEMPLATE) -> Path | None:
    """The SQLite file of the template's tracker store (the desk reads summaries from it), if SQLite."""
    store = (yaml.safe_load(template.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    if str(store.get("dialect", "")).lower() != "sqlite" or not store.get("db"):
        return None
    return ROOT / str(store["db"])


def tail(path: Path | None, chars: int = 3000) -> str:
    if path is None:
        return "(output on the console)"
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


def _is_ok(response: requests.Response) -> bool:
    return response.ok


@dataclass
class Server:
    """One started server: its base URL, process and log (None: console)."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path | None
    ready_path: str
    ready: Callable[[requests.Response], bool] = _is_ok


@dataclass
class Stack:
    """The servers started so far; `stop()` (or leaving the `with`) stops them all."""

    workdir: Path
    env: Mapping[str, str] = field(default_factory=dict)
    console: bool = False
    own_process_group: bool = False  # each server in its own process group (stop/kill takes its workers too)
    servers: list[Server] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)

    # --- the three servers ----------------------------------------------------------------
    def start_actions(self, port: int, host: str | None = None, name: str = "actions") -> Server:
        """The action server, on 127.0.0.1 unless `host` (or HUIDBOT_ACTIONS_HOST) says otherwise."""
        host = host or {**os.environ, **self.env}.get("HUIDBOT_ACTIONS_HOST") or "127.0.0.1"
        extra = {"SANIC_HOST": host}  # rasa_sdk's only way to choose the interface
        command = [*ACTION_SERVER, "--actions", "actions", "--port", str(port),
                   "--logging-config-file", str(LOGGING_CONFIG)]
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        return self._start(name, command, f"http://{shown}:{port}", "/health", extra)

    def write_endpoints(self, actions_url: str, tracker_store: str | Path = FROM_TEMPLATE,
                        text: str | None = None) -> Path:
        """<workdir>/endpoints.generated.yml: `text`, or see render_endpoints."""
        endpoints = self.workdir / "endpoints.generated.yml"
        endpoints.write_text(text if text is not None else render_endpoints(actions_url, tracker_store),
                             encoding="utf-8")
        return endpoints

    def start_rasa(
        self,
        port: int,
        actions_url: str,
        *,
        model: Path = MODEL,
        tracker_store: str | Path = FROM_TEMPLATE,
        credentials: str | None = None,
        host: str | None = None,
        cors: Sequence[str] = (),
        auth_token: str | None = None,
        jwt_secret: str | None = None,
        endpoints_text: str | None = None,
        name: str = "rasa",
    ) -> Server:
        """The Rasa server with the trained model; credentials: YAML text (default: the project's
        file, with Telegram when TELEGRAM_TOKEN is set, WhatsApp when WHATSAPP_TOKEN is set);
        endpoints_text: YAML instead of rendering.

        Rasa's HTTP API is on only with `auth_token` or `jwt_secret`, and then every API route
        needs it; the channels (REST, Telegram, WhatsApp) never do. `cors`: the origins allowed to
        call it from a browser (see `allowed_origins`); none means no browser page may.
        """
        endpoints = self.write_endpoints(actions_url, tracker_store, endpoints_text)
        creds = self.workdir / "credentials.generated.yml"
        env = {**os.environ, **self.env}
        configured = project_credentials(bool(env.get("TELEGRAM_TOKEN")), bool(env.get("WHATSAPP_TOKEN")))
        creds.write_text(credentials if credentials is not None else configured, encoding="utf-8")
        command = [*RASA_SERVER, "run", "--model", str(model), "--endpoints", str(endpoints),
                   "--credentials", str(creds), "--port", str(port),
                   "--logging-config-file", str(LOGGING_CONFIG)]
        if host:
            command += ["--interface", host]
        enable_api = bool(auth_token or jwt_secret)
        if enable_api:
            command += ["--enable-api"]
        if auth_token:
            command += [f"--auth-token={auth_token}"]  # "=": a token may begin with "-"
        if jwt_secret:
            command += [f"--jwt-secret={jwt_secret}"]
        if cors:
            command += ["--cors", *cors]
        ready: Callable[[requests.Response], bool] = _is_ok
        ready_path = "/"
        if auth_token and not self.console:  # /status also says that the model is loaded (it logs errors until then)
            ready_path = "/status?" + urlencode({"token": auth_token})
            ready = _model_loaded
        return self._start(name, command, f"http://{host or '127.0.0.1'}:{port}", ready_path, ready=ready)

    def start_desk(self, port: int, rasa_url: str, host: str = "127.0.0.1", db: Path | None = None) -> Server:
        """The desk's web server (python -m desk serve): web/ pages and the desk's JSON API."""
        command = [sys.executable, "-m", "desk", "serve", "--host", host, "--port", str(port), "--rasa-url", rasa_url]
        if db is not None:
            command += ["--db", str(db)]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        return self._start("web", command, f"http://{shown}:{port}", "/api/onderwerpen")

    def start_process(self, name: str, command: list[str], url: str, ready_path: str,
                      ready: Callable[[requests.Response], bool] = _is_ok) -> Server:
        """Any other server, e.g. the benchmark's stock `rasa init` bot; ready when `ready(GET url+ready_path)`."""
        return self._start(name, command, url, ready_path, ready=ready)

    # --- running them ---------------------------------------------------------------------
    def _start(self, name: str, command: list[str], url: str, ready_path: str,
               extra_env: Mapping[str, str] | None = None,
               ready: Callable[[requests.Response], bool] = _is_ok) -> Server:
        env = {**os.environ, **QUIET_ENV, **SERVER_ENV, **self.env, **(extra_env or {})}
        log: Path | None = None
        if self.console:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=self.own_process_group)
            threading.Thread(target=_prefix_lines, args=(process.stdout, f"[{name}]"), daemon=True).start()
        else:
            log = self.workdir / f"{name}.log"
            with log.open("wb") as handle:
                process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle,
                                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                           start_new_session=self.own_process_group)
        server = Server(name, url, process, log, ready_path, ready)
        self.servers.append(server)
        return server

    def wait_until_ready(self, timeout: float = 300) -> None:
        """Wait until every server answers; StartError (with the log's tail) if one exits or is late."""
        deadline = time.monotonic() + timeout
        for server in self.servers:
            wait_for(server, deadline)

    def exited(self) -> Server | None:
        """A server that has stopped by itself, if any."""
        return next((s for s in self.servers if s.process.poll() is not None), None)

    def send_signal(self, server: Server, signum: int) -> None:
        """Send `signum` to the server (with own_process_group: to its worker processes too)."""
        try:
            if self.own_process_group:
                os.killpg(server.process.pid, signum)
            else:
                server.process.send_signal(signum)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 20) -> None:
        for server in self.servers:
            if server.process.poll() is None:
                self.send_signal(server, signal.SIGTERM)
        for server in self.servers:
            try:
                server.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.send_signal(server, signal.SIGKILL)
                server.process.wait()
            if self.own_process_group:  # workers left behind by a main process that died
                self.send_signal(server, signal.SIGKILL)

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def _model_loaded(response: requests.Response) -> bool:
    try:
        return response.ok and bool(response.json().get("model_file"))
    except ValueError:
        return False


def wait_for(server: Server, deadline: float) -> None:
    url = server.url + server.ready_path
    while True:
        if server.process.poll() is not None:
            raise StartError(f"{server.name} server exited with code {server.process.returncode} before "
                             f"{server.url} answered.\n--- last lines of its log ---\n{tail(server.log)}")
        try:
            if server.ready(requests.get(url, timeout=2)):
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise StartError(f"{server.name} server: {server.url} did not answer in time.\n"
                             f"--- last lines of its log ---\n{tail(server.log)}")
        time.sleep(0.5)


def _prefix_lines(stream: IO[bytes] | None, prefix: str) -> None:
    if stream is None:
        return
    for line in iter(stream.readline, b""):
        sys.stdout.write(f"{prefix:<10}{line.decode('utf-8', errors='replace')}")
        sys.stdout.flush()
