"""Builds the content of the messages the bot sends: notices, messages to act on, replies,
escaped HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable

# A Matrix event holds 64 KiB at most: the body and its HTML stay under this many bytes each,
# whatever a reply quotes of what was sent to the bot.
MAX_TEXT_BYTES = 24_000
CUT = "… [tronqué]"


def _capped(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= MAX_TEXT_BYTES:
        return text
    return data[: MAX_TEXT_BYTES - len(CUT.encode())].decode("utf-8", "ignore") + CUT


def text_to_html(text: str) -> str:
    """Plain text as safe HTML: everything escaped, line breaks kept."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def notice(body: str, formatted_body: str | None = None) -> dict[str, object]:
    """An `m.notice` with a plain body and an HTML rendering.

    Without `formatted_body` the HTML is `body` escaped whole; a caller that passes its own
    HTML must have escaped every user-provided part of it.
    """
    body = _capped(body)
    html_body = text_to_html(body) if formatted_body is None else formatted_body
    if len(html_body.encode("utf-8")) > MAX_TEXT_BYTES:  # cut HTML is no HTML: the text then
        html_body = text_to_html(_capped(body)[: MAX_TEXT_BYTES // 6])
    return {
        "msgtype": "m.notice",
        "body": body,
        "format": "org.matrix.custom.html",
        "formatted_body": html_body,
    }


def to_act_on(
    body: str, mentions: Iterable[str] = (), formatted_body: str | None = None
) -> dict[str, object]:
    """An `m.text` for what its reader must act on: a declaration prompt, a reminder, a deadline
    message, an announcement, a welcome. Under Synapse's default push rules a notice never
    notifies (`.m.rule.suppress_notices`) while a text does, and `m.mentions` naming the reader
    highlights it; the bot's answers stay notices."""
    return {
        **notice(body, formatted_body),
        "msgtype": "m.text",
        "m.mentions": {"user_ids": sorted(set(mentions))},
    }


def as_reply(
    content: dict[str, object], event_id: str, sender: str, thread: str | None = None
) -> dict[str, object]:
    """The same content, sent as a reply to `event_id` and mentioning its sender; in the thread
    whose root is `thread`, if the event was in one."""
    relates: dict[str, object] = {"m.in_reply_to": {"event_id": event_id}}
    if thread is not None:
        relates = {"rel_type": "m.thread", "event_id": thread, "is_falling_back": False, **relates}
    return {**content, "m.relates_to": relates, "m.mentions": {"user_ids": [sender]}}
