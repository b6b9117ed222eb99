"""Encryption housekeeping after each sync, as nio's own sync_forever does it."""

from __future__ import annotations

import logging

from nio import AsyncClient, LocalProtocolError

from bot.matrix.backoff import NETWORK_ERRORS

log = logging.getLogger(__name__)


async def manage_keys(client: AsyncClient) -> None:
    """Upload, query and claim keys as needed, and send the queued to-device messages."""
    try:
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
            trust_new_devices(client)
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()
    except (LocalProtocolError, *NETWORK_ERRORS) as exc:
        log.warning("Gestion des clés de chiffrement en échec : %r", exc)


def trust_new_devices(client: AsyncClient) -> None:
    """Trust on first use: a device seen for the first time is marked verified."""
    for device in client.device_store:
        if device.user_id != client.user_id and not (device.verified or device.blacklisted):
            client.verify_device(device)
