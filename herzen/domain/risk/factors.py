"""Typed risk factors: what puts an exile in danger, as plain facts a priority can be computed from.

The vocabulary follows ../shared/DOMAIN.md. Values are stable storage codes shared with the person record
(`herzen.people.choices` keeps its labels in step, tested). There is deliberately no kind for party, faction or
movement membership: Herzen records the danger a person is in, never their political affiliation.
"""

from datetime import date, timedelta
from enum import StrEnum


class RiskFactorKind(StrEnum):
    CRIMINAL_CASE = "criminal_case"
    ADMINISTRATIVE_CASE = "administrative_case"
    FOREIGN_AGENT = "foreign_agent"
    MOBILISATION_SUMMONS = "mobilisation_summons"
    EXIT_BAN = "exit_ban"
    PASSPORT_REFUSAL = "passport_refusal"
    WANTED_LIST = "wanted_list"
    TRANSIT_COUNTRY_RISK = "transit_country_risk"
    VULNERABILITY = "vulnerability"
    OTHER = "other"


class CriminalStage(StrEnum):
    SUSPECT = "suspect"
    ACCUSED = "accused"
    CONVICTED = "convicted"
    CONVICTED_IN_ABSENTIA = "in_absentia"


class WantedScope(StrEnum):
    DOMESTIC = "domestic"
    INTERSTATE = "interstate"  # CIS interstate search: extradition exposure in KZ, KG and similar
    INTERPOL = "interpol"


class Vulnerability(StrEnum):
    MINOR = "minor"
    HEALTH = "health"
    LGBTQ = "lgbtq"
    FAMILY_PRESSURE = "family_pressure"
    OTHER = "other"


# Articles of the Russian Criminal Code used against anti-war speech and dissent (DOMAIN.md). A case under
# another article is still a criminal case; these are the ones a caseworker picks from a list.
ANTI_WAR_ARTICLES: dict[str, str] = {
    "205.2": "Public justification of terrorism",
    "207.3": "Public dissemination of knowingly false information about the armed forces",
    "275": "High treason",
    "280.3": "Discrediting the armed forces (repeat offence)",
    "284.1": "Participation in an 'undesirable' organisation",
    "330.1": "Evasion of the duties of a 'foreign agent'",
}

# An electronic summons counts as served seven days after it is posted to the register (Federal Law No. 127-FZ
# of 14 April 2023 amending the law on military duty); an exit ban follows. When the ban starts is disputed
# between sources (from service, or from the posting); see SUMMONS_RULES for the register.
SUMMONS_DEEMED_SERVED_AFTER = timedelta(days=7)
# Twenty days after the appearance date stated in the summons without reporting, further restrictions apply
# (sole-trader registration, property deals, driving, loans). The law counts from the appearance date, not from
# the posting; when the appearance date is not recorded, the posting date is the earliest it can be.
SUMMONS_FURTHER_RESTRICTIONS_AFTER = timedelta(days=20)


def summons_deemed_served(posted_on: date) -> date:
    return posted_on + SUMMONS_DEEMED_SERVED_AFTER


def summons_further_restrictions(posted_on: date, appearance_on: date | None = None) -> date:
    """20 days after the appearance date; without it, 20 days after the posting (the earliest possible)."""
    anchor = appearance_on if appearance_on is not None and appearance_on >= posted_on else posted_on
    return anchor + SUMMONS_FURTHER_RESTRICTIONS_AFTER
