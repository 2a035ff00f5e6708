"""The desk's web server (Sanic): the chat demo and the receptionist's page from web/, and their JSON API.

    GET /api/onderwerpen                      salon topics   {"onderwerpen": [{"id", "titel"}]}
    GET /api/salon?onderwerp=prijzen          one topic      {"onderwerpen", "berichten", "knoppen"}
    GET /api/salon?vraag=kan+ik+pinnen        a question in plain words (a knowledge question gets the
                                              chat's answer, with its seed: "kennis_id", "bronnen")
    GET /api/behandelingen                    {"behandelingen": [{"id", "label"}]}
    GET /api/checklist?behandeling=laser      contraindication checklist (bot.replies.checklist)
    GET /api/samenvatting?code=<code>         the stored intake summary of a conversation   (desk token)
    GET /api/samenvattingen                   newest summaries (SQLite tracker store)        (desk token)
    POST /api/wissen  {"code": "<code>"}      erase a conversation at the customer's request (desk token)
    GET /api/kanalen                          {"whatsapp": null | {"verbonden", "foutcode", "gecontroleerd",
                                              "melding"}}: WhatsApp's state as its channel last wrote it

A conversation is found by the code the customer gives (channels.identity.conversation_code),
never by its storage key.

Every route that shows a conversation needs the desk token (HUIDBOT_DESK_TOKEN), on whatever interface
the desk listens: `Authorization: Bearer <token>` or `?token=`. Without a configured token those routes
are refused (403) with a Dutch text saying how to set one; a missing or wrong token gets 401.
Request bodies above 1 MB are refused (413); the logs never show a query string (launch/privacy_log.py).

Static files come from web/ only. Started by `python -m desk serve` (see desk/__main__.py).
"""
from __future__ import annotations

import asyncio
import hmac
import json
import mimetypes
import socket
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from sanic import Request, Sanic
from sanic.log import logger
from sanic.response import HTTPResponse, raw, redirect, text

from bot.knowledge import salon_profile
from bot.replies import salon
from bot.replies.answers import desk_answer
from bot.replies.checklist import checklist as treatment_checklist
from bot.replies.checklist import checklist_treatments
from channels.whatsapp_status import read_status
from desk import summaries
from launch import privacy_log

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
DEFAULT_DB = ROOT / "var" / "huidbot.db"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
}
# The demo's widget talks to the Rasa server on another port: connect-src allows http(s).
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' http: https:; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")
TEXT_TYPES = ("text/", "application/javascript")
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class Settings:
    """Where summaries are read from, and the desk token that guards them."""

    rasa_url: str = "http://localhost:5005"
    api_token: str | None = None  # token of Rasa's HTTP API, if it was started with one
    db: str | None = None  # read summaries from this SQLite tracker store instead of rasa_url
    desk_token: str | None = None  # HUIDBOT_DESK_TOKEN: required for the routes that show a conversation


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def message(name: str, **values: Any) -> str:
    """A Dutch message from salon/teksten.yml (meldingen)."""
    return str(salon_profile.salon_texts()["meldingen"][name].format(**values))


# --- the API: one function per endpoint, query -> JSON value --------------------------------
def topics(request: Request, settings: Settings) -> Any:
    titles = salon_profile.salon_texts()["onderwerpen"]
    return {"onderwerpen": [{"id": topic, "titel": titles[topic]["titel"]} for topic in salon.TOPICS]}


def salon_answer(request: Request, settings: Settings) -> Any:
    topic = request.args.get("onderwerp", "").strip() or None
    if topic is not None and topic not in salon.TOPICS:
        raise ApiError(HTTPStatus.BAD_REQUEST, message("onbekend_onderwerp", keuzes=", ".join(salon.TOPICS)))
    question = request.args.get("vraag", "").strip()[:1000]
    treatment = request.args.get("behandeling", "").strip() or None
    if topic is None and question:
        knowledge = knowledge_answer(question)
        if knowledge is not None:
            return knowledge
    return salon.answer(question, topic=topic, treatment=treatment).as_dict()


def knowledge_answer(question: str) -> dict[str, Any] | None:
    """A knowledge question gets the chat's answer (with its seed); a salon question gets None.

    The salon's words win unless the knowledge answer explains more words of the question
    ("wat kost microneedling" is about prices, "hoe lang is de huid rood na microneedling" is not).
    """
    found = desk_answer(question)
    if found is None or len(found["woorden"]) <= len(salon.topics_in(question)):
        return None
    return found


