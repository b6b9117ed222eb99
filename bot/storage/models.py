"""SQLModel tables. Datetimes are stored in UTC; columns named `*_at`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A datetime read back from the database, in UTC (SQLite returns them without a zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _utc_column(nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


class MatrixSession(SQLModel, table=True):
    """The bot's login, reused on every start so that no new device appears per restart."""

    __tablename__ = "matrix_session"

    user_id: str = Field(primary_key=True)
    device_id: str
    access_token: str
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class SyncState(SQLModel, table=True):
    """Where the sync stream was last fully handled (one row per bot account)."""

    __tablename__ = "sync_state"

    user_id: str = Field(primary_key=True)
    next_batch: str
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class ServiceNote(SQLModel, table=True):
    """When something worth telling the operator last happened (`pdn-bot health` reads it from
    outside the bot's process): "rate_limited", the homeserver throttling the bot's sends."""

    __tablename__ = "service_note"

    name: str = Field(primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class HandledEvent(SQLModel, table=True):
    """An incoming event already answered: never handled twice, whatever the sync replays."""

    __tablename__ = "handled_event"

    event_id: str = Field(primary_key=True)
    room_id: str
    handled_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True))


class OutboxMessage(SQLModel, table=True):
    """A message to send; kept until the homeserver has accepted it (or refused it for good)."""

    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    room_id: str = Field(index=True)
    event_type: str = "m.room.message"
    content: dict = Field(sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    txn_id: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True, index=True))
    event_id: str | None = None
    failed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    last_error: str | None = None


class DirectRoom(SQLModel, table=True):
    """Someone's direct-message room with the bot: created by the bot, or to which they invited
    it as a direct message. Personal data is sent only in such a room, and only while it is
    encrypted with exactly the two of them in it."""

    __tablename__ = "direct_room"

    room_id: str = Field(primary_key=True)
    user_id: str = Field(index=True)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class PendingEncryptedEvent(SQLModel, table=True):
    """An encrypted event not decrypted yet: retried as room keys arrive, until a grace ends."""

    __tablename__ = "pending_encrypted_event"

    event_id: str = Field(primary_key=True)
    room_id: str
    source: dict = Field(sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    first_seen_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class KbConsultation(SQLModel, table=True):
    """One answer given from an entry (no asker kept): what `!kb stats` counts."""

    __tablename__ = "kb_consultation"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(index=True)
    consulted_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True))


class UnansweredQuestion(SQLModel, table=True):
    """A question the base had no answer for, scrubbed of contact details, for the coordinator."""

    __tablename__ = "unanswered_question"

    id: int | None = Field(default=None, primary_key=True)
    text: str
    asked_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True))


class PendingChoice(SQLModel, table=True):
    """What someone may ask next in a room, until they do or it expires: the numbered entries
    last offered, or the entry just answered in short (`answered`), whose whole text `détails`
    shows; with the dangers of the question, which come first again."""

    __tablename__ = "pending_choice"

    user_id: str = Field(primary_key=True)
    room_id: str = Field(primary_key=True)
    entry_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    offered_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    answered: bool = False
    dangers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class DialogState(SQLModel, table=True):
    """A dialogue in progress with one person in one room, saved at every step."""

    __tablename__ = "dialog_state"

    user_id: str = Field(primary_key=True)
    room_id: str = Field(primary_key=True)
    kind: str
    step: str
    data: dict = Field(sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    started_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True))


# Declarations kept after an erasure go under this prefix and a random name: in the totals, and
# expected of nobody.
ANONYMOUS = "anonyme-"


