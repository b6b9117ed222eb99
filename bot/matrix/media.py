"""Files the bot sends: uploaded (encrypted for encrypted rooms), then posted as messages."""

from __future__ import annotations

import io
from typing import Any

from nio import AsyncClient, UploadResponse

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
