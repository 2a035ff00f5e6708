"""launch/scaled.py and launch/services.py without starting servers: what Rasa and HAProxy read."""
from __future__ import annotations

from pathlib import Path

import yaml

from launch.scaled import LOCK_LIFETIME, TRACKER_STORE, render_scaled_endpoints, scaled_credentials
from launch.services import Postgres, Redis, haproxy_config


def test_every_rasa_server_gets_its_action_server_postgres_and_the_redis_lock_store() -> None:
    pg = Postgres(Path("/nonexistent"), 5442, "geheim-wachtwoord", Path("/nonexistent.log"))
    red = Redis(6392, None, Path("/nonexistent.log"))  # type: ignore[arg-type]
    text = render_scaled_endpoints("http://127.0.0.1:5061", pg, red)
    endpoints = yaml.safe_load(text)
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:5061/webhook"
    store = endpoints["tracker_store"]
    assert store["type"] == TRACKER_STORE and store["dialect"] == "postgresql"
    assert (store["url"], store["port"], store["db"], store["username"]) == ("127.0.0.1", 5442, "huidbot", "huidbot")
    assert store["password"] == "${HUIDBOT_DB_PASSWORD}" and "geheim-wachtwoord" not in text
    assert endpoints["lock_store"] == {"type": "storage.locks.RedisLockStore", "url": "127.0.0.1", "port": 6392,
                                       "db": 1, "key_prefix": "huidbot", "lock_lifetime": LOCK_LIFETIME}
    assert LOCK_LIFETIME <= 10


def test_the_website_channel_is_the_projects_rest_channel_with_the_outage_answer() -> None:
    """credentials.yml names channels.rest.HuidbotRestInput (forged ids refused, rate limit), which answers
    'probeer het zo nog eens' through channels.resilient.guarded; a plain `rest:` would become resilient."""
    credentials = yaml.safe_load(scaled_credentials())
    assert "rest" not in credentials and "socketio" not in credentials
    assert "channels.rest.HuidbotRestInput" in credentials


def test_whatsapp_joins_the_scaled_mode_when_configured() -> None:
    assert "channels.whatsapp.WhatsAppInput" not in yaml.safe_load(scaled_credentials(whatsapp=False))
    credentials = yaml.safe_load(scaled_credentials(whatsapp=True))
    assert credentials["channels.whatsapp.WhatsAppInput"]["token"] == "${WHATSAPP_TOKEN}"
    assert "channels.rest.HuidbotRestInput" in credentials


def test_haproxy_balances_round_robin_over_every_server_with_health_checks() -> None:
    config = haproxy_config(5005, ["http://127.0.0.1:5011", "http://127.0.0.1:5012"])
    assert "bind 127.0.0.1:5005" in config and "balance roundrobin" in config
    assert "server rasa1 127.0.0.1:5011 check" in config and "server rasa2 127.0.0.1:5012 check" in config
    directives = [line.split()[0] for line in config.splitlines() if line.strip() and not line.startswith("#")]
    assert not [d for d in directives if d.startswith(("cookie", "stick", "hash-type"))]  # no sticky sessions
