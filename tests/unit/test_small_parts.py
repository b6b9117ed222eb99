import random
import re
from pathlib import Path

import pytest

from bot.commands.roles import Role
from bot.directory.registry import Directory, build
from bot.i18n import CATALOGS, Translator
from bot.matrix.backoff import Backoff
from bot.matrix.content import as_reply, notice
from bot.storage.models import AddedCoordinator, Member
from bot.text.errors import UserError


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    backoff = Backoff(base=1, cap=8, rng=random.Random(4))

    delays = [backoff.next_delay() for _ in range(6)]

    for delay, ceiling in zip(delays, [1, 2, 4, 8, 8, 8], strict=True):
        assert ceiling / 2 <= delay <= ceiling
    assert len(set(delays)) == len(delays)
    backoff.reset()
    assert backoff.next_delay() <= 1


def test_notice_escapes_everything_in_html() -> None:
    content = notice('<script>alert("x")</script>\n& co')

    assert content["msgtype"] == "m.notice"
    assert content["body"] == '<script>alert("x")</script>\n& co'
    assert (
        content["formatted_body"] == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&amp; co"
    )


def test_reply_points_to_the_event_and_mentions_its_sender() -> None:
    content = as_reply(notice("ok"), "$event", "@camille:localhost")

    assert content["m.relates_to"] == {"m.in_reply_to": {"event_id": "$event"}}
    assert content["m.mentions"] == {"user_ids": ["@camille:localhost"]}


def test_roles_come_from_matrix_ids_the_directory_and_the_rooms() -> None:
    directory = Directory(None, {"@c:x"})  # type: ignore[arg-type]  # no database read here
    directory.snapshot = build(
        [
            Member(user_id="@m:x", first_name="Coordination"),  # a name proves nothing
            Member(user_id="@gone:x", status="parti"),
        ],
        [AddedCoordinator(user_id="@c2:x", added_by="@c:x")],
    )
    in_rooms = {"@p:x", "@gone:x", "@c:x"}.__contains__

    assert directory.role_of("@c:x", in_rooms) is Role.COORDINATOR
    assert directory.role_of("@c2:x", in_rooms) is Role.COORDINATOR
    assert directory.role_of("@m:x", in_rooms) is Role.PROMENEUR
    assert directory.role_of("@p:x", in_rooms) is Role.PROMENEUR
    assert directory.role_of("@gone:x", in_rooms) is Role.GUEST
    assert directory.role_of("@z:x", in_rooms) is Role.GUEST


def test_translator_formats() -> None:
    assert Translator("fr")("error.unknown_command", command="x") == "Commande inconnue : « x »."


def test_every_sentence_the_code_names_is_in_the_french_catalogue() -> None:
    named = re.compile(
        r'(?:UserError|NotForMeError|\bt|\b_T|\bFRENCH|self\._t)\(\s*"([a-z_]+\.[a-z_.]+)"'
    )
    keys = {
        key
        for path in (Path(__file__).resolve().parents[2] / "bot").rglob("*.py")
        for key in named.findall(path.read_text(encoding="utf-8"))
    }

    assert len(keys) > 100  # the pattern still finds them
    assert keys - set(CATALOGS["fr"]) == set()


def test_a_user_error_is_written_in_one_language_with_the_errors_it_holds() -> None:
    error = UserError(
        "error.usage", problem=UserError("error.missing_argument", name="x"), usage="!rdv"
    )

    assert error.text() == str(error) == "Il manque : x.\nUtilisation : !rdv"
    assert UserError("error.field", field="tel", problem=error).text(Translator()) == (
        "tel : Il manque : x.\nUtilisation : !rdv"
    )


def test_who_may_invite_the_bot() -> None:
    from pathlib import Path

    from bot.matrix.invites import may_invite
    from bot.settings import parse_settings

    settings = parse_settings(
        {
            "homeserver": {"url": "https://m.example.org"},
            "bot": {"user_id": "@bot:example.org", "password": "x"},
            "network": {"coordinators": ["@coord:example.org"]},
            "access": {"allowed_inviters": ["@ami:ailleurs.fr"], "allowed_servers": ["pdn.fr"]},
        },
        Path("c.toml"),
        env={},
    )

    assert may_invite(settings, "@coord:example.org")
    assert may_invite(settings, "@ami:ailleurs.fr")
    assert may_invite(settings, "@qui:pdn.fr")
    assert not may_invite(settings, "@intrus:example.org")
    assert not may_invite(settings, "@qui:pdn.fr.evil.com")


def test_an_invitation_not_yet_accepted_makes_nobody_a_member() -> None:
    from nio import MatrixRoom

    from bot.matrix.membership import joined

    room = MatrixRoom("!reseau:x", "@pdn-bot:x")
    room.add_member("@camille:x", "Camille", None)
    room.add_member("@invite:x", "Invité", None, invited=True)

    assert joined(room) == {"@camille:x"}


def test_a_store_written_with_the_default_passphrase_is_written_again_with_the_key(
    tmp_path: Path,
) -> None:
    from nio.crypto import OlmAccount
    from nio.store import DefaultStore

    from bot.matrix.store_key import rekey, store_key

    old = DefaultStore("@bot:x", "DEV", str(tmp_path), pickle_key="DEFAULT_KEY")
    account = OlmAccount()
    old.save_account(account)
    key = store_key("", tmp_path)
    assert key == store_key("", tmp_path) and len(key) >= 32  # made once, then read
    assert (tmp_path / "store.key").stat().st_mode & 0o777 == 0o600
    assert store_key("configured", tmp_path) == "configured"

    rekey("@bot:x", "DEV", tmp_path, key)
    rekey("@bot:x", "DEV", tmp_path, key)  # a second start changes nothing

    again = DefaultStore("@bot:x", "DEV", str(tmp_path), pickle_key=key).load_account()
    assert again is not None and again.identity_keys == account.identity_keys
    with pytest.raises(Exception, match=r"(?i)pickle|decrypt|mac"):
        DefaultStore("@bot:x", "DEV", str(tmp_path), pickle_key="DEFAULT_KEY").load_account()


def test_metrics_before_the_first_sync_follow_prometheus_conventions() -> None:
    from prometheus_client.parser import text_string_to_metric_families

    from bot.monitoring import Health, metrics_text

    text = metrics_text(Health(None, 0, 0, 0, 0, 0, 0))
    families = {f.name: f for f in text_string_to_metric_families(text)}
    # 0 before the first sync, so that an alert on its age fires (not -1, which never ages)
    (synced,) = families["pdn_bot_last_sync_timestamp_seconds"].samples
    assert synced.value == 0
    assert families["pdn_bot_messages_handled"].type == "counter"
    assert all(f.documentation for f in families.values())  # every one with its HELP
    (build,) = families["pdn_bot_build_info"].samples
    assert build.labels["version"] and build.value == 1
