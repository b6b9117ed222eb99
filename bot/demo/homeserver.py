"""A local Synapse on 127.0.0.1 for the demo and the tests (needs the `dev` extra).

Its state lives in one folder: generated once, reused on later starts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SERVER_NAME = "localhost"
GENEROUS = {"per_second": 1000, "burst_count": 1000}
RATE_LIMITS: dict[str, Any] = {
    "rc_message": GENEROUS,
    "rc_registration": GENEROUS,
    "rc_login": {"address": GENEROUS, "account": GENEROUS, "failed_attempts": GENEROUS},
    "rc_joins": {"local": GENEROUS, "remote": GENEROUS},
    "rc_joins_per_room": GENEROUS,
    "rc_invites": {"per_room": GENEROUS, "per_user": GENEROUS, "per_issuer": GENEROUS},
    "rc_admin_redaction": GENEROUS,
    "rc_key_requests": GENEROUS,
    "rc_3pid_validation": GENEROUS,
    "rc_presence": {"per_user": GENEROUS},
    "rc_room_creation": GENEROUS,
}


class HomeserverError(Exception):
    """The local Synapse could not be prepared, started or asked something."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Account:
    user_id: str
    password: str
    access_token: str = ""
    device_id: str = ""


class LocalSynapse:
    """One Synapse process with its state folder.

    With `federation=True` it also serves federation over TLS (a self-signed certificate) on a
    second loopback port and is named `127.0.0.1:<that port>`, so that two of them can talk to
    each other; otherwise it is named `localhost` and talks to no other server.
    """

    def __init__(self, state_dir: Path, port: int | None = None, federation: bool = False) -> None:
        self.state_dir = state_dir.resolve()
        self.port = port or free_port()
        self.federation_port = free_port() if federation else 0
        self.server_name = f"127.0.0.1:{self.federation_port}" if federation else SERVER_NAME
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        return self.state_dir / "homeserver.yaml"

    def prepare(self) -> None:
        """Generate the configuration once, then (re)write the parts we own: port, limits."""
        import yaml  # a Synapse dependency

        self.state_dir.mkdir(parents=True, exist_ok=True)
        if not self.config_path.exists():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "synapse.app.homeserver",
                    "--server-name",
                    self.server_name,
                    "--config-path",
                    str(self.config_path),
                    "--data-directory",
                    str(self.state_dir),
                    "--generate-config",
                    "--report-stats=no",
                ],
                cwd=self.state_dir,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        config = yaml.safe_load(self.config_path.read_text())
        config.update(RATE_LIMITS)
        config.update(
            {
                "listeners": self._client_listener(),
                "trusted_key_servers": [],
                "suppress_key_server_warning": True,
                "report_stats": False,
                "presence": {"enabled": False},
                "enable_registration": False,
                "federation_domain_whitelist": [],
                "url_preview_enabled": False,
                "bcrypt_rounds": 4,  # loopback test server: cheap password hashing
            }
        )
        if self.federation_port:
            config.update(self._federation_config())
        self.config_path.write_text(yaml.safe_dump(config))
        log_config = Path(config["log_config"])
        log_text = log_config.read_text()
        log_config.write_text(log_text.replace("level: INFO", "level: WARNING"))

    def _client_listener(self) -> list[dict[str, Any]]:
        return [
            {
                "port": self.port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ]

    def _federation_config(self) -> dict[str, Any]:
        """A TLS federation listener on loopback, and no refusal of loopback peers."""
        certificate, key = self.state_dir / "tls.crt", self.state_dir / "tls.key"
        if not certificate.exists():
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
                 "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
                check=True,
                capture_output=True,
            )  # fmt: skip
        return {
            "listeners": [
                *self._client_listener(),
                {
                    "port": self.federation_port,
                    "bind_addresses": ["127.0.0.1"],
                    "type": "http",
                    "tls": True,
                    "resources": [{"names": ["federation", "keys"], "compress": False}],
                },
            ],
            "tls_certificate_path": str(certificate),
            "tls_private_key_path": str(key),
            "federation_verify_certificates": False,
            "federation_domain_whitelist": None,
            "ip_range_blacklist": [],
            "ip_range_whitelist": ["127.0.0.1"],
        }

    @property
    def shared_secret(self) -> str:
        import yaml

        return str(yaml.safe_load(self.config_path.read_text())["registration_shared_secret"])

    def start(self, timeout: float = 90) -> None:
        self.prepare()
        stale_pid = self.state_dir / "homeserver.pid"
        stale_pid.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
            cwd=self.state_dir,
            stdout=open(self.state_dir / "stdout.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HomeserverError(
                    f"Synapse s'est arrêté au démarrage (voir {self.state_dir / 'stdout.log'})"
                )
            try:
                self._request("GET", "/_matrix/client/versions")
                return
            except (OSError, HomeserverError):
                time.sleep(0.2)
        self.stop()
        raise HomeserverError(f"Synapse ne répond pas après {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def _request(
        self, method: str, path: str, body: dict[str, Any] | None = None, token: str = ""
    ) -> dict[str, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return dict(json.loads(response.read() or b"{}"))
        except urllib.error.HTTPError as exc:
            raise HomeserverError(f"{method} {path}: {exc.code} {exc.read().decode()}") from None

    def register(self, localpart: str, password: str, admin: bool = False) -> Account:
        """Create an account with the shared secret, or log in if it already exists."""
        user_id = f"@{localpart}:{self.server_name}"
        nonce = self._request("GET", "/_synapse/admin/v1/register")["nonce"]
        kind = "admin" if admin else "notadmin"
        message = b"\x00".join(part.encode() for part in (nonce, localpart, password, kind))
        body = {
            "nonce": nonce,
            "username": localpart,
            "password": password,
            "admin": admin,
            "mac": hmac.new(self.shared_secret.encode(), message, hashlib.sha1).hexdigest(),
        }
        try:
            self._request("POST", "/_synapse/admin/v1/register", body)
        except HomeserverError as exc:
            if "M_USER_IN_USE" not in str(exc):
                raise
        return Account(user_id, password)

    def login(self, account: Account, device_name: str = "script") -> Account:
        """A fresh access token for `account` (used for admin calls)."""
        response = self._request(
            "POST",
            "/_matrix/client/v3/login",
            {
                "type": "m.login.password",
                "identifier": {"type": "m.id.user", "user": account.user_id},
                "password": account.password,
                "initial_device_display_name": device_name,
            },
        )
        return Account(
            account.user_id, account.password, response["access_token"], response["device_id"]
        )

    def api(
        self, method: str, path: str, token: str, body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return self._request(method, path, body, token)
