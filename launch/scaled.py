"""The scaled mode on one machine: PostgreSQL, Redis, two action servers, two Rasa servers, HAProxy.

`make run-scaled` (python -m launch.scaled), the scale tests (tests/scale) and the load test
(scripts/loadtest.py) start it through one context manager:

    from launch.scaled import scaled_stack
    with scaled_stack(workdir) as scaled:      # everything started and answering
        scaled.url                # HAProxy: POST {url}/webhooks/rest/webhook, like one Rasa server
        scaled.postgres           # launch.services.Postgres: .url, .connect(), .stop(), .start()
        scaled.redis              # launch.services.Redis: .url (also in HUIDBOT_REDIS_URL of every server)
        scaled.nodes[0].rasa      # launch.stack.Server (url, process, log); .actions likewise
        scaled.kill_rasa(0)       # SIGKILL Rasa server 1 and its workers (a crash)

Every Rasa server runs SANIC_WORKERS = number of cores worker processes and every action
server ACTION_SERVER_SANIC_WORKERS = cores; Rasa server i calls action server i. Conversations
live in PostgreSQL (storage.tracker_store.HuidbotTrackerStore, with storage.outage: "probeer het zo
nog eens" while it is down), the conversation locks in Redis (storage.locks.RedisLockStore) with a
lifetime of LOCK_LIFETIME seconds, so a crashed server's lock holds its conversation at most that
long (Rasa's default is 60 s).
The REST channel (channels.rest, like socket.io from channels.resilient) answers "probeer het zo
nog eens" while PostgreSQL is down. HAProxy balances round robin with
no sticky sessions and names the server that answered in the X-Huidbot-Server header.

Logs and generated files: <workdir>/node1, node2 (rasa, actions, endpoints, credentials),
<workdir>/redis.log, haproxy.cfg, haproxy.log, and PostgreSQL's next to its data directory.
"""
from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from launch.services import Balancer, Postgres, Redis, haproxy, postgres, redis
from launch.stack import (
    IN_MEMORY,
    MODEL,
    Server,
    Stack,
    allowed_origins,
    free_port,
    project_credentials,
    render_endpoints,
)

LOCK_LIFETIME = 8  # seconds a conversation lock may be held before others may take it
TRACKER_STORE = "storage.tracker_store.HuidbotTrackerStore"  # outage guard + erasure and retention
LOCK_STORE = "storage.locks.RedisLockStore"
PASSWORD_ENV = "HUIDBOT_DB_PASSWORD"


