"""Typed settings read from a TOML file; every error is reported at once, with no side effects."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from ipaddress import IPv4Address
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    IPvAnyAddress,
    ValidationError,
    field_validator,
)

from bot.resources import shipped

PASSWORD_ENV = "PDN_BOT_PASSWORD"
CREDENTIAL = "password"  # its file among systemd's credentials (deploy/pdn-bot.service)
ACCESS_TOKEN_ENV = "PDN_BOT_ACCESS_TOKEN"
STORE_KEY_ENV = "PDN_BOT_STORE_KEY"


def _user_id(value: str) -> str:
    localpart, sep, server = value.removeprefix("@").partition(":")
    if not value.startswith("@") or not sep or not localpart or not server:
        raise ValueError(f"identifiant Matrix attendu, de la forme @nom:serveur (reçu {value!r})")
    return value


def _room_ref(value: str) -> str:
    # Room ids of room version 12 have no server part; aliases always have one.
    is_id = value.startswith("!") and len(value) > 1
    is_alias = value.startswith("#") and ":" in value[2:]
    if not (is_id or is_alias):
        raise ValueError(
            f"identifiant de salon attendu (!identifiant) ou alias (#nom:serveur) (reçu {value!r})"
        )
    return value


UserId = Annotated[str, AfterValidator(_user_id)]
RoomRef = Annotated[str, AfterValidator(_room_ref)]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HomeserverSettings(Section):
    url: str

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"URL http(s) attendue (reçu {value!r})")
        return value.rstrip("/")


class BotSettings(Section):
    user_id: UserId
    password: str = ""
    access_token: str = ""
    # Passphrase of the crypto store; empty: a random one kept in data_dir/crypto/store.key.
    store_key: str = ""
    device_name: str = "pdn-bot"
    display_name: str = "Assistant PdN"
    command_prefix: str = Field(default="!", min_length=1, max_length=3)


class NetworkSettings(Section):
    rooms: list[RoomRef] = []
    space: RoomRef | None = None
    coordinators: list[UserId] = Field(min_length=1)


class AccessSettings(Section):
    allowed_inviters: list[UserId] = []
    allowed_servers: list[str] = []
    # Commands one person may send in shared rooms: a burst, then so many a minute.
    commands_burst: int = Field(default=10, ge=1, le=1000)
    commands_per_minute: float = Field(default=20, gt=0, le=6000)


# The base shipped with the bot (an editable install reads it from the repository).
DEFAULT_KNOWLEDGE_DIR = shipped("knowledge")


class KnowledgeSettings(Section):
    directory: Path = DEFAULT_KNOWLEDGE_DIR
    department: str = ""
    contact: str = ""
    cache_dir: Path | None = None  # None: default_cache_dir()

    @property
    def cache(self) -> Path:
        """Where the learnt classifier of the base is kept between runs."""
        return self.cache_dir or default_cache_dir()

    @field_validator("department")
    @classmethod
    def _folder_name(cls, value: str) -> str:
        if "/" in value or "\\" in value or value.startswith("."):
            raise ValueError(f"nom d'un dossier de knowledge/local attendu (reçu {value!r})")
        return value


def default_cache_dir() -> Path:
    """The cache folder of the service under systemd (`CacheDirectory=`), else the user's."""
    if service := os.environ.get("CACHE_DIRECTORY"):
        return Path(service.split(":")[0])
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "pdn-bot"


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _weekday(value: str) -> str:
    if value.strip().lower() not in WEEKDAYS:
        raise ValueError(f"jour de la semaine attendu ({', '.join(WEEKDAYS)}) (reçu {value!r})")
    return value.strip().lower()


def _clock(value: str) -> str:
    hours, sep, minutes = value.strip().partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit()) or not (
        0 <= int(hours) < 24 and 0 <= int(minutes) < 60
    ):
        raise ValueError(f"heure attendue au format HH:MM, par exemple 14:00 (reçu {value!r})")
    return f"{int(hours):02d}:{int(minutes):02d}"


Weekday = Annotated[str, AfterValidator(_weekday)]
Clock = Annotated[str, AfterValidator(_clock)]


class DeclarationSettings(Section):
    networks: list[str] = Field(
        default=[
            "Instagram", "Snapchat", "TikTok", "Facebook", "WhatsApp", "Discord", "YouTube",
            "X (Twitter)", "Twitch", "Jeux vidéo en ligne",
        ],
        min_length=1,
    )  # fmt: skip
    # The age profile asked for each week, as the Caf's « profil des jeunes contactés (âge) »;
    # "parents" for PdN Parentalité. The seeds speak of 11 or 12 to 25.
    age_groups: list[str] = Field(
        default=["11-14 ans", "15-17 ans", "18-21 ans", "22-25 ans", "parents"], min_length=1
    )
    # Themes offered beside the knowledge base's risk topics: the seeds' fields of intervention.
    themes: list[str] = [
        "Scolarité", "Insertion, emploi, formation", "Loisirs et animation",
        "Projets et initiatives de jeunes", "Participation citoyenne",
        "Éducation aux médias et au numérique", "Parentalité et questions éducatives",
    ]  # fmt: skip
    prompt_day: Weekday = "vendredi"
    prompt_time: Clock = "14:00"
    reminder_day: Weekday = "lundi"
    reminder_time: Clock = "10:00"
    idle_expiry_hours: float = Field(default=48, gt=0, le=24 * 14)
    prompts: bool = True
    check_interval_seconds: float = Field(default=60, ge=1, le=3600)


