"""`make run`: the Rasa server (which runs the custom actions itself) and the desk in the
foreground; Ctrl-C stops both.

    python -m launch            # the two servers, logs prefixed [rasa] [web]
    python -m launch --shell    # the desk, and a terminal chat instead of the Rasa server

Environment:
    HUIDBOT_PORT          Rasa server port        (default 5005)
    HUIDBOT_WEB_PORT      desk web server port    (default 8080)
    HUIDBOT_HOST          Rasa server interface   (default 0.0.0.0: the website's chat must reach it)
    HUIDBOT_API_TOKEN     Rasa's HTTP API is on only with this token (?token=...) ...
    HUIDBOT_JWT_SECRET    ... or this JWT secret (Authorization: Bearer <jwt>); without either it is off
    HUIDBOT_DESK_TOKEN    the desk's conversation pages and summaries require it (refused without one)
    TELEGRAM_TOKEN, ...   if set, the Telegram channel is added (credentials.telegram.yml)
    WHATSAPP_TOKEN, ...   if set, the WhatsApp channel is added (credentials.whatsapp.yml)
Conversations are kept in the tracker store of endpoints.yml (var/huidbot.db).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from types import FrameType

from channels.identity import new_web_id
from launch.stack import IN_PROCESS, MODEL, RASA_SERVER, ROOT, Stack, StartError, rasa_options, sqlite_tracker_store

READY = """
  Huidbot is running.
    REST:       curl -s -X POST {rasa}/webhooks/rest/webhook \\
                  -H 'Content-Type: application/json' -d '{{"sender":"{sender}","message":"hoi"}}'
    HTTP API:   {api}
    CORS:       {origins}
    Actions:    in the Rasa server (no separate action server)
    Website chat demo:  {web}/demo.html
    Balie (receptie):   {web}/balie.html
  Conversations are stored in var/huidbot.db. Stop with Ctrl-C.
"""


def _port(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(shell: bool) -> int:
    port = _port("HUIDBOT_PORT", 5005)
    web_port = _port("HUIDBOT_WEB_PORT", 8080)
    signal.signal(signal.SIGTERM, _interrupt)
    stack = Stack(ROOT / "var", console=True)
    try:
        rasa_url = f"http://localhost:{port}"
        stack.start_desk(web_port, rasa_url, db=sqlite_tracker_store())
        if shell:
            endpoints = stack.write_endpoints(IN_PROCESS)
            command = [*RASA_SERVER, "shell", "--model", str(MODEL), "--endpoints", str(endpoints)]
            return subprocess.call(command, cwd=ROOT)
        options = rasa_options(os.environ, web_port)
        stack.start_rasa(port, IN_PROCESS, host=os.environ.get("HUIDBOT_HOST") or None, **options)
        stack.wait_until_ready(timeout=600)
        api = ("on, every route needs the token" if options["auth_token"] or options["jwt_secret"]
               else "off (set HUIDBOT_API_TOKEN to switch it on)")
        print(READY.format(rasa=rasa_url, sender=new_web_id(),
                           web=f"http://localhost:{web_port}", api=api,
                           origins=", ".join(options["cors"])), flush=True)
        while (stopped := stack.exited()) is None:
            time.sleep(0.5)
        print(f"Huidbot: the {stopped.name} server stopped (exit code {stopped.process.returncode}).", flush=True)
        return 1
    except StartError as err:
        print(f"Huidbot: {err}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        print("\nHuidbot: stopping...", flush=True)
        stack.stop()
        print("Huidbot: stopped.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m launch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shell", action="store_true", help="a terminal chat instead of the Rasa server")
    args = parser.parse_args(argv)
    return run(args.shell)


if __name__ == "__main__":
    sys.exit(main())