def workers() -> int:
    """Sanic workers per server: one per core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render_scaled_endpoints(actions_url: str, pg: Postgres, red: Redis) -> str:
    """endpoints.yml for one Rasa server: its action server, PostgreSQL, the Redis lock store.

    The database password stays out of the file: ${HUIDBOT_DB_PASSWORD} from the environment.
    """
    endpoints = yaml.safe_load(render_endpoints(actions_url, IN_MEMORY)) or {}
    endpoints["tracker_store"] = {**pg.endpoint(TRACKER_STORE), "password": "${" + PASSWORD_ENV + "}"}
    endpoints["lock_store"] = red.endpoint(LOCK_STORE, lock_lifetime=LOCK_LIFETIME)
    return yaml.safe_dump(endpoints, sort_keys=False, allow_unicode=True)


def scaled_credentials(telegram: bool = False, whatsapp: bool | None = None) -> str:
    """The project's credentials: its REST channel (channels/rest.py) already answers during an outage;
    WhatsApp too when WHATSAPP_TOKEN is set (its seen message ids and numbered options are then shared in Redis)."""
    whatsapp = bool(os.environ.get("WHATSAPP_TOKEN")) if whatsapp is None else whatsapp
    return project_credentials(telegram, whatsapp)


def create_tables(pg: Postgres) -> None:
    """Rasa's `events` table, made once before the servers start: started together they race to
    create it, and the losers log the failed CREATE TABLE as an error (harmless, but alarming)."""
    import warnings

    import sqlalchemy as sa
    with warnings.catch_warnings():  # SQLAlchemy 2.0 notices about Rasa's model, not ours to fix
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore

    engine = sa.create_engine(pg.url)
    try:
        SQLTrackerStore.Base.metadata.create_all(engine)
    finally:
        engine.dispose()


@dataclass
class Node:
    """One Rasa server and the action server it calls."""

    stack: Stack
    rasa: Server
    actions: Server


@dataclass
class Scaled:
    postgres: Postgres
    redis: Redis
    balancer: Balancer
    nodes: list[Node]

    @property
    def url(self) -> str:
        return self.balancer.url

    def kill_rasa(self, index: int) -> None:
        """SIGKILL Rasa server `index` (0-based) with its worker processes."""
        node = self.nodes[index]
        node.stack.send_signal(node.rasa, signal.SIGKILL)
        node.rasa.process.wait()


@contextlib.contextmanager
def scaled_stack(
    workdir: Path,
    *,
    pg_dir: Path | None = None,
    model: Path = MODEL,
    servers: int = 2,
    ports: Mapping[str, int] | None = None,
    console: bool = False,
    worker_header: bool = False,
    env: Mapping[str, str] | None = None,
    timeout: float = 900,
) -> Iterator[Scaled]:
    """Start the scaled stack; everything stops on leaving the `with`.

    pg_dir: PostgreSQL's data directory, kept (None: a fresh temporary one).
    ports: fixed ports by name (balancer, postgres, redis, rasa1, rasa2, actions1, ...); others free.
    worker_header: REST answers carry X-Huidbot-Worker: <pid> (tests).
    """
    ports = ports or {}
    workdir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as exits:
        pg = exits.enter_context(postgres(pg_dir, ports.get("postgres")))
        red = exits.enter_context(redis(workdir, ports.get("redis")))
        create_tables(pg)
        common = {
            "SANIC_WORKERS": str(workers()),
            "ACTION_SERVER_SANIC_WORKERS": str(workers()),
            # Idle keep-alive connections live longer on the servers than in their clients (aiohttp
            # closes after 15 s), so Rasa never sends a call on a connection the action server closes.
            "SANIC_KEEP_ALIVE_TIMEOUT": "75",
            PASSWORD_ENV: pg.password,
            "HUIDBOT_REDIS_URL": red.url,
            **({"HUIDBOT_WORKER_HEADER": "1"} if worker_header else {}),
            **(env or {}),
        }
        nodes: list[Node] = []
        for number in range(1, servers + 1):
            stack = exits.enter_context(Stack(workdir / f"node{number}", env=common, console=console,
                                              own_process_group=True))
            actions = stack.start_actions(ports.get(f"actions{number}") or free_port(), host="127.0.0.1",
                                          name=f"actions{number}")
            rasa = stack.start_rasa(ports.get(f"rasa{number}") or free_port(), actions.url, model=model,
                                    host="127.0.0.1", credentials=scaled_credentials(), cors=allowed_origins(),
                                    endpoints_text=render_scaled_endpoints(actions.url, pg, red),
                                    name=f"rasa{number}")
            nodes.append(Node(stack, rasa, actions))
        for node in nodes:
            node.stack.wait_until_ready(timeout=timeout)
        balancer = exits.enter_context(haproxy(workdir, [node.rasa.url for node in nodes],
                                               ports.get("balancer")))
        yield Scaled(pg, red, balancer, nodes)


READY = """
  Huidbot (scaled) is running.
    balancer (HAProxy):  {url}/webhooks/rest/webhook   (point the website widget here)
    Rasa servers:        {rasa}   ({workers} worker processes each)
    action servers:      {actions}
    PostgreSQL:          127.0.0.1:{pg}  (data in {pg_dir})
    Redis lock store:    127.0.0.1:{redis}
  Above: the servers' output. HAProxy and Redis log in {workdir}, PostgreSQL in {pg_log}.
  Stop with Ctrl-C.
"""
DEFAULT_PORTS = {"balancer": 5005, "rasa1": 5011, "rasa2": 5012, "actions1": 5061, "actions2": 5062,
                 "postgres": 5442, "redis": 6392}


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """`make run-scaled`: the whole stack in the foreground, data in var/pg; Ctrl-C stops all.

    Ports: HUIDBOT_PORT (balancer, 5005) and HUIDBOT_SCALED_PORTS="rasa1=5011,redis=6392,...".
    """
    import sys
    import time

    from launch.stack import ROOT, StartError

    ports = dict(DEFAULT_PORTS, balancer=int(os.environ.get("HUIDBOT_PORT") or DEFAULT_PORTS["balancer"]))
    for item in filter(None, (os.environ.get("HUIDBOT_SCALED_PORTS") or "").split(",")):
        name, _, value = item.partition("=")
        ports[name.strip()] = int(value)
    signal.signal(signal.SIGTERM, _interrupt)
    workdir, pg_dir = ROOT / "var" / "scaled", ROOT / "var" / "pg"
    try:
        with scaled_stack(workdir, pg_dir=pg_dir, ports=ports, console=True) as scaled:
            print(READY.format(url=scaled.url, rasa=", ".join(n.rasa.url for n in scaled.nodes),
                               actions=", ".join(n.actions.url for n in scaled.nodes), workers=workers(),
                               pg=scaled.postgres.port, pg_dir=pg_dir, redis=scaled.redis.port,
                               workdir=workdir, pg_log=scaled.postgres.log), flush=True)
            while True:
                stopped = next((s for n in scaled.nodes for s in (n.rasa, n.actions) if s.process.poll() is not None),
                               None)
                if stopped is not None:
                    print(f"Huidbot: {stopped.name} stopped (exit code {stopped.process.returncode}).", flush=True)
                    return 1
                time.sleep(0.5)
    except StartError as err:
        print(f"Huidbot: {err}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("\nHuidbot: stopping...", flush=True)
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
