"""Private PostgreSQL, Redis and HAProxy for the scaled mode (Debian packages, real processes).

Each is a context manager that starts the server in the foreground as a child process on
127.0.0.1, waits until it answers, yields a small handle and stops it on leaving:

    with postgres(ROOT / "var" / "pg") as pg, redis(workdir) as red:
        pg.url            # postgresql://huidbot:<secret>@127.0.0.1:<port>/huidbot (SQLAlchemy/psycopg2)
        pg.connect()      # a psycopg2 connection to that database (caller closes it)
        pg.stop(); pg.start()   # an outage and the recovery (same data, same port)
        red.url           # redis://127.0.0.1:<port>/0  (e.g. HUIDBOT_REDIS_URL)
        with haproxy(workdir, [rasa1_url, rasa2_url]) as lb:
            lb.url        # http://127.0.0.1:<port>; responses carry X-Huidbot-Server: rasa1|rasa2

PostgreSQL refuses to run as root: as root the cluster belongs to the system user
`huidbot-pg` (created here when setup has not done so), and its data directory must be
reachable by that user (var/pg in a checkout under a world-traversable path, or a fresh
directory under /tmp; pytest's own tmp dirs are root-only). Ports are free ones unless
given, so nothing clashes with Debian's own PostgreSQL (5432) or Redis (6379).
Logs: <dir>/postgresql.log, <workdir>/redis.log, <workdir>/haproxy.log.
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from launch.stack import StartError, free_port, tail

HOST = "127.0.0.1"
PG_SYSTEM_USER = "huidbot-pg"
PG_ROLE = "huidbot"
PG_DATABASE = "huidbot"


def _tool(name: str) -> str:
    """A server binary from the PATH or Debian's versioned PostgreSQL directory."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                          key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
        found = versions[-1] if versions else None
    if not found:
        raise StartError(f"{name} not found: run `make setup` (it installs postgresql, redis-server "
                         "and haproxy with apt)")
    return found


