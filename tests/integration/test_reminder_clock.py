"""Meeting and deadline reminders against the bot's clock, moved forward by the test.

The bot runs as a real process; its clock follows a file of seconds (`BotProcess.move_clock`),
so the reminders fall due when the test says, without waiting for real days.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import set_offset_file
from bot.declarations.weeks import Quarter
from bot.demo.people import Person, body
from tests.integration.conftest import (
    Network,
    SecondBot,
    new_person,
    server_notifications,
    start_second_bot,
)

pytestmark = [pytest.mark.integration, pytest.mark.one_database]

PARIS = ZoneInfo("Europe/Paris")
REMINDER = "⏰ Rappel"
DEADLINE = "📋 Échéance"
# Meetings only: no trimester deadline falls in these weeks for the meeting tests.
MEETINGS_ONLY = "[meetings]\nmissed_grace_hours = 2\n[deadlines]\nreminder_offsets = []\n"


def paris(*fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=PARIS)  # type: ignore[misc]


def bodies(person: Person, room: str, sender: str, start: str) -> list[str]:
    """What `sender` posted in `room` that begins with `start`, in order."""
    texts = [body(e) for e in person.messages_from(sender, room)]
    return [text for text in texts if text.startswith(start)]


async def posted(person: Person, room: str, sender: str, text: str) -> str:
    return body(await person.wait_message(sender, room, text))


async def clock_bot(
    network: Network, localpart: str, tmp_path: Path, now: dt.datetime, **kwargs: object
) -> SecondBot:
    clock_file = tmp_path / "horloge"
    set_offset_file(clock_file, now)
    return await start_second_bot(
        network,
        localpart,
        tmp_path,
        clock_file=clock_file,
        **kwargs,  # type: ignore[arg-type]
    )


async def move(bot: SecondBot, moment: dt.datetime) -> None:
    await asyncio.to_thread(bot.process.move_clock, moment)


async def restart(bot: SecondBot, moment: dt.datetime | None = None) -> None:
    """Stop the bot, move its clock while it is down (if asked), start it again."""
    await asyncio.to_thread(bot.process.stop)
    if moment is not None:
        await move(bot, moment)
    await asyncio.to_thread(bot.process.start)
    await asyncio.to_thread(bot.process.wait_for_log, "Rappels de réunion planifiés")


async def test_reminders_at_each_offset_across_summer_time_and_a_restart(
    network: Network, tmp_path: Path
) -> None:
    bot = await clock_bot(
        network, "pdn-bot-horloge", tmp_path, paris(2027, 3, 22, 10, 0), extra=MEETINGS_ONLY
    )
    coordinator, room, bot_id = network.coordinator, bot.room, bot.account.user_id
    try:
        created = await coordinator.ask(
            room,
            '!reunion ajouter réseau titre="Réunion de réseau" quand="mardi 30 mars 2027 à 9h" '
            'lieu="Caf"',
        )
        assert "créée" in created, created

        # 7 days before is 09:00 winter time on the 23rd (the meeting is at 09:00 summer time):
        # a fixed 7 × 24 h would be 08:00.
        await move(bot, paris(2027, 3, 23, 8, 59))
        await coordinator.ask(room, "!ping")
        assert bodies(coordinator, room, bot_id, REMINDER) == []
        await move(bot, paris(2027, 3, 23, 9, 0, 1))
        reminder = await coordinator.wait_message(bot_id, room, "dans 7 jours")
        assert "Réunion de réseau, mardi 30 mars 2027 à 9 h 00, Caf" in body(reminder)
        # The reminder notifies the room's members; the bot's answers (notices) do not.
        notified = await server_notifications(coordinator)
        answer = await coordinator.wait_message(bot_id, room, "créée")
        assert reminder.event_id in notified and answer.event_id not in notified

        await move(bot, paris(2027, 3, 29, 9, 0, 1))  # after the change, still 09:00
        await posted(coordinator, room, bot_id, "Rappel, demain")

        await restart(bot)  # rebuilt from the database: nothing posted again
        await coordinator.ask(room, "!ping")
        assert len(bodies(coordinator, room, bot_id, REMINDER)) == 2

        await move(bot, paris(2027, 3, 30, 8, 0, 1))
        await posted(coordinator, room, bot_id, "dans 1 heure")
        await move(bot, paris(2027, 3, 30, 12, 0))  # meeting over: nothing more
        await coordinator.ask(room, "!ping")
        sent = bodies(coordinator, room, bot_id, REMINDER)
        assert [b.split(" : ")[0] for b in sent] == [
            "⏰ Rappel, dans 7 jours",
            "⏰ Rappel, demain",
            "⏰ Rappel, dans 1 heure",
        ]
    finally:
        bot.process.stop()


async def test_missed_reminders_sent_within_the_grace_and_dropped_beyond(
    network: Network, tmp_path: Path
) -> None:
    bot = await clock_bot(
        network, "pdn-bot-retard", tmp_path, paris(2027, 4, 1, 10, 0), extra=MEETINGS_ONLY
    )
    coordinator, room, bot_id = network.coordinator, bot.room, bot.account.user_id
    try:
        created = await coordinator.ask(
            room, '!reunion ajouter copil titre="COPIL" quand="jeudi 8 avril 2027 à 14h"'
        )
        assert "créée" in created, created

        # Down when the 7-day reminder fell due (14:00); back 1 h 30 later, within the 2 h grace.
        await restart(bot, paris(2027, 4, 1, 15, 30))
        late = await posted(coordinator, room, bot_id, "dans 7 jours")
        assert "COPIL, jeudi 8 avril 2027 à 14 h 00" in late

        # Down when the 1-day reminder fell due (14:00); back 4 hours later: dropped and logged.
        await restart(bot, paris(2027, 4, 7, 18, 0))
        await asyncio.to_thread(bot.process.wait_for_log, "1j:" + room + " abandonné")
        await coordinator.ask(room, "!ping")
        assert len(bodies(coordinator, room, bot_id, REMINDER)) == 1

        await move(bot, paris(2027, 4, 8, 13, 0, 1))  # the next one still comes
        await posted(coordinator, room, bot_id, "dans 1 heure")
        assert len(bodies(coordinator, room, bot_id, REMINDER)) == 2
    finally:
        bot.process.stop()


async def test_deadline_reminders_go_to_exactly_the_promeneurs_missing_weeks(
    network: Network, tmp_path: Path
) -> None:
    dominique = await new_person(network.synapse, "dominique", tmp_path / "people")
    bot = await clock_bot(
        network,
        "pdn-bot-echeances",
        tmp_path,
        paris(2027, 4, 1, 8, 0),  # the 15 April deadline (first quarter) is 14 days away
        extra='[deadlines]\nannual = "31/01"\nreminder_offsets = ["14j"]\n',
        members=(dominique,),
    )
    camille, coordinator, bot_id = network.promeneur, network.coordinator, bot.account.user_id
    try:
        rooms = await asyncio.gather(
            *(
                person.create_room("", invite=[bot_id], encrypted=True, direct=True)
                for person in (camille, dominique, coordinator)
            )
        )
        await asyncio.gather(
            *(
                person.wait_member(dm, bot_id)
                for person, dm in zip((camille, dominique, coordinator), rooms, strict=True)
            )
        )
        camille_dm, dominique_dm, coordinator_dm = rooms
        weeks = Quarter(2027, 1).weeks()
        for week in weeks:
            saved = await dominique.ask(dominique_dm, f"!declarer 2h semaine={week.number}")
            assert "Enregistrée" in saved, saved
            if week.number not in (3, 7):
                saved = await camille.ask(camille_dm, f"!declarer 1h semaine={week.number}")
                assert "Enregistrée" in saved, saved

        await move(bot, paris(2027, 4, 1, 9, 0, 1))
        told = await posted(camille, camille_dm, bot_id, DEADLINE)
        assert "il vous manque les semaines 3, 7" in told
        assert "15 avril 2027" in told
        summary = await posted(coordinator, coordinator_dm, bot_id, DEADLINE)
        assert f"• {camille.user_id} : semaines 3, 7" in summary
        assert dominique.user_id not in summary
        await dominique.ask(dominique_dm, "!ping")
        assert bodies(dominique, dominique_dm, bot_id, DEADLINE) == []
    finally:
        bot.process.stop()
        await dominique.stop()


async def test_a_network_deadline_reminds_once_at_each_offset_even_across_a_kill_9(
    network: Network, tmp_path: Path
) -> None:
    bot = await clock_bot(
        network, "pdn-bot-echeance-reseau", tmp_path, paris(2027, 3, 1, 10, 0), extra=MEETINGS_ONLY
    )
    camille, coordinator, bot_id = network.promeneur, network.coordinator, bot.account.user_id
    try:
        camille_dm = await camille.create_room("", invite=[bot_id], encrypted=True, direct=True)
        await camille.wait_member(camille_dm, bot_id)
        created = await coordinator.ask(
            bot.room,
            '!echeance ajouter "Appel à projets REAAP" date=15/03/2027 rappels=7j,1j '
            'note="Dossier sur le site de la Caf."',
        )
        assert "Échéance n° 1 enregistrée" in created, created

        await move(bot, paris(2027, 3, 8, 9, 0, 1))  # 7 days before, at the reminder time
        first = await camille.wait_message(bot_id, camille_dm, "📅 Échéance dans 7 jours")
        assert "Appel à projets REAAP" in body(first) and "Dossier sur le site" in body(first)
        assert first.event_id in await server_notifications(camille)  # it notifies

        # Killed just as the eve's reminder falls due, started again: it comes, once.
        await move(bot, paris(2027, 3, 14, 9, 0, 1))
        await asyncio.to_thread(bot.process.kill)
        await asyncio.to_thread(bot.process.start)
        await camille.wait_message(bot_id, camille_dm, "📅 Échéance demain")
        await restart(bot)
        await move(bot, paris(2027, 3, 16, 9, 0))  # the day has passed: nothing more
        await camille.ask(camille_dm, "!ping")
        sent = bodies(camille, camille_dm, bot_id, "📅 Échéance")
        assert [text.split(" (")[0] for text in sent] == [
            "📅 Échéance dans 7 jours",
            "📅 Échéance demain",
        ], sent
    finally:
        bot.process.stop()


async def test_attendance_confirmed_after_a_training_gives_the_rate_and_the_plan(
    network: Network, tmp_path: Path
) -> None:
    bot = await clock_bot(
        network, "pdn-bot-presences", tmp_path, paris(2027, 5, 3, 10, 0), extra=MEETINGS_ONLY
    )
    camille, coordinator, bot_id = network.promeneur, network.coordinator, bot.account.user_id
    try:
        coordinator_dm = await coordinator.create_room(
            "", invite=[bot_id], encrypted=True, direct=True
        )
        await coordinator.wait_member(coordinator_dm, bot_id)
        created = await coordinator.ask(
            bot.room, '!reunion ajouter formation titre="Formation RGPD" quand="05/05/2027 9h30"'
        )
        assert "Réunion n° 1 créée" in created, created
        assert "✅ oui" in await camille.ask(bot.room, "!presence oui 1")

        await move(bot, paris(2027, 5, 5, 13, 0))  # over since 11:30
        prompt = await coordinator.wait_message(bot_id, coordinator_dm, "qui était là ?")
        assert f"D'après les réponses : {camille.user_id}" in body(prompt)
        confirmed = await coordinator.ask(coordinator_dm, "!reunion presents 1 confirmer")
        assert "Présences enregistrées pour Formation RGPD" in confirmed, confirmed
        year = await coordinator.ask(coordinator_dm, "!participation")
        assert f"• {camille.user_id} : 1/1 (100 %) : formation 1/1" in year, year
        # A training session: in the year's training plan too.
        plan = await coordinator.ask(coordinator_dm, "!formations")
        assert "• 1 promeneur(s) formé(s), 1 formation(s) suivie(s)" in plan, plan
        assert "Formation RGPD — 1 présent(s) sur" in plan, plan
    finally:
        bot.process.stop()


async def test_quarterly_and_half_yearly_meetings_come_on_their_days_for_a_year(
    network: Network, tmp_path: Path
) -> None:
    """Through the summer-time changes of 28 March and 31 October 2027, at the same local
    time; the bot's clock is moved past each session and `!reunions` gives the next one."""
    bot = await clock_bot(
        network, "pdn-bot-trimestres", tmp_path, paris(2027, 1, 10, 10, 0), extra=MEETINGS_ONLY
    )
    coordinator, room = network.coordinator, bot.room
    try:
        # A day just gone is refused and read back, never taken for next year's.
        past = await coordinator.ask(room, '!reunion ajouter copil titre="X" quand="05/01 10h"')
        assert "Le mardi 5 janvier 2027 est passé" in past and "05/01/2028" in past, past
        gone = await coordinator.ask(room, '!echeance ajouter "Enquête" date=08/01/2027')
        assert "Le vendredi 8 janvier 2027 est déjà passé" in gone, gone
        for line in (
            '!reunion ajouter interstructures titre="Interstructures" '
            'quand="chaque trimestre le premier mardi à 14h"',
            '!reunion ajouter copil titre="COPIL" quand="tous les six mois le 10 à 9h"',
        ):
            assert "créée" in await coordinator.ask(room, line)

        seen: dict[str, list[str]] = {"Interstructures": [], "COPIL": []}
        moment = paris(2027, 1, 10, 10, 0)
        while moment < paris(2028, 1, 1):
            listed = await coordinator.ask(room, "!reunions")
            starts = []
            for title, days in seen.items():
                found = re.search(rf"{title}, (\w+ \w+ \w+ \d{{4}} à \d+ h \d\d)", listed)
                assert found, listed
                if found[1] not in days:
                    days.append(found[1])
                starts.append(found[1])
            moment = min(_read(text) for text in starts) + dt.timedelta(minutes=1)
            await move(bot, moment)
        assert seen["Interstructures"] == [
            "mardi 2 février 2027 à 14 h 00",
            "mardi 4 mai 2027 à 14 h 00",
            "mardi 3 août 2027 à 14 h 00",
            "mardi 2 novembre 2027 à 14 h 00",
            "mardi 1er février 2028 à 14 h 00",
        ]
        assert seen["COPIL"] == [
            "mercredi 10 février 2027 à 9 h 00",
            "mardi 10 août 2027 à 9 h 00",
            "jeudi 10 février 2028 à 9 h 00",
        ]
    finally:
        bot.process.stop()


def _read(text: str) -> dt.datetime:
    """`mardi 4 mai 2027 à 14 h 00` -> that moment in Paris."""
    _, day, month, year, _, hour, _, minute = text.split()
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
    number = 1 if day == "1er" else int(day)
    return paris(int(year), months.index(month) + 1, number, int(hour), int(minute))
