"""Supervision: `pdn-bot health`, `/health` and `/metrics` on loopback, JSON logs."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import Session, select

from bot.demo.homeserver import free_port
from bot.monitoring import JsonFormatter
from bot.storage.database import make_engine
from bot.storage.models import SyncState
from tests.integration.conftest import Network, start_second_bot
from tests.integration.test_cli import pdn_bot

pytestmark = [pytest.mark.integration, pytest.mark.one_database]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _value(metrics: str, name: str) -> float:
    """The value of the sample `name`, the text read by Prometheus's own parser (which also
    requires each family's HELP and TYPE to be right)."""
    samples = {
        sample.name: sample.value
        for family in text_string_to_metric_families(metrics)
        for sample in family.samples
    }
    return samples[name]


def _raw(port: int, request: bytes) -> bytes:
    """What the server answers to `request` sent as is."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        return connection.recv(4096)


async def test_health_command_and_http_endpoints(network: Network, tmp_path: Path) -> None:
    port = free_port()
    bot = await start_second_bot(
        network,
        "pdn-bot-sante",
        tmp_path,
        extra=f"[monitoring]\nhttp_port = {port}\n",
    )
    config = str(bot.process.config)
    try:
        assert "pong" in (await network.promeneur.ask(bot.room, "!ping")).lower()
        healthy = await asyncio.to_thread(pdn_bot, "health", "-c", config)
        assert healthy.returncode == 0, healthy.stdout + healthy.stderr
        assert healthy.stdout.startswith("OK")

        for _ in range(40):  # figures are read every few seconds, not per request
            status, body = await asyncio.to_thread(get, f"http://127.0.0.1:{port}/health")
            if status == 200:
                break
            await asyncio.sleep(0.5)
        assert (status, json.loads(body)["ok"]) == (200, True)
        for _ in range(40):
            status, metrics = await asyncio.to_thread(get, f"http://127.0.0.1:{port}/metrics")
            assert status == 200
            if _value(metrics, "pdn_bot_handled_events") >= 1:
                break
            await asyncio.sleep(0.5)
        assert _value(metrics, "pdn_bot_handled_events") >= 1
        assert _value(metrics, "pdn_bot_messages_handled_total") >= 1
        assert _value(metrics, "pdn_bot_replies_sent_total") >= 1
        assert _value(metrics, "pdn_bot_errors_total") == 0
        synced = _value(metrics, "pdn_bot_last_sync_timestamp_seconds")
        assert abs(synced - dt.datetime.now(dt.UTC).timestamp()) < 120
        assert _value(metrics, "pdn_bot_build_info") == 1
        assert _value(metrics, "process_resident_memory_bytes") > 10_000_000
        started = _value(metrics, "process_start_time_seconds")  # this bot's, just started
        assert 0 <= dt.datetime.now(dt.UTC).timestamp() - started < 120, started
        families = {f.name: f.type for f in text_string_to_metric_families(metrics)}
        assert families["pdn_bot_replies_sent"] == "counter", families
        assert (await asyncio.to_thread(get, f"http://127.0.0.1:{port}/ailleurs"))[0] == 404
        for request in (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", b"\x00\xff n'importe\r\n"):
            answer = await asyncio.to_thread(_raw, port, request)
            assert answer.startswith(b"HTTP/1.1 400 "), answer[:80]
        assert "Traceback" not in bot.process.new_log()
        assert (await asyncio.to_thread(get, f"http://127.0.0.1:{port}/health"))[0] == 200
    finally:
        bot.process.stop()

    # The bot has not synced for an hour (stopped, or stuck): unhealthy.
    with Session(make_engine(bot.database_url)) as session:
        for state in session.exec(select(SyncState)):
            state.updated_at -= dt.timedelta(hours=1)
            session.add(state)
        session.commit()
    sick = await asyncio.to_thread(pdn_bot, "health", "-c", config)
    assert sick.returncode == 1
    assert "MALADE : dernière synchronisation il y a" in sick.stdout


def test_json_logs_are_one_object_per_line() -> None:
    record = logging.LogRecord("bot.app", logging.INFO, __file__, 1, "Bot prêt (%s)", ("x",), None)
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "INFO",
        "bot.app",
        "Bot prêt (x)",
    )