def _offset(value: str) -> str:
    if not re.fullmatch(r"\d+(?:j|h|min)", value.strip()):
        raise ValueError(f"délai attendu comme 7j, 1j, 1h ou 30min (reçu {value!r})")
    return value.strip()


Offset = Annotated[str, AfterValidator(_offset)]


class MeetingSettings(Section):
    reminder_offsets: list[Offset] = ["7j", "1j", "1h"]
    missed_grace_hours: float = Field(default=24, ge=0)
    refresh_minutes: float = Field(default=60, gt=0)


def _day_month(value: str) -> str:
    day, sep, month = value.strip().partition("/")
    try:
        date(2025, int(month), int(day))  # a date of every year (so not 29/02)
    except ValueError:
        sep = ""
    if not sep:
        raise ValueError(f"jour/mois attendu, par exemple 15/01 (reçu {value!r})")
    return f"{int(day):02d}/{int(month):02d}"


DayMonth = Annotated[str, AfterValidator(_day_month)]


class CoordinationSettings(Section):
    # The tasks of the coordinator's quarterly time grid (!grille), after the seeds' « grille de
    # répartition du temps de travail et tâches associées ».
    tasks: list[str] = Field(
        default=[
            "Organisation de réunions et rencontres du réseau",
            "Formations (organisation, participation)",
            "Échanges avec les promeneurs (suivi individuel)",
            "Thématiques travaillées avec le réseau",
            "Animation du réseau et des outils (annuaire, espace collaboratif)",
            "Communication et promotion",
            "Comités de pilotage et instances techniques",
            "Recrutement et labellisation",
            "Évaluation et bilans",
            "Événements départementaux et régionaux",
        ],
        min_length=1,
    )


class DeadlineSettings(Section):
    quarterly: list[DayMonth] = ["15/01", "15/04", "15/07", "15/11"]
    annual: DayMonth | None = "31/01"
    reminder_offsets: list[Offset] = ["14j", "7j", "1j"]
    reminder_time: Clock = "09:00"


PUBLIC_FIELD = Literal[
    "prenom", "nom", "structure", "territoire", "email", "tel", "profils", "type", "label",
    "charte", "statut",
]  # fmt: skip


class DirectorySettings(Section):
    # What `!annuaire <recherche>` shows to every member (the coordination sees everything).
    public_fields: list[PUBLIC_FIELD] = [
        "prenom", "nom", "structure", "territoire", "email", "tel", "profils", "type",
    ]  # fmt: skip
    # The charter binds « pendant toute la durée de leur participation » (the Caf's texts): no
    # expiry unless the network has it signed again after so many days.
    charter_validity_days: int | None = Field(default=None, gt=0)
    remove_on_leave: bool = True  # `!promeneur retirer` also removes them from the rooms


class RetentionSettings(Section):
    dialog_days: int = Field(default=30, gt=0)
    unanswered_days: int = Field(default=365, gt=0)
    audit_days: int = Field(default=730, gt=0)


class MonitoringSettings(Section):
    # /health and /metrics at this port; 0: off.
    http_port: int = Field(default=0, ge=0, le=65535)
    # The address they listen on: the loopback by default; in a container, "0.0.0.0" so that
    # the host's Prometheus reaches them (the container's network stays private to it).
    address: IPvAnyAddress = IPv4Address("127.0.0.1")


class StorageSettings(Section):
    data_dir: Path = Path("data")
    database_url: str = ""


class LocaleSettings(Section):
    timezone: str = "Europe/Paris"
    # The bot speaks French only (bot/i18n): kept so that configurations naming it still load.
    language: Literal["fr"] = "fr"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"fuseau horaire IANA attendu, par exemple Europe/Paris (reçu {value!r})"
            ) from None
        return value


class MatrixTuning(Section):
    sync_timeout_seconds: float = Field(default=30, gt=0, le=120)
    undecryptable_grace_seconds: float = Field(default=15, ge=0, le=600)
    backoff_max_seconds: float = Field(default=60, gt=0)