class Declaration(SQLModel, table=True):
    """One promeneur's activity for one ISO week (no data about any young person)."""

    __tablename__ = "declaration"
    __table_args__ = (UniqueConstraint("user_id", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(index=True)
    week: str = Field(index=True)  # 2026-W46
    hours: float = 0.0
    networks: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    young_people: int = 0
    short_contacts: int = 0
    # Young people per age group. Declarations made before the counts (revision 0013) name
    # their groups with no number: {"15-17 ans": None}.
    age_groups: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    interactions: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    referrals: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    remark: str = ""
    # Friends or followers of the professional profile, asked once a quarter (None: not asked).
    young_friends: int | None = None
    inactive: bool = False  # "rien cette semaine", congés
    declared_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


def age_counts(value: Any) -> dict[str, int | None]:
    """Young people per age group, from a declaration's `age_groups` or a draft's: a list (a
    draft begun before the counts) names groups without numbers."""
    return dict.fromkeys(value) if isinstance(value, list) else dict(value or {})


class CoordinatorTime(SQLModel, table=True):
    """Hours the coordinator spent on one task in one quarter: their time grid (!grille)."""

    __tablename__ = "coordinator_time"

    quarter: str = Field(primary_key=True)  # 2026-Q4
    task: str = Field(primary_key=True)
    hours: float = 0.0
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class DeclarationPreference(SQLModel, table=True):
    """When a promeneur wants the weekly prompt (or not at all)."""

    __tablename__ = "declaration_preference"

    user_id: str = Field(primary_key=True)
    enabled: bool = True
    weekday: int | None = None  # 0 = Monday; None: the network's default
    time: str | None = None  # "17:00"; None: the network's default
    dm_room_id: str | None = None
    away_until: date | None = None  # on leave: no prompt or reminder until this day included


class Structure(SQLModel, table=True):
    """A structure that employs promeneurs (centre social, MJC, association…): its convention,
    the charter it signed, the annual report it sent. Its promeneurs are the directory's members
    whose `structure` is its name (compared without case or accents)."""

    __tablename__ = "structure"

    key: str = Field(primary_key=True)  # the name folded: « MJC Nord » and « mjc nord » are one
    name: str
    kind: str = ""  # centre social, MJC, association, collectivité…
    convention_start: date | None = None
    convention_end: date | None = None
    charter_date: date | None = None  # the day the structure signed the charter
    report_year: int | None = None  # the latest year whose annual report was received
    contact: str = ""
    email: str = ""
    phone: str = ""
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class Candidate(SQLModel, table=True):
    """Someone applying to become a promeneur, from the application received to the label (or
    the refusal): the seeds' « pré-sélection des candidats à présenter au COPIL »."""

    __tablename__ = "candidate"

    id: int | None = Field(default=None, primary_key=True)
    source_event_id: str = Field(unique=True)  # the command that added them: never twice
    name: str
    structure: str = ""
    email: str = ""
    status: str = "recu"  # recu, preselectionne, presente, labellise, refuse
    note: str = ""
    status_changed_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    created_by: str
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class RecruitmentTarget(SQLModel, table=True):
    """The number of promeneurs the COPIL set as the network's objective for a year."""

    __tablename__ = "recruitment_target"

    year: int = Field(primary_key=True)
    target: int
    set_by: str
    set_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class Meeting(SQLModel, table=True):
    """A network meeting (one-off, or recurring by an RFC 5545 rule)."""

    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    source_event_id: str = Field(unique=True)  # the command that created it: never twice
    kind: str
    title: str
    starts_at: datetime = Field(sa_column=_utc_column(index=True))  # first occurrence
    duration_minutes: int = 120
    place: str = ""
    agenda: str = ""
    rule: str = ""  # RRULE without DTSTART; empty for a one-off meeting
    audience: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sequence: int = 0  # bumped at every change, for calendar clients
    created_by: str
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    cancelled_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class NetworkDeadline(SQLModel, table=True):
    """A deadline of the network's own (a call for applications, a survey to return), reminded
    to its audience at each offset before its day, beside the Caf's deadlines of the settings."""

    __tablename__ = "network_deadline"

    id: int | None = Field(default=None, primary_key=True)
    source_event_id: str = Field(unique=True)  # the command that created it: never twice
    title: str
    day: date
    # "promeneurs", "coordination", and/or Matrix ids of people.
    audience: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    offsets: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str = ""
    created_by: str
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    cancelled_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


# How the weekly declaration prompts and reminders are named among the messages sent once (kept
# 60 days, bot/storage/retention.py).
DECLARATION_REMINDERS = "declaration-"


class ReminderSent(SQLModel, table=True):
    """A message sent once (a reminder, a welcome, a weekly declaration prompt), or dropped as
    useless: never the same one twice."""

    __tablename__ = "reminder_sent"

    # e.g. "meeting-3", "welcome", "declaration-prompt", "declaration-reminder"
    reminder: str = Field(primary_key=True)
    occurrence: str = Field(primary_key=True)  # the start (ISO, UTC) or the week it is about
    offset: str = Field(primary_key=True)  # "7j", "1j", "1h"
    target: str = Field(primary_key=True)  # a room id or a user id
    sent_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    dropped: bool = False  # fell due while the bot was down, and too late to be useful


# How one occurrence of a meeting is named in records: its start in UTC, `20261201T1300Z`.
OCCURRENCE_FORMAT = "%Y%m%dT%H%MZ"


class MeetingAttendance(SQLModel, table=True):
    """Who said they will come to one occurrence of a meeting."""

    __tablename__ = "meeting_attendance"

    meeting_id: int = Field(primary_key=True)
    occurrence: str = Field(primary_key=True)  # the start it is about, ISO, UTC
    user_id: str = Field(primary_key=True)
    answer: str  # "oui", "non", "peut-etre"
    answered_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    # The reaction (✅ ❌ ❔) that gave the answer, if one did: removing it withdraws the answer.
    reaction_event_id: str | None = None


class MeetingPresence(SQLModel, table=True):
    """Who was there at one past occurrence of a meeting, as the coordination confirmed it
    (pre-filled from the answers): one row per person the meeting was for, present or not."""

    __tablename__ = "meeting_presence"

    meeting_id: int = Field(primary_key=True)
    occurrence: str = Field(primary_key=True)  # the start it is about (occurrence_key)
    user_id: str = Field(primary_key=True)
    present: bool
    kind: str  # the meeting's kind then, for the participation by kind
    year: int = Field(index=True)  # the year of the occurrence, in the network's zone
    confirmed_by: str
    confirmed_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class TrainingRecord(SQLModel, table=True):
    """A training a promeneur followed outside the network's own sessions (those are meetings of
    the kind "formation", with their confirmed attendance)."""

    __tablename__ = "training_record"

    id: int | None = Field(default=None, primary_key=True)
    source_event_id: str = Field(unique=True)  # the command that recorded it: never twice
    user_id: str = Field(index=True)
    title: str
    day: date
    hours: float = 0.0
    recorded_by: str
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class TrainingNeed(SQLModel, table=True):
    """A training need the coordination noted for a promeneur (a topic), for the training plan."""

    __tablename__ = "training_need"

    id: int | None = Field(default=None, primary_key=True)
    source_event_id: str = Field(unique=True)
    user_id: str = Field(index=True)
    topic: str
    noted_by: str
    noted_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class MeetingAnnouncement(SQLModel, table=True):
    """Which outgoing message announced which meeting: reactions to it are attendance answers."""

    __tablename__ = "meeting_announcement"

    txn_id: str = Field(primary_key=True)
    meeting_id: int = Field(index=True)


# The kinds of Promeneurs du Net, as stored -> as shown.
PDN_TYPES = {"jeunesse": "jeunesse", "parentalite": "parentalité"}


class Member(SQLModel, table=True):
    """A promeneur in the network's directory (annuaire): professional details only."""

    __tablename__ = "member"

    user_id: str = Field(primary_key=True)  # the Matrix ID: roles come from it, never from names
    first_name: str = ""
    last_name: str = ""
    structure: str = ""
    territory: str = ""  # commune or area
    email: str = ""  # professional
    phone: str = ""  # professional
    profiles: str = ""  # the professional profile names on social networks, comma-separated
    pdn_type: str = "jeunesse"  # jeunesse or parentalite
    label_date: date | None = None
    charter_date: date | None = None
    status: str = Field(default="actif", index=True)  # actif, conges, parti
    away_until: date | None = None  # on leave until (included)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class AddedCoordinator(SQLModel, table=True):
    """A coordinator added in chat by another one (besides those of the configuration)."""

    __tablename__ = "added_coordinator"

    user_id: str = Field(primary_key=True)
    added_by: str
    added_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class AuditEntry(SQLModel, table=True):
    """One administrative action: who, what, when, and the record before and after."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    source_event_id: str = Field(index=True)  # the command that did it
    at: datetime = Field(default_factory=utcnow, sa_column=_utc_column(index=True))
    actor: str
    action: str  # the command's name
    target: str = ""
    arguments: str = ""
    before: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # What came of it: « fait », « refusé » (nothing changed, the reason was said) or « échec »
    # (an error of the bot, nothing changed).
    outcome: str = "fait"
