"""What the knowledge base holds: entries (national or practice), their resources, local relays."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.safety.kinds import Danger

# Emergency (15, 112...), 4-digit short numbers (3018, 39 89), 116 xxx, or 10 digits.
_PHONE = re.compile(r"^(?:1\d{1,2}|3\d{3}|116\d{3}|0\d{9}|\+33\d{9})$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _phone(value: str) -> str:
    if value and not _PHONE.match(value.replace(" ", "").replace(".", "")):
        raise ValueError(
            f"numéro attendu : numéro court (15, 112, 3018, 116 000) ou 10 chiffres commençant "
            f"par 0, "
            f"espaces permis (reçu {value!r})"
        )
    return value


def _entry_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"identifiant attendu en minuscules sans accents, mots séparés par des tirets, "
            f"par exemple « harcelement-scolaire » (reçu {value!r})"
        )
    return value


Phone = Annotated[str, AfterValidator(_phone)]
EntryId = Annotated[str, AfterValidator(_entry_id)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Resource(Schema):
    """A helpline, site or structure to refer to, with the source its facts were checked
    against and the date of that check (none while `a_confirmer`)."""

    nom: NonEmpty
    telephone: Phone = ""
    sms: Phone = ""
    chat: str = ""
    url: str = ""
    adresse: str = ""
    horaires: str = ""
    gratuit: bool | None = None
    anonyme: bool | None = None
    portee: str = "nationale"
    a_confirmer: bool = False
    note: str = ""
    source: str = ""
    verifie_le: dt.date | None = None

    @property
    def has_contact(self) -> bool:
        return bool(self.telephone or self.sms or self.chat or self.url or self.adresse)


class EntryHeader(Schema):
    """The front matter of an entry file."""

    id: EntryId
    titre: NonEmpty
    themes: list[str] = Field(min_length=1)
    mots_cles: list[str] = Field(min_length=1)
    synonymes: list[str] = []
    questions: list[str] = Field(min_length=3)
    urgence: Danger | None = None
    verifie_le: dt.date
    source: NonEmpty
    ressources: list[Resource] = []


class LocalRelayFile(Resource):
    """A local structure: which entries it serves, and when it was checked."""

    fiches: list[str] = Field(min_length=1)
    portee: str = "locale"
    verifie_le: dt.date
    source: NonEmpty


@dataclass(frozen=True)
class Entry:
    """One entry: its header and its answer (Markdown)."""

    header: EntryHeader
    answer: str
    path: str

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def title(self) -> str:
        return self.header.titre


@dataclass(frozen=True)
class LocalRelay:
    resource: Resource
    entry_ids: tuple[str, ...]
    verified_on: dt.date
    path: str


class Example(Schema):
    """A question as promeneurs write it and the entry that answers it ("" when none does):
    what the matcher learns from, besides the entries' own words."""

    text: NonEmpty
    entry: str
    urgent: bool = False


@dataclass
class KnowledgeBase:
    """The entries in file order, the example questions, and the local relays of the
    configured department."""

    entries: dict[str, Entry] = field(default_factory=dict)
    local: list[LocalRelay] = field(default_factory=list)
    department: str = ""
    examples: list[Example] = field(default_factory=list)

    def local_for(self, entry_id: str) -> list[Resource]:
        return [r.resource for r in self.local if entry_id in r.entry_ids or "*" in r.entry_ids]