class Settings(Section):
    homeserver: HomeserverSettings
    bot: BotSettings
    network: NetworkSettings
    access: AccessSettings = AccessSettings()
    storage: StorageSettings = StorageSettings()
    knowledge: KnowledgeSettings = KnowledgeSettings()
    declarations: DeclarationSettings = DeclarationSettings()
    meetings: MeetingSettings = MeetingSettings()
    deadlines: DeadlineSettings = DeadlineSettings()
    coordination: CoordinationSettings = CoordinationSettings()
    directory: DirectorySettings = DirectorySettings()
    retention: RetentionSettings = RetentionSettings()
    monitoring: MonitoringSettings = MonitoringSettings()
    locale: LocaleSettings = LocaleSettings()
    matrix: MatrixTuning = MatrixTuning()

    @property
    def database_url(self) -> str:
        return self.storage.database_url or f"sqlite:///{self.data_dir / 'pdn-bot.sqlite3'}"

    @property
    def data_dir(self) -> Path:
        return self.storage.data_dir

    @property
    def coordination_contact(self) -> str:
        """How to reach the coordination, as told to promeneurs."""
        return self.knowledge.contact or ", ".join(self.network.coordinators)

    @property
    def crypto_dir(self) -> Path:
        return self.data_dir / "crypto"


class ConfigError(Exception):
    """The configuration cannot be used; `problems` lists every reason, one line each."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"Configuration invalide ({path}) : {len(problems)} erreur(s)\n{lines}")


_FRENCH_ERRORS = {
    "missing": "clé obligatoire manquante",
    "extra_forbidden": "clé inconnue",
    "string_type": "texte attendu",
    "list_type": "liste attendue",
    "bool_type": "booléen attendu (true/false)",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "model_type": "section (table TOML) attendue",
    "path_type": "chemin attendu",
    "literal_error": "valeur non permise",
    "too_short": "liste trop courte (au moins un élément attendu)",
    "string_too_short": "texte trop court",
    "string_too_long": "texte trop long",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
}


def describe_error(error: Any) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(racine)"
    if error["type"] in ("value_error", "assertion_error"):
        message = str(error["ctx"]["error"]) if "ctx" in error else error["msg"]
    else:
        message = _FRENCH_ERRORS.get(error["type"], error["msg"])
        if error["type"] == "literal_error":
            message += f" (attendu : {error['ctx']['expected']})"
        elif error["type"] in ("greater_than", "greater_than_equal", "less_than_equal"):
            limit = next(iter(error["ctx"].values()))
            message += f" (limite : {limit})"
        if error["type"] not in ("missing", "model_type"):
            message += f", reçu {error['input']!r}"
    if key == "(racine)":
        return message
    return f"{key} : {message}"


def _credential(env: Mapping[str, str]) -> str:
    """The password systemd hands the service (`LoadCredential=password:…`), if it does."""
    folder = env.get("CREDENTIALS_DIRECTORY")
    path = Path(folder) / CREDENTIAL if folder else None
    if path is None or not path.is_file():
        return ""
    return path.read_text(encoding="utf-8").strip()


def parse_settings(
    data: dict[str, Any], path: Path, env: Mapping[str, str] | None = None, offline: bool = False
) -> Settings:
    """Validate a decoded TOML document, taking secrets from `env` when they are set there;
    `offline` (the commands that never connect: db, report, ask, kb, declare, check-config): no
    password or token needed."""
    env = os.environ if env is None else env
    problems: list[str] = []
    bot = data.get("bot")
    if isinstance(bot, dict):
        bot = dict(bot)
        if env.get(PASSWORD_ENV):
            bot["password"] = env[PASSWORD_ENV]
        elif credential := _credential(env):
            bot["password"] = credential
        if env.get(ACCESS_TOKEN_ENV):
            bot["access_token"] = env[ACCESS_TOKEN_ENV]
        if env.get(STORE_KEY_ENV):
            bot["store_key"] = env[STORE_KEY_ENV]
        data = {**data, "bot": bot}
        if not (bot.get("password") or bot.get("access_token") or offline):
            problems.append(
                f"bot.password : mot de passe ou bot.access_token requis (dans le fichier ou "
                f"par les variables d'environnement {PASSWORD_ENV} / {ACCESS_TOKEN_ENV})"
            )
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems = [describe_error(error) for error in exc.errors()] + problems
    if problems:
        raise ConfigError(path, problems)
    if not settings.data_dir.is_absolute():
        storage = settings.storage.model_copy(
            update={"data_dir": (path.parent / settings.data_dir).resolve()}
        )
        settings = settings.model_copy(update={"storage": storage})
    knowledge = settings.knowledge
    folders = {"directory": knowledge.directory, "cache_dir": knowledge.cache_dir}
    relative = {
        name: (path.parent / folder).resolve()
        for name, folder in folders.items()
        if folder is not None and not folder.is_absolute()
    }
    if relative:
        settings = settings.model_copy(update={"knowledge": knowledge.model_copy(update=relative)})
    return settings


def load_settings(path: Path, env: dict[str, str] | None = None, offline: bool = False) -> Settings:
    """Read and validate the TOML file at `path`; relative paths are taken from its folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, ["fichier introuvable"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"TOML illisible : {exc}"]) from None
    return parse_settings(data, path, env, offline)
