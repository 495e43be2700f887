"""The facts a screening rule may look at: every name, its type and, for codes, the values it can hold.

A rule set that names a fact not declared here is refused when it is loaded, so a typo or a new, unreviewed
question can never slip into screening. Adding a fact is a code review, on purpose: each one is a question
Herzen asks about a person, and the programme asks about danger and about the two declarations, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TypeAlias

FactValue: TypeAlias = bool | int | date | str | frozenset[str]
"""A fact's value: a yes/no, a whole number, a date, a code or free text, or a set of codes."""


class FactType(StrEnum):
    BOOLEAN = "boolean"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"
    CODES = "codes"  # a set of codes, e.g. the kinds of risk factor a household has


@dataclass(frozen=True)
class FactDefinition:
    name: str
    type: FactType
    description: str
    # For TEXT and CODES facts: the values a rule may compare with; None when any value is allowed.
    allowed_values: frozenset[str] | None = None


# The storage codes of herzen.domain.risk's enums, repeated here because domain cores stay independent of each
# other; a test outside the domain (herzen/cases/tests/test_screening_facts.py) keeps the two in step.
RISK_FACTOR_KINDS = frozenset(
    {
        "criminal_case",
        "administrative_case",
        "foreign_agent",
        "mobilisation_summons",
        "exit_ban",
        "passport_refusal",
        "wanted_list",
        "transit_country_risk",
        "vulnerability",
        "other",
    }
)
CRIMINAL_STAGES = frozenset({"suspect", "accused", "convicted", "in_absentia"})
WANTED_SCOPES = frozenset({"domestic", "interstate", "interpol"})
VULNERABILITIES = frozenset({"minor", "health", "lgbtq", "family_pressure", "other"})
# What someone does in civil society (a profession or activity, not an opinion): the Czech programme and
# several humanitarian visas are for journalists, human-rights defenders and people who work in NGOs.
CIVIL_SOCIETY_ROLES = frozenset(
    {"journalist", "human_rights_defender", "ngo_worker", "lawyer", "academic", "artist", "medic"}
)

_DEFINITIONS = (
    # The programme's two political criteria. They are declarations the person makes, never inferred.
    FactDefinition(
        "declares_borders_of_1992",
        FactType.BOOLEAN,
        "Declares unconditional recognition of Russia's borders as of 1 January 1992 "
        "(Crimea and all occupied territories are Ukraine)",
    ),
    FactDefinition(
        "declares_destalinisation_and_deimperialisation",
        FactType.BOOLEAN,
        "Declares support for a broad, deep de-Stalinisation and de-imperialisation of Russia",
    ),
    # Danger, from the person's typed risk factors (current ones only).
    FactDefinition("risk_factor_kinds", FactType.CODES, "Kinds of current risk factor", RISK_FACTOR_KINDS),
    FactDefinition("criminal_stages", FactType.CODES, "Stages of current criminal cases", CRIMINAL_STAGES),
    FactDefinition("criminal_articles", FactType.CODES, "Criminal Code articles of current criminal cases"),
    FactDefinition("wanted_scopes", FactType.CODES, "Wanted lists the person is on", WANTED_SCOPES),
    FactDefinition("vulnerabilities", FactType.CODES, "Vulnerabilities recorded", VULNERABILITIES),
    FactDefinition("risk_is_documented", FactType.BOOLEAN, "The danger is backed by evidence on file"),
    # Where the person is and for how long they may stay.
    FactDefinition("current_country", FactType.TEXT, "Country the person is in now (ISO 3166-1 alpha-2)"),
    FactDefinition("is_outside_russia", FactType.BOOLEAN, "The person is outside Russia"),
    FactDefinition("is_in_destination_country", FactType.BOOLEAN, "The person is in the destination country"),
    FactDefinition("stay_deadline", FactType.DATE, "Last legal day of the stay in the transit country"),
    # Papers, people and ties.
    FactDefinition("date_of_birth", FactType.DATE, "Date of birth"),
    FactDefinition("citizenships", FactType.CODES, "Citizenships (ISO 3166-1 alpha-2)"),
    FactDefinition("has_valid_passport", FactType.BOOLEAN, "Holds a valid international passport"),
    FactDefinition(
        "has_vouching_organisation",
        FactType.BOOLEAN,
        "An organisation recognised by the destination vouches for the person",
    ),
    FactDefinition(
        "has_ties_to_destination",
        FactType.BOOLEAN,
        "Has ties to the destination country (family, work, study, earlier stays)",
    ),
    FactDefinition(
        "civil_society_roles",
        FactType.CODES,
        "What the person does in civil society (journalist, human-rights defender, ...)",
        CIVIL_SOCIETY_ROLES,
    ),
    FactDefinition(
        "years_of_public_activity",
        FactType.NUMBER,
        "Years of public human-rights, journalistic or civil-society work",
    ),
    FactDefinition(
        "has_job_offer", FactType.BOOLEAN, "Holds a job offer from an employer in the destination"
    ),
    FactDefinition(
        "has_recognised_qualification",
        FactType.BOOLEAN,
        "Holds a qualification recognised in the destination",
    ),
    FactDefinition("has_sufficient_funds", FactType.BOOLEAN, "Can show the means of subsistence required"),
    FactDefinition("household_size", FactType.NUMBER, "Number of people in the household"),
)

VOCABULARY: Mapping[str, FactDefinition] = MappingProxyType({fact.name: fact for fact in _DEFINITIONS})
"""Every fact a rule set may name, by name."""

DECLARATION_FACTS = ("declares_borders_of_1992", "declares_destalinisation_and_deimperialisation")
"""The programme's only political criteria: two declarations (../shared/DOMAIN.md)."""
