#!/usr/bin/env python3
"""Serves the chat demo and the receptionist's page (web/), plus a small JSON API.

    .venv/bin/python scripts/serve_web.py            # http://127.0.0.1:8080/demo.html

Static files come from web/ only. The API answers the receptionist's page:

    GET /api/onderwerpen                      salon topics   {"onderwerpen": [{"id", "titel"}]}
    GET /api/salon?onderwerp=prijzen          one topic      {"onderwerpen", "berichten", "knoppen"}
    GET /api/salon?vraag=kan+ik+pinnen        a question in plain words
    GET /api/behandelingen                    {"behandelingen": [{"id", "label"}]}
    GET /api/checklist?behandeling=laser      contraindication checklist (bot.salon.checklist)
    GET /api/samenvatting?sender=<id>         the stored intake summary of a conversation
    GET /api/samenvattingen                   newest summaries (needs the SQLite tracker store)

Environment:
    HUIDBOT_WEB_HOST     interface to bind      (default 127.0.0.1: only this computer)
    HUIDBOT_WEB_PORT     port                   (default 8080; 0 = any free port)
    HUIDBOT_URL          Rasa server for summaries (default http://localhost:$HUIDBOT_PORT or :5005)
    HUIDBOT_API_TOKEN    token of Rasa's HTTP API, if it was started with one
    HUIDBOT_DB           read summaries from this SQLite tracker store instead of HUIDBOT_URL
    HUIDBOT_BALIE_TOKEN  if set, the summary endpoints require "Authorization: Bearer <token>"
                         (or ?token=): set it before binding to anything but 127.0.0.1.
"""
from __future__ import annotations

import argparse
import hmac
import json
import logging
import mimetypes
import os
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
sys.path.insert(0, str(ROOT))

from bot import handoff, salon  # noqa: E402

log = logging.getLogger("huidbot.web")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
}
# The demo's widget talks to the Rasa server on another port: connect-src allows http(s).
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' http: https:; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")


class Settings:
    def __init__(self, rasa_url: str, api_token: str | None, db: str | None, balie_token: str | None) -> None:
        self.rasa_url = rasa_url
        self.api_token = api_token
        self.db = db
        self.balie_token = balie_token


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def _message(name: str, **values: Any) -> str:
    """A Dutch message from salon/teksten.yml (meldingen)."""
    return salon.texts()["meldingen"][name].format(**values)


def _one(query: dict[str, list[str]], name: str) -> str:
    return (query.get(name) or [""])[0].strip()


def api_onderwerpen(query: dict[str, list[str]], settings: Settings) -> Any:
    return {"onderwerpen": [{"id": t, "titel": salon.texts()["onderwerpen"][t]["titel"]} for t in salon.TOPICS]}


def api_salon(query: dict[str, list[str]], settings: Settings) -> Any:
    topic = _one(query, "onderwerp") or None
    if topic is not None and topic not in salon.TOPICS:
        raise ApiError(HTTPStatus.BAD_REQUEST, _message("onbekend_onderwerp", keuzes=", ".join(salon.TOPICS)))
    return salon.answer(_one(query, "vraag")[:1000], topic=topic, treatment=_one(query, "behandeling") or None).as_dict()


def api_behandelingen(query: dict[str, list[str]], settings: Settings) -> Any:
    from bot.knowledge import load_knowledge

    labels = load_knowledge().teksten.verzoek_labels
    return {"behandelingen": [{"id": t, "label": labels.get(t, t)} for t in salon.checklist_treatments()]}


def api_checklist(query: dict[str, list[str]], settings: Settings) -> Any:
    try:
        return salon.checklist(_one(query, "behandeling")).as_dict()
    except ValueError as err:
        raise ApiError(HTTPStatus.BAD_REQUEST, str(err)) from None


def api_samenvatting(query: dict[str, list[str]], settings: Settings) -> Any:
    sender = _one(query, "sender")
    if not sender:
        raise ApiError(HTTPStatus.BAD_REQUEST, _message("geen_sender"))
    try:
        summary = handoff.fetch_summary(sender, url=settings.rasa_url, token=settings.api_token, db=settings.db)
    except handoff.SummaryUnavailable as err:
        raise ApiError(HTTPStatus.BAD_GATEWAY, str(err)) from None
    if summary is None:
        raise ApiError(HTTPStatus.NOT_FOUND, salon.texts()["samenvatting"]["niet_gevonden"].format(sender=sender))
    return {"sender": sender, **summary}