def _wait_port(port: int, process: subprocess.Popen[bytes], name: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise StartError(f"{name} exited with code {process.returncode}.\n--- its log ---\n{tail(log)}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((HOST, port)) == 0:
                return
        if time.monotonic() > deadline:
            raise StartError(f"{name} did not open port {port} in time.\n--- its log ---\n{tail(log)}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- PostgreSQL ------------------------------------------------------------------------------
def ensure_pg_user() -> pwd.struct_passwd | None:
    """The system user that runs PostgreSQL when we are root (created if missing); None otherwise."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", PG_SYSTEM_USER], check=True)
        return pwd.getpwnam(PG_SYSTEM_USER)


@dataclass
class Postgres:
    """A private PostgreSQL cluster in `datadir`, listening on 127.0.0.1:`port`."""

    datadir: Path
    port: int
    password: str
    log: Path
    process: subprocess.Popen[bytes] | None = None
    _owner: pwd.struct_passwd | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"postgresql://{PG_ROLE}:{self.password}@{HOST}:{self.port}/{PG_DATABASE}"

    def endpoint(self, store_type: str = "SQL") -> dict[str, Any]:
        """The endpoints.yml `tracker_store` section for this database."""
        return {"type": store_type, "dialect": "postgresql", "url": HOST, "port": self.port,
                "db": PG_DATABASE, "username": PG_ROLE, "password": self.password}

    def _popen(self, command: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        owner = self._owner
        ids: dict[str, Any] = ({"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}
                               if owner else {})
        env = {**os.environ, "LC_ALL": "C.UTF-8", **({"HOME": str(self.datadir)} if owner else {})}
        return subprocess.Popen(command, env=env, cwd=self.datadir.parent, **ids, **kwargs)

    def _run(self, command: list[str]) -> None:
        with self.log.open("ab") as handle:
            process = self._popen(command, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            if process.wait() != 0:
                raise StartError(f"{command[0]} failed.\n--- {self.log} ---\n{tail(self.log)}")

    def init(self) -> None:
        """initdb (once): role `huidbot` with a password (scram), then the database `huidbot`."""
        if (self.datadir / "PG_VERSION").exists():
            return
        secret = self.datadir.parent / f"{self.datadir.name}.pwfile"
        secret.write_text(self.password + "\n", encoding="utf-8")
        if self._owner:
            os.chown(secret, self._owner.pw_uid, self._owner.pw_gid)
        try:
            self._run([_tool("initdb"), "-D", str(self.datadir), "-U", PG_ROLE, f"--pwfile={secret}",
                       "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--no-instructions"])
        finally:
            secret.unlink(missing_ok=True)

    def start(self, timeout: float = 60) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        handle = self.log.open("ab")
        # The server logs no statement text (messages must never reach a log, issue 13.5).
        self.process = self._popen(
            [_tool("postgres"), "-D", str(self.datadir), "-p", str(self.port), "-c", f"listen_addresses={HOST}",
             "-c", f"unix_socket_directories={self.datadir}", "-c", "log_min_error_statement=panic",
             "-c", "log_statement=none", "-c", "max_connections=200"],
            stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        handle.close()
        _wait_port(self.port, self.process, "PostgreSQL", self.log, timeout)
        self._wait_accepting(timeout)

    def _wait_accepting(self, timeout: float) -> None:
        import psycopg2
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.connect("postgres").close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise StartError(f"PostgreSQL does not accept connections.\n{tail(self.log)}") from None
                time.sleep(0.3)

    def create_database(self) -> None:
        connection = self.connect("postgres")
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,))
                if cursor.fetchone() is None:
                    cursor.execute(f"CREATE DATABASE {PG_DATABASE}")
        finally:
            connection.close()

    def connect(self, database: str = PG_DATABASE) -> Any:
        """A psycopg2 connection (as role huidbot) to `database`."""
        import psycopg2
        return psycopg2.connect(host=HOST, port=self.port, user=PG_ROLE, password=self.password,
                                dbname=database, connect_timeout=5)

    def stop(self) -> None:
        """Fast shutdown (SIGINT): open connections are cut, the data stays."""
        _stop(self.process, signal.SIGINT)


@contextlib.contextmanager
def postgres(datadir: Path | None = None, port: int | None = None) -> Iterator[Postgres]:
    """A private PostgreSQL; `datadir` kept between runs (None: a fresh one under /tmp, removed after).

    The password is made once and kept next to the data (<datadir>.secret, mode 0600).
    """
    owner = ensure_pg_user()
    temporary = datadir is None
    base = Path(tempfile.mkdtemp(prefix="huidbot-pg-")) if temporary else None
    datadir = base / "data" if base is not None else Path(datadir or ".")
    datadir.parent.mkdir(parents=True, exist_ok=True)
    secret_file = datadir.parent / f"{datadir.name}.secret"
    if not secret_file.exists() or not (datadir / "PG_VERSION").exists():
        secret_file.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        secret_file.chmod(0o600)
    datadir.mkdir(mode=0o700, exist_ok=True)
    log = datadir.parent / "postgresql.log"
    log.touch()
    if owner:
        for path in (datadir, log) + ((base,) if base else ()):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    server = Postgres(datadir, port or free_port(), secret_file.read_text(encoding="utf-8").strip(), log,
                      _owner=owner)
    try:
        server.init()
        server.start()
        server.create_database()
        yield server
    finally:
        server.stop()
        if base is not None:
            shutil.rmtree(base, ignore_errors=True)


# --- Redis -----------------------------------------------------------------------------------
@dataclass
class Redis:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def endpoint(self, store_type: str = "redis", db: int = 1, **options: Any) -> dict[str, Any]:
        """The endpoints.yml `lock_store` section (a Redis lock store in its own Redis db)."""
        return {"type": store_type, "url": HOST, "port": self.port, "db": db, "key_prefix": "huidbot", **options}


@contextlib.contextmanager
def redis(workdir: Path, port: int | None = None) -> Iterator[Redis]:
    """redis-server on 127.0.0.1, nothing written to disk (locks and counters only)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = workdir / "redis.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [_tool("redis-server"), "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", str(workdir), "--daemonize", "no", "--protected-mode", "yes"],
            stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_port(port, process, "Redis", log, 30)
        yield Redis(port, process, log)
    finally:
        _stop(process)


# --- HAProxy ---------------------------------------------------------------------------------
HAPROXY_CONFIG = """\
# Generated by launch/services.py: round robin over the Rasa servers, no sticky sessions
# (every server reads the conversation from PostgreSQL under a Redis lock).
global
    maxconn 2000

defaults
    mode http
    timeout connect 3s
    timeout client 180s
    timeout server 180s
    timeout queue 180s
    timeout check 10s
    retries 2
    option redispatch

frontend huidbot
    bind {host}:{port}
    default_backend rasa

backend rasa
    balance roundrobin
    option httpchk GET /
    http-response set-header X-Huidbot-Server %[srv_name]
{servers}
"""


@dataclass
class Balancer:
    port: int
    process: subprocess.Popen[bytes]
    config: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def haproxy_config(port: int, backends: Sequence[str], host: str = HOST) -> str:
    """HAProxy's configuration: `backends` are base URLs, named rasa1, rasa2, ... in that order."""
    lines = []
    for number, url in enumerate(backends, start=1):
        parts = urlsplit(url)
        # A busy server answers its health check late but is not down (check timeout 10 s); a dead one
        # refuses connections at once, and those requests are sent to the other server (redispatch).
        lines.append(f"    server rasa{number} {parts.hostname}:{parts.port} check inter 2s fall 3 rise 2")
    return HAPROXY_CONFIG.format(host=host, port=port, servers="\n".join(lines))


@contextlib.contextmanager
def haproxy(workdir: Path, backends: Sequence[str], port: int | None = None,
            host: str = HOST) -> Iterator[Balancer]:
    """HAProxy in front of `backends`; config in <workdir>/haproxy.cfg."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = workdir / "haproxy.cfg"
    config.write_text(haproxy_config(port, backends, host), encoding="utf-8")
    log = workdir / "haproxy.log"
    with log.open("wb") as handle:
        process = subprocess.Popen([_tool("haproxy"), "-db", "-f", str(config)], stdout=handle,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_port(port, process, "HAProxy", log, 30)
        yield Balancer(port, process, config, log)
    finally:
        _stop(process, signal.SIGUSR1)  # soft stop: finish the requests in flight
