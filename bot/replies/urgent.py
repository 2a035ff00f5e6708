"""What the bot says when a message shows a sign that needs a doctor now: whom to call, first."""
from __future__ import annotations

from bot.replies.reply import Bubble, Reply
from bot.rules.urgent import UrgentSign, urgent_data


def urgent_reply(sign: UrgentSign) -> Reply:
    """One bubble: call 112, or the huisarts / huisartsenpost; no skin advice."""
    return Reply((Bubble(urgent_data()["teksten"][sign.level]),), advice=(f"dringend:{sign.id}",),
                 facts=(f"dringend.{sign.id}",))
