#!/usr/bin/env bash
# Starts the action server and the Rasa server in the foreground, with logs.
# Ctrl-C stops both. `--shell` gives a terminal chat instead of the server.
#   HUIDBOT_PORT          Rasa server port        (default 5005)
#   HUIDBOT_ACTIONS_PORT  action server port      (default 5055)
#   HUIDBOT_API_TOKEN     if set, the HTTP API requires ?token=...
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONUNBUFFERED=1
PORT="${HUIDBOT_PORT:-5005}"
ACTIONS_PORT="${HUIDBOT_ACTIONS_PORT:-5055}"
WEB_PORT="${HUIDBOT_WEB_PORT:-8080}"
RASA=.venv/bin/rasa
mkdir -p var

endpoints=endpoints.yml
if [ "$ACTIONS_PORT" != 5055 ]; then
  endpoints=var/endpoints.generated.yml
  sed "s#localhost:5055#localhost:$ACTIONS_PORT#" endpoints.yml > "$endpoints"
fi

credentials=credentials.yml
if [ -n "${TELEGRAM_TOKEN:-}" ]; then  # Telegram only when configured
  credentials=var/credentials.generated.yml
  cat credentials.yml credentials.telegram.yml > "$credentials"
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Huidbot: stopping..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  echo "Huidbot: stopped."
}
trap stop INT TERM EXIT

"$RASA" run actions --actions actions --port "$ACTIONS_PORT" 2>&1 | sed -u 's/^/[actions] /' &
pids+=($!)

.venv/bin/python scripts/serve_web.py --port "$WEB_PORT" --rasa-url "http://localhost:$PORT" 2>&1 | sed -u 's/^/[web]     /' &
pids+=($!)

if [ "${1:-}" = "--shell" ]; then
  "$RASA" shell --model models/huidbot.tar.gz --endpoints "$endpoints"
  exit 0
fi

auth=()
[ -n "${HUIDBOT_API_TOKEN:-}" ] && auth=(--auth-token "$HUIDBOT_API_TOKEN")
"$RASA" run --model models/huidbot.tar.gz --endpoints "$endpoints" --credentials "$credentials" \
  --port "$PORT" --enable-api --cors "*" "${auth[@]}" 2>&1 | sed -u 's/^/[rasa]    /' &
pids+=($!)

# Tell the user where to talk to the bot once the server answers.
for _ in $(seq 1 180); do
  if curl -sf "http://localhost:$PORT/" >/dev/null 2>&1; then
    cat <<MSG

  Huidbot is running.
    REST:       curl -s -X POST http://localhost:$PORT/webhooks/rest/webhook \\
                  -H 'Content-Type: application/json' -d '{"sender":"demo","message":"hoi"}'
    socket.io:  http://localhost:$PORT/socket.io  (website chat widget)
    actions:    http://localhost:$ACTIONS_PORT/health
    Website chat demo:  http://localhost:$WEB_PORT/demo.html
    Balie (receptie):   http://localhost:$WEB_PORT/balie.html
  Conversations are stored in var/huidbot.db. Stop with Ctrl-C.

MSG
    break
  fi
  sleep 1
done
wait -n "${pids[@]}"
