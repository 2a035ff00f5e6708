"""The staff side of Huidbot: the receptionist's desk.

    desk/summaries.py  intake summaries read back from the tracker store (SQLite) or Rasa's HTTP API
    desk/app.py        the desk's web server (Sanic): web/ pages and the JSON API of web/balie.js
    desk/cli.py        `python -m desk salon | checklist | samenvatting | controleer | serve`

It is an adapter over bot/ (salon facts, checklist, hand-off summary): bot/ never imports desk/.
"""
