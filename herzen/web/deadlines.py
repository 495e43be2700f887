"""The legal-stay deadline of a stay, said in the reader's language.

herzen.domain.risk explains its verdict in English (the domain is plain Python, without translations); the
pages build the same facts into a translated sentence from the verdict's structured fields and show the
domain's own explanation beside it as the detailed calculation.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from herzen.domain.provenance import Verified
from herzen.domain.risk import (
    CalendarYearLimit,
    NoTimeLimit,
    PerEntryLimit,
    Registrant,
    RegistrationDeadline,
    StayDeadline,
    StayLimit,
)
from herzen.people.choices import LegalBasis
from herzen.people.models import Stay
from herzen.people.selectors import StayWithDeadline

URGENT_DAYS = 14
DATE_FORMAT = "j E Y"


def long_date(value: date) -> str:
    return date_format(value, DATE_FORMAT)


def days_left_text(days: int) -> str:
    if days > 0:
        return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    if days == 0:
        return gettext("last legal day is today")
    overdue = -days
    return ngettext("overstayed by %(days)d day", "overstayed by %(days)d days", overdue) % {"days": overdue}


def registration_days_text(days: int) -> str:
    if days > 0:
        return ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}
    if days == 0:
        return gettext("due today")
    overdue = -days
    return ngettext("overdue by %(days)d day", "overdue by %(days)d days", overdue) % {"days": overdue}


def _limit_text(country: str, limit: StayLimit) -> str:
    if isinstance(limit, NoTimeLimit):
        return gettext("%(country)s sets no time limit on the stay.") % {"country": country}
    if isinstance(limit, CalendarYearLimit):
        return ngettext(
            "%(country)s: at most %(days)d day in a calendar year, over all entries.",
            "%(country)s: at most %(days)d days in a calendar year, over all entries.",
            limit.days,
        ) % {"country": country, "days": limit.days}
    if isinstance(limit, PerEntryLimit):
        return ngettext(
            "%(country)s: at most %(days)d day per entry.",
            "%(country)s: at most %(days)d days per entry.",
            limit.days,
        ) % {"country": country, "days": limit.days}
    return ngettext(
        "%(country)s: at most %(days)d day in any %(window)d-day period.",
        "%(country)s: at most %(days)d days in any %(window)d-day period.",
        limit.days,
    ) % {"country": country, "days": limit.days, "window": limit.window_days}


def deadline_summary(stay: Stay, deadline: StayDeadline) -> str:
    """One or two plain sentences: which rule binds and what it means for this stay."""
    country = str(stay.country.name)
    if deadline.kind == "rule" and deadline.binding_limit is not None and deadline.last_legal_day:
        return " ".join(
            (
                _limit_text(country, deadline.binding_limit),
                gettext("The last legal day of this stay is %(date)s.")
                % {"date": long_date(deadline.last_legal_day)},
            )
        )
    if deadline.kind == "already_exceeded":
        return gettext(
            "The visa-free allowance in %(country)s was already used up on the day of entry (%(date)s): "
            "the stay has been unlawful from its first day."
        ) % {"country": country, "date": long_date(stay.entry_date)}
    if deadline.kind == "authorisation" and deadline.last_legal_day:
        if stay.legal_basis == LegalBasis.RESIDENCE_PERMIT:
            text = gettext("The residence permit is valid until %(date)s.")
        else:
            text = gettext("The visa is valid until %(date)s.")
        return text % {"date": long_date(deadline.last_legal_day)}
    if deadline.kind == "none":
        if stay.legal_basis == LegalBasis.ASYLUM_SEEKER:
            return gettext(
                "An asylum claim is pending in %(country)s: the stay is protected while the claim is decided."
            ) % {"country": country}
        return gettext("The visa-free rule of %(country)s sets no end to this stay.") % {"country": country}
    if stay.legal_basis in (LegalBasis.VISA, LegalBasis.RESIDENCE_PERMIT):
        return gettext(
            "The end date of the visa or residence permit is not recorded; add it to see the deadline."
        )
    return gettext("No visa-free stay rule is recorded for %(country)s: check the deadline by hand.") % {
        "country": country
    }


def _registrant(who: Registrant | None) -> str:
    return (
        {
            Registrant.HOST: gettext("The host (landlord or hotel)"),
            Registrant.PERSON: gettext("The person"),
            Registrant.HOST_OR_PERSON: gettext("The host or the person"),
        }.get(who, gettext("The person"))
        if who is not None
        else gettext("The person")
    )


def registration_summary(registration: RegistrationDeadline) -> str:
    """Who must register by when, in the reader's language; whether the sources agree."""
    if registration.satisfied:
        return gettext("Registration is done; a move to a new address may require it again.")
    if registration.due_on is None:
        return gettext("No registration rule is in force for this stay.")
    if registration.trigger == "move":
        text = gettext("%(who)s must register the new address by %(date)s.")
    else:
        text = gettext("%(who)s must register the stay by %(date)s.")
    text = text % {"who": _registrant(registration.who), "date": long_date(registration.due_on)}
    if registration.verified is Verified.CONFLICTING:
        text += " " + gettext("The sources disagree on this duty; the earliest date is shown.")
    elif registration.verified is Verified.UNVERIFIED:
        text += " " + gettext("This rule has not been checked against the law: confirm it locally.")
    return text


@dataclass(frozen=True)
class RegistrationRow:
    due_on: date | None
    days_text: str
    urgent: bool
    summary: str
    calculation: str  # the domain's own explanation (English)


def registration_row(registration: RegistrationDeadline | None, today: date) -> RegistrationRow | None:
    if registration is None:
        return None
    due = registration.due_on
    days = (due - today).days if due is not None else None
    return RegistrationRow(
        due_on=due,
        days_text=registration_days_text(days) if days is not None else "",
        urgent=days is not None and days <= URGENT_DAYS,
        summary=registration_summary(registration),
        calculation=registration.explanation,
    )


@dataclass(frozen=True)
class StayRow:
    """A stay as a page shows it."""

    stay: Stay
    last_legal_day: date | None
    days_left: int | None
    urgent: bool
    days_left_text: str
    summary: str
    calculation: str  # the domain's own explanation (English)
    registration: RegistrationRow | None = None


def stay_rows(stays: list[StayWithDeadline], today: date) -> list[StayRow]:
    rows = []
    for item in stays:
        deadline = item.deadline
        days_left = item.days_left(today)
        rows.append(
            StayRow(
                stay=item.stay,
                last_legal_day=deadline.last_legal_day if deadline else None,
                days_left=days_left,
                urgent=days_left is not None and days_left <= URGENT_DAYS,
                days_left_text=days_left_text(days_left) if days_left is not None else "",
                summary=deadline_summary(item.stay, deadline) if deadline else "",
                calculation=deadline.explanation if deadline else "",
                registration=registration_row(item.registration, today),
            )
        )
    return rows
