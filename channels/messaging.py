"""The output side of a messaging channel (Telegram; WhatsApp can use the same): the conversation
is stored under a keyed hash (channels/identity.messaging_key) while replies go to the real chat,
and the privacy notice arrives as its own last bubble of the turn."""
from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel

from channels.notice import NOTICE_KEY, signal_in


class MessagingOutput(OutputChannel):
    """Wraps the platform's output channel for one incoming message."""

    def __init__(self, inner: OutputChannel, recipient: str) -> None:
        self.inner = inner
        self.recipient = recipient  # the platform's chat id; Rasa only knows the storage key
        self.held: list[str] = []

    def name(self) -> str:
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        found = signal_in(message)
        if found is None:
            await self.inner.send_response(self.recipient, message)
            return
        if found.get(NOTICE_KEY):
            self.held.append(str(found[NOTICE_KEY]))
        rest = {k: v for k, v in message.items() if k != "custom"}
        if any(rest.get(k) for k in ("text", "image", "attachment", "elements")):
            await self.inner.send_response(self.recipient, rest)

    # Everything else goes to the platform's channel as it is, addressed to the real chat.
    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.inner.send_text_message(self.recipient, text, **kwargs)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        await self.inner.send_text_with_buttons(self.recipient, text, buttons, **kwargs)

    async def send_quick_replies(self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]],
                                 **kwargs: Any) -> None:
        await self.inner.send_quick_replies(self.recipient, text, quick_replies, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.inner.send_image_url(self.recipient, image, **kwargs)

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self.inner.send_attachment(self.recipient, attachment, **kwargs)

    async def send_elements(self, recipient_id: str, elements: Any, **kwargs: Any) -> None:
        await self.inner.send_elements(self.recipient, elements, **kwargs)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"custom": json_message})

    async def finish_turn(self) -> None:
        """After the bot's replies: the held notice as the last bubble."""
        for text in self.held:
            await self.inner.send_text_message(self.recipient, text)
        self.held.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
