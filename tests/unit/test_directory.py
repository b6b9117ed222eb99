"""The directory: fields, CSV import plans, search with typos, personal data and erasure."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from bot.declarations.records import expected_weeks
from bot.declarations.weeks import Quarter
from bot.directory.csv_io import plan_import, to_csv
from bot.directory.fields import card, parse_member_fields, record
from bot.directory.registry import build, search
from bot.privacy.data import ERASED, erase, personal_data
from bot.storage.database import make_engine, upgrade
from bot.storage.models import (
    AuditEntry,
    Declaration,
    DeclarationPreference,
    DirectRoom,
    Member,
    OutboxMessage,
    as_utc,
)
from bot.text.errors import UserError

CAMILLE = Member(
    user_id="@camille:x", first_name="Camille", last_name="Martin", structure="MJC Nord",
    territory="Lille", email="camille@mjc.fr", phone="0320000000", charter_date=dt.date(2025, 9, 1),
)  # fmt: skip
ERASED_AT = dt.datetime(2026, 12, 9, 10, 0, tzinfo=dt.UTC)  # a Wednesday, week 50
FAR = dt.date(2027, 2, 1)  # every week of 2026 has ended


def test_fields_are_parsed_and_every_error_names_its_field() -> None:
    values = parse_member_fields(
        {"prenom": "Inès", "tel": "03 20 00 00 00", "type": "Parentalité", "charte": "01/09/2025"}
    )
    assert values == {
        "first_name": "Inès", "phone": "0320000000", "pdn_type": "parentalite",
        "charter_date": dt.date(2025, 9, 1),
    }  # fmt: skip
    for fields, named in (
        ({"email": "camille@"}, "email"),
        ({"tel": "12"}, "tel"),
        ({"type": "adultes"}, "type"),
        ({"charte": "32/13/2025"}, "charte"),
        ({"statut": "vacances"}, "statut"),
    ):
        with pytest.raises(UserError) as error:
            parse_member_fields(fields)
        assert error.value.text().startswith(f"{named} :")
    with pytest.raises(UserError, match="Champ inconnu : age"):
        parse_member_fields({"age": "17"})


def test_an_import_plan_lists_additions_changes_and_errors_by_line() -> None:
    data = (
        b"matrix,prenom,structure,email\n"
        b"@camille:x,Camille,MJC Sud,camille@mjc.fr\n"
        b"@alix:x,Alix,Centre social,\n"
        b"@alix:x,Alix,Centre social,\n"
        b"bob,Bob,,\n"
    )
    plan = plan_import(data, {"@camille:x": CAMILLE})
    assert list(plan.added) == ["@alix:x"]
    assert plan.changed["@camille:x"][1]["structure"] == "MJC Sud"
    assert [error.text() for error in plan.errors] == [
        "ligne 4, matrix : @alix:x figure déjà plus haut",
        "ligne 5, matrix : identifiant Matrix attendu, par exemple @camille:exemple.fr "
        "(reçu « bob »)",
    ]
    with pytest.raises(UserError, match="en-tête attendu"):
        plan_import(b"nom;prenom\nMartin;Camille\n", {})


def test_an_export_reads_back_as_an_identical_import() -> None:
    plan = plan_import(to_csv([CAMILLE]), {"@camille:x": CAMILLE})
    assert (plan.added, plan.changed, plan.errors, plan.unchanged) == ({}, {}, [], 1)


def test_a_phone_number_keeps_its_leading_zero_in_a_spreadsheet() -> None:
    lines = to_csv([CAMILLE]).decode("utf-8-sig").splitlines()
    phone = lines[1].split(";")[lines[0].split(";").index("tel")]

    assert phone == "03 20 00 00 00"  # text to LibreOffice and Excel, not the number 320000000
    assert card(CAMILLE, ["tel"]).endswith("Téléphone : 03 20 00 00 00")


def test_search_survives_typos_and_missing_accents_and_hides_those_who_left() -> None:
    others = [
        Member(user_id=f"@p{i}:x", first_name="Léa", last_name=f"Durand{i}", territory="Douai")
        for i in range(50)
    ]
    gone = Member(user_id="@gone:x", first_name="Camille", last_name="Martinez", status="parti")
    snapshot = build([CAMILLE, gone, *others], [])
    assert [m.user_id for m in search(snapshot, "camile martn")] == ["@camille:x"]
    assert search(snapshot, "mjc nrod")[0].user_id == "@camille:x"
    assert search(snapshot, "lea")[0].first_name == "Léa"
    assert "@gone:x" in [m.user_id for m in search(snapshot, "martinez", include_left=True)]
    assert "@gone:x" not in [m.user_id for m in search(snapshot, "martinez")]
    assert search(snapshot, "zzzz") == []


def test_personal_data_and_erasure_keep_totals_and_forget_the_person(database_url: str) -> None:
    url = database_url
    upgrade(url)
    with Session(make_engine(url)) as session:
        session.add(Member(**CAMILLE.model_dump()))
        session.add(DeclarationPreference(user_id="@camille:x", dm_room_id="!dm-camille"))
        session.add(DirectRoom(room_id="!prive-camille", user_id="@camille:x"))
        session.add(OutboxMessage(room_id="!prive-camille", content={"body": "Vos données"},
                                  txn_id="private"))  # fmt: skip
        for number in range(3):  # the bot's replies in her DM, and one naming her elsewhere
            session.add(OutboxMessage(room_id="!dm-camille", content={"body": f"Réponse {number}"},
                                      txn_id=f"dm-{number}"))  # fmt: skip
        session.add(OutboxMessage(room_id="!room", content={"body": "@camille:x a dit"},
                                  txn_id="named"))  # fmt: skip
        session.add(OutboxMessage(room_id="!room", content={"body": "Pong"}, txn_id="other"))
        session.add(
            Declaration(user_id="@camille:x", week="2026-W40", hours=3.0, remark="atelier slam")
        )
        session.add(Declaration(user_id="@camille:x", week="2026-W41", hours=1.0))
        session.add(Declaration(user_id="@alix:x", week="2026-W40", hours=2.0))
        session.add(
            AuditEntry(
                source_event_id="$e",
                actor="@coord:x",
                action="promeneur ajouter",
                target="@camille:x",
                after={"email": "camille@mjc.fr"},
            )
        )
        session.commit()
        data = personal_data(session, "@camille:x")
        assert data["annuaire"][0]["email"] == "camille@mjc.fr"
        assert [d["hours"] for d in data["declarations"]] == [3.0, 1.0]
        assert len(data["journal_d_administration"]) == 1
        assert len(data["messages_du_bot_gardes"]) == 5
        assert data["messages_directs_avec_le_bot"][0]["room_id"] == "!prive-camille"

        erase(session, "@camille:x", ERASED_AT)
        session.commit()
        left = personal_data(session, "@camille:x")
        assert [
            key for key, v in left.items() if v and key not in ("identifiant", "annuaire")
        ] == []
        assert sorted(d.hours for d in session.exec(select(Declaration))) == [1.0, 2.0, 3.0]
        assert [d.remark for d in session.exec(select(Declaration))] == ["", "", ""]
        (entry,) = session.exec(select(AuditEntry))
        assert (entry.target, entry.after) == (ERASED, {})
        # Her card stays blank: a promeneur from the erasure on, asked for no week before.
        kept = session.get(Member, "@camille:x")
        assert kept is not None and kept.status == "actif"
        assert not [
            v for k, v in record(kept).items() if v and k not in ("matrix", "statut", "type")
        ]
        assert as_utc(kept.created_at) == ERASED_AT
        expected = expected_weeks(session, ["@camille:x"], Quarter(2026, 4).weeks(), FAR)
        assert [str(w) for w in expected["@camille:x"]] == ["2026-W50", "2026-W51", "2026-W52",
                                                           "2026-W53"]  # fmt: skip
        assert [m.txn_id for m in session.exec(select(OutboxMessage))] == ["other"]


def test_erasure_keeps_that_someone_left_the_network(database_url: str) -> None:
    upgrade(database_url)
    with Session(make_engine(database_url)) as session:
        session.add(Member(user_id="@gone:x", first_name="Alix", email="a@x.fr", status="parti"))
        session.commit()
        erase(session, "@gone:x", ERASED_AT)
        session.commit()
        kept = session.get(Member, "@gone:x")
        assert kept is not None and kept.status == "parti"
        assert (kept.first_name, kept.email) == ("", "")


def test_a_csv_cell_with_nul_characters_is_read_without_them() -> None:
    plan = plan_import(b"matrix;prenom\n@nul:x;Al\x00ix\n", {})
    assert plan.errors == []
    assert "\x00" not in repr(plan)


def test_a_directory_export_cannot_run_a_formula_and_reads_back_as_typed() -> None:
    hostile = Member(user_id="@eve:x", first_name="=1+1", structure="@SUM(1;2)", territory="-1")
    data = to_csv([hostile])
    rows = [line.split(";") for line in data.decode("utf-8-sig").splitlines()]
    assert rows[1][:2] == ["@eve:x", "'=1+1"]
    assert not [cell for cell in rows[1][1:] if cell.startswith(("=", "+", "-", "@"))]
    plan = plan_import(data, {"@eve:x": hostile})
    assert (plan.changed, plan.errors, plan.unchanged) == ({}, [], 1)
