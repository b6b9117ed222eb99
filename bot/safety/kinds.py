"""The kinds of immediate danger, each with its own emergency numbers first."""

from __future__ import annotations

from enum import StrEnum


class Danger(StrEnum):
    """A kind of immediate danger: it decides which emergency numbers come first."""

    SUICIDE = "suicide"  # intent, however said; means; self-harm
    HEALTH = "sante"  # a medical emergency
    VIOLENCE = "violence"  # violence now or threatened, weapons, sexual violence, sextortion
    CHILD = "enfance"  # a child hit, abused, alone, without food; an adult after a minor
    MISSING = "fugue"  # a minor who ran away or is missing
    SHELTER = "hebergement"  # nowhere to sleep tonight, thrown out
    EXPOSURE = "exposition"  # a risk of HIV: post-exposure treatment within 48 hours
    GENERAL = "general"  # a danger whose kind the cues cannot tell
