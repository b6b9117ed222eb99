"""What the bot reads of an incoming event, checked field by field: any client can send any
JSON, so a field of the wrong type is treated as absent, never trusted, never raised on."""

from __future__ import annotations

from typing import Any

from bot.matrix.ids import EventId


def mapping(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def text(value: Any) -> str | None:
    """`value` if it is a string, else None."""
    return value if isinstance(value, str) else None


def edit_of(content: Any, body: str) -> tuple[EventId | None, str]:
    """For an edit (m.replace): the edited event's id and the new text; else (None, body)."""
    relates = mapping(mapping(content).get("m.relates_to"))
    edited = text(relates.get("event_id"))
    if relates.get("rel_type") != "m.replace" or not edited:
        return None, body
    new_body = text(mapping(mapping(content).get("m.new_content")).get("body"))
    return EventId(edited), new_body if new_body is not None else body.removeprefix("* ")


def thread_of(content: Any) -> EventId | None:
    """The root of the thread (m.thread) the event was sent in, if any."""
    relates = mapping(mapping(content).get("m.relates_to"))
    root = text(relates.get("event_id"))
    return EventId(root) if relates.get("rel_type") == "m.thread" and root else None


def reply_of(content: Any, body: str) -> tuple[EventId | None, str]:
    """For a reply: the answered event's id, and the text without the quoted fallback. In a
    thread, the reply a client adds for older clients (`is_falling_back`) answers nothing."""
    relates = mapping(mapping(content).get("m.relates_to"))
    answered = text(mapping(relates.get("m.in_reply_to")).get("event_id"))
    if relates.get("is_falling_back") is True and thread_of(content) is not None:
        answered = None
    if not answered:
        return None, body
    lines = body.split("\n")
    while lines and lines[0].startswith("> "):
        lines.pop(0)
    return EventId(answered), "\n".join(lines).strip()


def mentioned(content: Any) -> list[str]:
    """The users the event's `m.mentions` names (what a client's mention pill adds)."""
    users = mapping(mapping(content).get("m.mentions")).get("user_ids")
    return [user for user in users if isinstance(user, str)] if isinstance(users, list) else []