def treatments(request: Request, settings: Settings) -> Any:
    from bot.knowledge import load_knowledge

    labels = load_knowledge().teksten.verzoek_labels
    return {"behandelingen": [{"id": t, "label": labels.get(t, t)} for t in checklist_treatments()]}


def checklist(request: Request, settings: Settings) -> Any:
    try:
        return treatment_checklist(request.args.get("behandeling", "").strip()).as_dict()
    except ValueError as err:
        raise ApiError(HTTPStatus.BAD_REQUEST, str(err)) from None


def summary(request: Request, settings: Settings) -> Any:
    code = request.args.get("code", "").strip()
    if not code:
        raise ApiError(HTTPStatus.BAD_REQUEST, message("geen_code"))
    try:
        sender = summaries.find_sender(code, settings.db)
        if sender is None:
            raise ApiError(HTTPStatus.NOT_FOUND, message("code_onbekend", code=code))
        found = summaries.fetch_summary(sender, url=settings.rasa_url, token=settings.api_token, db=settings.db)
    except summaries.SummaryUnavailable as err:
        raise ApiError(HTTPStatus.BAD_GATEWAY, str(err)) from None
    if found is None:
        missing = salon_profile.salon_texts()["samenvatting"]["niet_gevonden"]
        raise ApiError(HTTPStatus.NOT_FOUND, missing.format(sender=code))
    return {"code": code, **found}


def erase(request: Request, settings: Settings) -> Any:
    body = request.json if isinstance(request.json, dict) else {}
    code = str(body.get("code") or "").strip()
    if not code:
        raise ApiError(HTTPStatus.BAD_REQUEST, message("geen_code"))
    try:
        deleted = summaries.erase_by_code(code, settings.db)
    except summaries.SummaryUnavailable as err:
        raise ApiError(HTTPStatus.BAD_GATEWAY, str(err)) from None
    if deleted is None:
        raise ApiError(HTTPStatus.NOT_FOUND, message("code_onbekend", code=code))
    done = salon_profile.salon_texts()["opdrachtregel"]["gewist"]
    return {"code": code, "verwijderd": deleted, "tekst": done.format(code=code.upper(), aantal=deleted)}


def recent(request: Request, settings: Settings) -> Any:
    try:
        return {"samenvattingen": summaries.recent_summaries(settings.db or DEFAULT_DB)}
    except summaries.SummaryUnavailable as err:
        raise ApiError(HTTPStatus.BAD_GATEWAY, str(err)) from None


def channels(request: Request, settings: Settings) -> Any:
    """WhatsApp's connection (None: not set up), with a Dutch notice for the desk when it is down."""
    state = read_status()
    if state is None:
        return {"whatsapp": None}
    return {"whatsapp": {"verbonden": state.get("verbonden") is True, "foutcode": state.get("foutcode"),
                         "gecontroleerd": state.get("gecontroleerd"), "melding": whatsapp_notice(state)}}


def whatsapp_notice(state: dict[str, Any]) -> str | None:
    """None when connected; else why not: the token refused, another Graph error, or Meta unreachable."""
    if state.get("verbonden") is True:
        return None
    code, http_status = state.get("foutcode"), state.get("http")
    if code == 190 or http_status == 401:
        return message("whatsapp_token", code=code or http_status)
    if code or http_status:
        return message("whatsapp_fout", code=code or http_status)
    return message("whatsapp_onbereikbaar")


Endpoint = Callable[[Request, Settings], Any]
ENDPOINTS: dict[str, tuple[Endpoint, bool]] = {
    # path: (function, needs the desk token)
    "/api/onderwerpen": (topics, False),
    "/api/salon": (salon_answer, False),
    "/api/behandelingen": (treatments, False),
    "/api/checklist": (checklist, False),
    "/api/samenvatting": (summary, True),
    "/api/samenvattingen": (recent, True),
    "/api/kanalen": (channels, False),
}
CHANGES: dict[str, tuple[Endpoint, bool]] = {  # POST: they change stored conversations
    "/api/wissen": (erase, True),
}


