"""The one-page PDF summary of a report, read back as a Caf reader's software reads it."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from bot.declarations.report import Period, build_report
from bot.declarations.summary_pdf import summary_pdf
from bot.declarations.weeks import Week
from bot.storage.models import Declaration

AGES = ["11-14 ans", "15-17 ans", "18-21 ans", "22-25 ans", "parents"]


def _row(user: str, week: int, **values: object) -> dict[str, object]:
    return Declaration(user_id=user, week=str(Week(2026, week)), **values).model_dump()  # type: ignore[arg-type]


def _text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def test_one_page_with_the_cafs_fields_and_french_words() -> None:
    rows = [
        _row("@a:x", 45, hours=3.5, young_people=12, short_contacts=4, young_friends=240,
             networks=["Instagram"], age_groups={"15-17 ans": 7}, topics=["Cyberharcèlement"],
             interactions={"échanges simples": 5}, referrals={"3018": 2}),
        _row("@b:x", 46, hours=2.0, young_people=3, young_friends=80, topics=["Mal-être"]),
    ]  # fmt: skip
    report = build_report(Period(2026, 4), rows, dt.date(2026, 12, 1))
    grid = {"2026-Q4": {"Formations": 6.5}}

    data = summary_pdf(report, dt.date(2026, 12, 1), AGES, grid)
    pages, text = _text(data)

    assert data.startswith(b"%PDF") and pages == 1
    for expected in (
        "Promeneurs du Net : bilan T4 2026", "Établi le 01/12/2026", "5 h 30",
        "Nombre d'amis jeunes", "320", "15-17 ans : 7", "11-14 ans : 0", "Cyberharcèlement : 1",
        "Mal-être : 1", "3018 : 2", "Grille du coordinateur", "6 h 30",
    ):  # fmt: skip
        assert expected in text, (expected, text)


def test_a_year_of_a_large_network_still_fits_one_page() -> None:
    topics = [f"Thème {n}" for n in range(40)]
    rows = [
        _row(f"@p{p}:x", week, hours=1.0, topics=topics[p % 40 : p % 40 + 5],
             referrals={f"Relais {n}": 1 for n in range(p % 30)})
        for p in range(200) for week in range(1, 52, 4)
    ]  # fmt: skip
    report = build_report(Period(2026), rows, dt.date(2027, 1, 10))

    pages, text = _text(summary_pdf(report, dt.date(2027, 1, 10), AGES))

    assert pages == 1
    assert "et 32 autre(s)" in text  # the page lists the first themes, the workbook all
