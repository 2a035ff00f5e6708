"""The receptionist's desk on the command line (texts: salon/teksten.yml).

    python -m bot salon [onderwerp | vraag]        opening hours, prices, ... (none: all)
    python -m bot checklist <behandeling>          contraindication checklist
    python -m bot samenvatting <gesprekscode>      intake summary of a conversation
    python -m bot samenvatting --recent --db var/huidbot.db
    python -m bot controleer                       validate salon/profiel.yml
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from typing import Any, Sequence

from bot import handoff, salon

DEFAULT_URL = "http://localhost:5005"
DEFAULT_DB = "var/huidbot.db"


def _parser() -> argparse.ArgumentParser:
    t = salon.texts()["opdrachtregel"]
    p = argparse.ArgumentParser(prog="python -m bot", description=t["beschrijving"])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("salon", help=t["salon"])
    s.add_argument("vraag", nargs="*", help=t["salon_vraag"].format(onderwerpen=", ".join(salon.TOPICS)))
    s.add_argument("--json", action="store_true", help=t["json"])

    c = sub.add_parser("checklist", help=t["checklist"])
    c.add_argument("behandeling", nargs="+", help=t["checklist_behandeling"])
    c.add_argument("--json", action="store_true", help=t["json"])

    h = sub.add_parser("samenvatting", help=t["samenvatting"])
    h.add_argument("sender", nargs="?", help=t["samenvatting_sender"])
    h.add_argument("--recent", action="store_true", help=t["recent"])
    h.add_argument("--db", nargs="?", const=DEFAULT_DB, help=t["db"].format(db=DEFAULT_DB))
    h.add_argument("--url", help=t["url"].format(url=DEFAULT_URL))
    h.add_argument("--json", action="store_true", help=t["json"])

    v = sub.add_parser("controleer", help=t["controleer"])
    v.add_argument("--profiel", help=t["profiel"])
    return p


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _salon(args: argparse.Namespace) -> int:
    question = " ".join(args.vraag).strip()
    titles = {salon.texts()["onderwerpen"][t]["titel"].lower(): t for t in salon.TOPICS}
    topic = question.lower() if question.lower() in salon.TOPICS else titles.get(question.lower())
    if question:
        answers = [salon.answer(question, topic=topic)]
    else:
        answers = [salon.answer(topic=t) for t in salon.TOPICS]
    if args.json:
        _print_json([a.as_dict() for a in answers] if len(answers) > 1 else answers[0].as_dict())
    else:
        print("\n\n".join("\n\n".join(a.bubbles) for a in answers))
    return 0


def _checklist(args: argparse.Namespace) -> int:
    try:
        result = salon.checklist(" ".join(args.behandeling))
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    if args.json:
        _print_json(result.as_dict())
    else:
        print(result.text())
    return 0


def _samenvatting(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    t = salon.texts()
    try:
        if args.recent:
            db = args.db or DEFAULT_DB
            rows = handoff.recent_summaries(db)
            if args.json:
                _print_json(rows)
            elif not rows:
                print(t["opdrachtregel"]["geen_recent"].format(db=db))
            for row in [] if args.json else rows:
                when = datetime.fromtimestamp(row["tijd"]).strftime("%Y-%m-%d %H:%M") if row["tijd"] else "?"
                print(t["opdrachtregel"]["recent_regel"].format(tijd=when, sender=row["sender"]))
                print(row["samenvatting"].get("tekst", ""), end="\n\n")
            return 0
        if not args.sender:
            parser.error(t["meldingen"]["geen_sender"])
        url = args.url or os.environ.get("HUIDBOT_URL") or DEFAULT_URL
        summary = handoff.fetch_summary(args.sender, url=url, db=args.db,
                                        token=os.environ.get("HUIDBOT_API_TOKEN") or None)
    except handoff.SummaryUnavailable as err:
        print(err, file=sys.stderr)
        return 2
    if summary is None:
        print(t["samenvatting"]["niet_gevonden"].format(sender=args.sender), file=sys.stderr)
        return 1
    if args.json:
        _print_json(summary)
    else:
        print(summary.get("tekst") or handoff.summary_text(summary))
    return 0


def _controleer(args: argparse.Namespace) -> int:
    try:
        profile = salon.validate_profile(args.profiel)
    except salon.SalonProfileError as err:
        print(err, file=sys.stderr)
        return 1
    shown = args.profiel or os.environ.get(salon.PROFILE_ENV) or "salon/profiel.yml"
    print(salon.texts()["opdrachtregel"]["profiel_goed"].format(
        bestand=shown, naam=profile["naam"], prijzen=len(profile["prijzen"])))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "salon":
            return _salon(args)
        if args.command == "checklist":
            return _checklist(args)
        if args.command == "samenvatting":
            return _samenvatting(args, parser)
        return _controleer(args)
    except salon.SalonProfileError as err:
        print(err, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m bot checklist laser | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
