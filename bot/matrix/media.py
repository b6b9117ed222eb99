"""Files the bot sends: uploaded (encrypted for encrypted rooms), then posted as messages."""

from __future__ import annotations

import io
from typing import Any

from nio import (
    AsyncClient,
    EncryptionError,
    MegolmEvent,
    MemoryDownloadResponse,
    RoomEncryptedFile,
    RoomGetEventResponse,
    RoomMessageFile,
    UploadResponse,
)
from nio.crypto.attachments import decrypt_attachment

from bot.i18n import Translator

IMAGE_TYPES = ("image/png", "image/jpeg")


class UploadFailedError(Exception):
    """The homeserver refused the file."""


async def upload_file(
    client: AsyncClient, data: bytes, filename: str, mimetype: str, encrypted: bool
) -> dict[str, Any]:
    """Upload `data` and return the content of the `m.file` / `m.image` message that shows it."""
    response, keys = await client.upload(
        lambda *_: io.BytesIO(data),
        content_type=mimetype,
        filename=filename,
        encrypt=encrypted,
        filesize=len(data),
    )
    if not isinstance(response, UploadResponse):
        raise UploadFailedError(str(response))
    content: dict[str, Any] = {
        "msgtype": "m.image" if mimetype in IMAGE_TYPES else "m.file",
        "body": filename,
        "filename": filename,
        "info": {"mimetype": mimetype, "size": len(data)},
    }
    if encrypted and keys is not None:
        content["file"] = {**keys, "url": response.content_uri}
    else:
        content["url"] = response.content_uri
    return content


async def upload_for_room(
    client: AsyncClient, data: bytes, filename: str, mimetype: str, room_id: str
) -> dict[str, Any]:
    """`upload_file` for a message in `room_id`: encrypted if the room is, or not known yet."""
    room = client.rooms.get(room_id)
    encrypted = room is None or bool(room.encrypted)
    return await upload_file(client, data, filename, mimetype, encrypted)


_T = Translator()


class FileUnavailableError(Exception):
    """The message is not a file, or the file cannot be fetched; the reason is in French."""


async def fetch_file(client: AsyncClient, room_id: str, event_id: str) -> tuple[str, bytes]:
    """The name and bytes of the file sent as `event_id` (decrypted if it was encrypted)."""
    got = await client.room_get_event(room_id, event_id)
    if not isinstance(got, RoomGetEventResponse):
        raise FileUnavailableError(_T("file.not_found"))
    event = got.event
    if isinstance(event, MegolmEvent):
        try:
            event = client.decrypt_event(event)
        except EncryptionError:
            raise FileUnavailableError(_T("file.undecryptable")) from None
    if not isinstance(event, RoomMessageFile | RoomEncryptedFile):
        raise FileUnavailableError(_T("file.not_a_file"))
    downloaded = await client.download(mxc=event.url)
    if not isinstance(downloaded, MemoryDownloadResponse):
        raise FileUnavailableError(_T("file.download_refused"))
    data = downloaded.body
    if isinstance(event, RoomEncryptedFile):
        data = decrypt_attachment(data, event.key["k"], event.hashes["sha256"], event.iv)
    return event.body, data
