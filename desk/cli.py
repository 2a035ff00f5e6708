"""The receptionist's desk on the command line (texts: salon/teksten.yml, `opdrachtregel`).

    python -m desk salon [onderwerp | vraag]        opening hours, prices, ... (none: all)
    python -m desk checklist <behandeling>          contraindication checklist
    python -m desk samenvatting <gesprekscode>      intake summary of a conversation
    python -m desk samenvatting --recent --db var/huidbot.db
    python -m desk controleer                       validate salon/profiel.yml
    python -m desk wissen <gesprekscode>            erase a conversation at the customer's request
    python -m desk opschonen                        erase conversations idle past bewaartermijn_dagen
    python -m desk serve [--host] [--port]          the desk's web server (demo and balie pages)

Environment: HUIDBOT_URL / HUIDBOT_PORT (Rasa server), HUIDBOT_API_TOKEN (its HTTP API token),
HUIDBOT_DB (the tracker store: a SQLite path or a database URL; default: endpoints.yml's),
HUIDBOT_WEB_HOST (default 127.0.0.1), HUIDBOT_WEB_PORT (default 8080),
HUIDBOT_DESK_TOKEN (required for the routes that show or erase a conversation).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.knowledge import salon_profile
from bot.replies import checklist, salon
from bot.replies.handoff import summary_text
from desk import summaries
from desk.app import knowledge_answer

DEFAULT_DB = "var/huidbot.db"


def default_rasa_url() -> str:
    return os.environ.get("HUIDBOT_URL") or f"http://localhost:{os.environ.get('HUIDBOT_PORT', '5005')}"


def build_parser() -> argparse.ArgumentParser:
    t = salon_profile.salon_texts()["opdrachtregel"]
    parser = argparse.ArgumentParser(prog="python -m desk", description=t["beschrijving"])
    commands = parser.add_subparsers(dest="command", required=True)

    topic = commands.add_parser("salon", help=t["salon"])
    topic.add_argument("vraag", nargs="*", help=t["salon_vraag"].format(onderwerpen=", ".join(salon.TOPICS)))
    topic.add_argument("--json", action="store_true", help=t["json"])

    checklist = commands.add_parser("checklist", help=t["checklist"])
    checklist.add_argument("behandeling", nargs="+", help=t["checklist_behandeling"])
    checklist.add_argument("--json", action="store_true", help=t["json"])

    summary = commands.add_parser("samenvatting", help=t["samenvatting"])
    summary.add_argument("sender", nargs="?", help=t["samenvatting_sender"])
    summary.add_argument("--recent", action="store_true", help=t["recent"])
    summary.add_argument("--db", nargs="?", const=DEFAULT_DB, help=t["db"].format(db=DEFAULT_DB))
    summary.add_argument("--url", help=t["url"].format(url="http://localhost:5005"))
    summary.add_argument("--json", action="store_true", help=t["json"])

    erase = commands.add_parser("wissen", help=t["wissen"])
    erase.add_argument("code", help=t["wissen_code"])
    erase.add_argument("--db", help=t["opslag"].format(db=DEFAULT_DB))

    purge = commands.add_parser("opschonen", help=t["opschonen"])
    purge.add_argument("--db", help=t["opslag"].format(db=DEFAULT_DB))

    check = commands.add_parser("controleer", help=t["controleer"])
    check.add_argument("--profiel", help=t["profiel"])

    serve = commands.add_parser("serve", help=t["serve"])
    serve.add_argument("--host", default=os.environ.get("HUIDBOT_WEB_HOST", "127.0.0.1"), help=t["serve_host"])
    serve.add_argument("--port", type=int, default=int(os.environ.get("HUIDBOT_WEB_PORT", "8080")),
                       help=t["serve_port"])
    serve.add_argument("--rasa-url", default=default_rasa_url(), help=t["serve_rasa_url"])
    serve.add_argument("--db", default=os.environ.get("HUIDBOT_DB") or None, help=t["serve_db"])
    return parser


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def show_salon(args: argparse.Namespace) -> int:
    question = " ".join(args.vraag).strip()
    titles = {salon_profile.salon_texts()["onderwerpen"][t]["titel"].lower(): t for t in salon.TOPICS}
    topic = question.lower() if question.lower() in salon.TOPICS else titles.get(question.lower())
    knowledge = knowledge_answer(question) if question and topic is None else None
    if knowledge is not None:
        if args.json:
            print_json(knowledge)
        else:
            print("\n\n".join(knowledge["berichten"]))
        return 0
    answers = [salon.answer(question, topic=topic)] if question else [salon.answer(topic=t) for t in salon.TOPICS]
    if args.json:
        print_json([a.as_dict() for a in answers] if len(answers) > 1 else answers[0].as_dict())
    else:
        print("\n\n".join("\n\n".join(a.bubbles) for a in answers))
    return 0


def show_checklist(args: argparse.Namespace) -> int:
    try:
        result = checklist.checklist(" ".join(args.behandeling))
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    if args.json:
        print_json(result.as_dict())
    else:
        print(result.text())
    return 0


def show_recent(db: str, as_json: bool) -> int:
    t = salon_profile.salon_texts()["opdrachtregel"]
    rows = summaries.recent_summaries(db)
    if as_json:
        print_json(rows)
        return 0
    if not rows:
        print(t["geen_recent"].format(db=db))
    for row in rows:
        when = datetime.fromtimestamp(row["tijd"]).strftime("%Y-%m-%d %H:%M") if row["tijd"] else "?"
        print(t["recent_regel"].format(tijd=when, code=row["code"]))
        print(row["samenvatting"].get("tekst", ""), end="\n\n")
    return 0


def show_summary(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    t = salon_profile.salon_texts()
    try:
        if args.recent:
            return show_recent(args.db or DEFAULT_DB, args.json)
        if not args.sender:
            parser.error(t["meldingen"]["geen_sender"])
        # Straight from the tracker store unless a Rasa server is named: its HTTP API is off by default.
        url = args.url or os.environ.get("HUIDBOT_URL")
        db = args.db or (None if url else summaries.default_store())
        sender = summaries.find_sender(args.sender, db)
        if sender is None:
            print(t["meldingen"]["code_onbekend"].format(code=args.sender), file=sys.stderr)
            return 1
        found = summaries.fetch_summary(sender, url=url or default_rasa_url(), db=db,
                                        token=os.environ.get("HUIDBOT_API_TOKEN") or None)
    except summaries.SummaryUnavailable as err:
        print(err, file=sys.stderr)
        return 2
    if found is None:
        print(t["samenvatting"]["niet_gevonden"].format(sender=args.sender), file=sys.stderr)
        return 1
    if args.json:
        print_json(found)
    else:
        print(found.get("tekst") or summary_text(found))
    return 0


def check_profile(args: argparse.Namespace) -> int:
    try:
        profile = salon_profile.validate_profile(args.profiel)
    except salon_profile.SalonProfileError as err:
        print(err, file=sys.stderr)
        return 1
    shown = args.profiel or os.environ.get(salon_profile.PROFILE_ENV) or "salon/profiel.yml"
    print(salon_profile.salon_texts()["opdrachtregel"]["profiel_goed"].format(
        bestand=shown, naam=profile["naam"], prijzen=len(profile["prijzen"])))
    return 0


def erase_conversation(args: argparse.Namespace) -> int:
    t = salon_profile.salon_texts()
    try:
        deleted = summaries.erase_by_code(args.code, args.db)
    except summaries.SummaryUnavailable as err:
        print(err, file=sys.stderr)
        return 2
    if deleted is None:
        print(t["meldingen"]["code_onbekend"].format(code=args.code), file=sys.stderr)
        return 1
    print(t["opdrachtregel"]["gewist"].format(code=args.code.strip().upper(), aantal=deleted))
    return 0


def purge_idle(args: argparse.Namespace) -> int:
    try:
        erased, days = summaries.purge(args.db)
    except summaries.SummaryUnavailable as err:
        print(err, file=sys.stderr)
        return 2
    print(salon_profile.salon_texts()["opdrachtregel"]["opgeschoond"].format(aantal=erased, dagen=days))
    return 0


def serve(args: argparse.Namespace) -> int:
    from desk.app import Settings
    from desk.app import serve as run_server

    settings = Settings(rasa_url=args.rasa_url, api_token=os.environ.get("HUIDBOT_API_TOKEN") or None,
                        db=args.db, desk_token=os.environ.get("HUIDBOT_DESK_TOKEN") or None)
    run_server(settings, host=args.host, port=args.port)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "salon":
            return show_salon(args)
        if args.command == "checklist":
            return show_checklist(args)
        if args.command == "samenvatting":
            return show_summary(args, parser)
        if args.command == "serve":
            return serve(args)
        if args.command == "wissen":
            return erase_conversation(args)
        if args.command == "opschonen":
            return purge_idle(args)
        return check_profile(args)
    except salon_profile.SalonProfileError as err:
        print(err, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m desk checklist laser | head`
        sys.stderr.close()
        return 0
