"""The scheduling feature: meetings, their reminders and answers, the Caf's deadlines."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.commands.feature import Core, Feature, Job
from bot.declarations.report import Period
from bot.matrix.ids import RoomId
from bot.scheduling import attendance, commands, deadline_commands, training_commands
from bot.scheduling.attendance_prompts import AttendancePrompts
from bot.scheduling.deadlines import DeadlineReminders
from bot.scheduling.network_deadlines import NetworkDeadlines
from bot.scheduling.reminders import MeetingReminders
from bot.scheduling.store import MeetingStore
from bot.scheduling.trainings import TrainingBook


@dataclass(frozen=True)
class SchedulingFeature:
    feature: Feature
    meetings: MeetingStore
    deadlines: NetworkDeadlines
    trainings: TrainingBook


class Network(Protocol):
    """What scheduling needs to know of the network (the directory feature's `NetworkRooms`)."""

    def rooms(self) -> set[RoomId]: ...

    def promeneurs(self) -> set[str]: ...

    def coordinators(self) -> set[str]: ...


def build(
    core: Core, network: Network, summary: Callable[[Period], Awaitable[str]]
) -> SchedulingFeature:
    settings = core.settings.meetings
    meeting_reminders = MeetingReminders(
        core.db,
        core.poster,
        core.scheduler,
        core.direct_rooms,
        network.rooms,
        core.clock,
        settings.reminder_offsets,
        timedelta(hours=settings.missed_grace_hours),
        timedelta(minutes=2 * settings.refresh_minutes),
        core.t,
    )
    deadlines = DeadlineReminders(
        core.db,
        core.poster,
        core.scheduler,
        core.direct_rooms,
        core.settings.deadlines,
        network.promeneurs,
        network.coordinators,
        core.clock,
        summary,
        core.t,
    )
    own_deadlines = NetworkDeadlines(
        core.db,
        core.poster,
        core.scheduler,
        core.direct_rooms,
        core.clock,
        core.settings.deadlines.reminder_time,
        network.promeneurs,
        network.coordinators,
        core.t,
    )
    store = MeetingStore(core.db, meeting_reminders.refresh_soon)
    prompts = AttendancePrompts(
        store, core.poster, core.direct_rooms, core.clock, network.coordinators, core.t
    )
    every = settings.refresh_minutes * 60
    feature = Feature(
        routers=(
            commands.router,
            attendance.router,
            deadline_commands.router,
            training_commands.router,
        ),
        reactions=(attendance.react,),
        jobs=(
            Job("meeting-reminders", meeting_reminders.refresh, every),
            Job("deadlines", deadlines.refresh, every),
            Job("network-deadlines", own_deadlines.refresh, every),
            Job("attendance-prompts", prompts.run, every),
        ),
        # After a jump of the clock (the demo's `/avancer`): planned again, and asked at once
        # about the meetings it jumped past.
        replan=(meeting_reminders.refresh, deadlines.refresh, own_deadlines.refresh, prompts.run),
    )
    return SchedulingFeature(feature, store, own_deadlines, TrainingBook(core.db))