def refusal(request: Request, settings: Settings) -> HTTPResponse | None:
    """Why a route that shows a conversation is refused: no desk token configured (403), or the
    request lacks it (401); None when the token matches."""
    if not settings.desk_token:
        return _json_error(HTTPStatus.FORBIDDEN, message("baliecode_niet_ingesteld"))
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else request.args.get("token", "")
    if not hmac.compare_digest(given.encode(), settings.desk_token.encode()):
        return _json_error(HTTPStatus.UNAUTHORIZED, message("baliecode"))
    return None


def json_response(value: Any, status: int = HTTPStatus.OK) -> HTTPResponse:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return raw(body, status=status, content_type="application/json; charset=utf-8")


def _json_error(status: int, error: str) -> HTTPResponse:
    return json_response({"fout": error}, status)


# --- static files ---------------------------------------------------------------------------
def static_file(name: str) -> HTTPResponse:
    """A file from web/ (never outside it), with its content type and, for pages, the CSP."""
    target = (WEB / name).resolve()
    if not name or ".." in Path(name).parts or WEB.resolve() not in target.parents or not target.is_file():
        return text(message("onbekend_adres"), status=HTTPStatus.NOT_FOUND)
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if content_type.startswith(TEXT_TYPES):
        content_type += "; charset=utf-8"
    headers = {"Content-Security-Policy": PAGE_CSP} if target.suffix == ".html" else {}
    return raw(target.read_bytes(), content_type=content_type, headers=headers)


# --- the app --------------------------------------------------------------------------------
def create_app(settings: Settings, name: str = "huidbot_desk") -> Sanic:
    mimetypes.add_type("text/javascript", ".js")
    mimetypes.add_type("text/css", ".css")
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_BODY_BYTES)
    app.ctx.settings = settings

    Handler = Callable[[Request], Coroutine[Any, Any, HTTPResponse]]

    def api_route(path: str, endpoint: Endpoint, protected: bool) -> Handler:
        async def handle(request: Request) -> HTTPResponse:
            refused = refusal(request, settings) if protected else None
            if refused is not None:
                return refused
            # Reading summaries blocks (SQLite, HTTP): off the event loop.
            value = await asyncio.to_thread(endpoint, request, settings)
            return json_response(value)

        handle.__name__ = endpoint.__name__
        return handle

    for path, (endpoint, protected) in ENDPOINTS.items():
        app.add_route(api_route(path, endpoint, protected), path, methods=["GET", "HEAD"])
    for path, (endpoint, protected) in CHANGES.items():
        app.add_route(api_route(path, endpoint, protected), path, methods=["POST"])

    @app.route("/", methods=["GET", "HEAD"])
    async def home(request: Request) -> HTTPResponse:
        return redirect("/demo.html", status=HTTPStatus.FOUND)

    @app.route("/<name:path>", methods=["GET", "HEAD"])
    async def files(request: Request, name: str) -> HTTPResponse:
        if name == "api" or name.startswith("api/"):
            return _json_error(HTTPStatus.NOT_FOUND, message("onbekend_adres"))
        return static_file(name)

    @app.exception(ApiError)
    async def api_error(request: Request, err: ApiError) -> HTTPResponse:
        return _json_error(err.status, str(err))

    @app.exception(salon_profile.SalonProfileError)
    async def profile_error(request: Request, err: salon_profile.SalonProfileError) -> HTTPResponse:
        logger.error("%s", err)
        return _json_error(HTTPStatus.INTERNAL_SERVER_ERROR, str(err))

    @app.on_response
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        content_type = response.content_type or ""
        response.headers.setdefault("Cache-Control",
                                    "no-store" if content_type.startswith("application/json") else "no-cache")
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)

    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the desk until Ctrl-C or SIGTERM; port 0 picks a free one. Prints where the pages are."""
    salon_profile.load_profile()  # a broken profile stops here, with the file and the field named
    privacy_log.install()
    app = create_app(settings)
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    bound_host, bound_port = listener.getsockname()[:2]
    shown = "localhost" if bound_host in ("127.0.0.1", "0.0.0.0", "::1", "::") else bound_host
    started = salon_profile.salon_texts()["opdrachtregel"]["balie_gestart"]
    print(started.format(demo=f"http://{shown}:{bound_port}/demo.html",
                         balie=f"http://{shown}:{bound_port}/balie.html"), flush=True)
    app.run(sock=listener, access_log=True, motd=False)
