"""Builds the content of the messages the bot sends: notices, replies, escaped HTML."""

from __future__ import annotations

import html


def text_to_html(text: str) -> str:
    """Plain text as safe HTML: everything escaped, line breaks kept."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def notice(body: str, formatted_body: str | None = None) -> dict[str, object]:
    """An `m.notice` with a plain body and an HTML rendering.

    Without `formatted_body` the HTML is `body` escaped whole; a caller that passes its own
    HTML must have escaped every user-provided part of it.
    """
    return {
        "msgtype": "m.notice",
        "body": body,
        "format": "org.matrix.custom.html",
        "formatted_body": text_to_html(body) if formatted_body is None else formatted_body,
    }


def as_reply(content: dict[str, object], event_id: str, sender: str) -> dict[str, object]:
    """The same content, sent as a reply to `event_id` and mentioning its sender."""
    return {
        **content,
        "m.relates_to": {"m.in_reply_to": {"event_id": event_id}},
        "m.mentions": {"user_ids": [sender]},
    }