def api_samenvattingen(query: dict[str, list[str]], settings: Settings) -> Any:
    db = settings.db or str(ROOT / "var" / "huidbot.db")
    try:
        return {"samenvattingen": handoff.recent_summaries(db)}
    except handoff.SummaryUnavailable as err:
        raise ApiError(HTTPStatus.BAD_GATEWAY, str(err)) from None


ROUTES: dict[str, tuple[Callable[[dict[str, list[str]], Settings], Any], bool]] = {
    # path: (handler, needs the desk token)
    "/api/onderwerpen": (api_onderwerpen, False),
    "/api/salon": (api_salon, False),
    "/api/behandelingen": (api_behandelingen, False),
    "/api/checklist": (api_checklist, False),
    "/api/samenvatting": (api_samenvatting, True),
    "/api/samenvattingen": (api_samenvattingen, True),
}


def make_handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "HuidbotWeb"
        sys_version = ""

        def log_message(self, fmt: str, *args: Any) -> None:  # one quiet line per request
            log.info("%s %s", self.address_string(), fmt % args)

        def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store" if content_type.startswith("application/json") else "no-cache")
            for key, value in {**SECURITY_HEADERS, **(extra or {})}.items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status: int, value: Any) -> None:
            self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

        def _authorised(self, query: dict[str, list[str]]) -> bool:
            if not settings.balie_token:
                return True
            header = self.headers.get("Authorization", "")
            given = header[7:] if header.startswith("Bearer ") else _one(query, "token")
            return hmac.compare_digest(given.encode(), settings.balie_token.encode())

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path.startswith("/api/"):
                self._api(parts.path, parse_qs(parts.query))
            else:
                self._static(parts.path)

        def _api(self, path: str, query: dict[str, list[str]]) -> None:
            route = ROUTES.get(path)
            if route is None:
                return self._json(HTTPStatus.NOT_FOUND, {"fout": _message("onbekend_adres")})
            handler, protected = route
            if protected and not self._authorised(query):
                return self._json(HTTPStatus.UNAUTHORIZED, {"fout": _message("baliecode")})
            try:
                self._json(HTTPStatus.OK, handler(query, settings))
            except ApiError as err:
                self._json(err.status, {"fout": str(err)})
            except salon.SalonProfileError as err:
                log.error("%s", err)
                self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"fout": str(err)})

        def _static(self, path: str) -> None:
            if path in ("", "/"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", "/demo.html")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            name = path.lstrip("/")
            target = (WEB / name).resolve()
            if not name or ".." in Path(name).parts or WEB.resolve() not in target.parents or not target.is_file():
                return self._send(HTTPStatus.NOT_FOUND, _message("onbekend_adres").encode(), "text/plain; charset=utf-8")
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type in ("application/javascript", "text/javascript"):
                content_type += "; charset=utf-8"
            extra = {"Content-Security-Policy": PAGE_CSP} if target.suffix == ".html" else {}
            self._send(HTTPStatus.OK, target.read_bytes(), content_type, extra)

    return Handler


def make_server(host: str, port: int, settings: Settings) -> ThreadingHTTPServer:
    mimetypes.add_type("text/javascript", ".js")
    mimetypes.add_type("text/css", ".css")
    server = ThreadingHTTPServer((host, port), make_handler(settings))
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    default_rasa = os.environ.get("HUIDBOT_URL") or f"http://localhost:{os.environ.get('HUIDBOT_PORT', '5005')}"
    parser = argparse.ArgumentParser(description="Huidbot: demo page, receptionist's page and their JSON API.")
    parser.add_argument("--host", default=os.environ.get("HUIDBOT_WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("HUIDBOT_WEB_PORT", "8080")))
    parser.add_argument("--rasa-url", default=default_rasa, help="Rasa server with --enable-api (summaries)")
    parser.add_argument("--db", default=os.environ.get("HUIDBOT_DB") or None,
                        help="read summaries from this SQLite tracker store instead of the Rasa API")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    salon.load_profile()  # a broken profile stops here, with the file and the field named
    settings = Settings(args.rasa_url, os.environ.get("HUIDBOT_API_TOKEN") or None, args.db,
                        os.environ.get("HUIDBOT_BALIE_TOKEN") or None)
    server = make_server(args.host, args.port, settings)
    host, port = server.server_address[:2]
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(f"Huidbot web: chat demo  http://{shown}:{port}/demo.html", flush=True)
    print(f"Huidbot web: balie      http://{shown}:{port}/balie.html", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
