"""The legal-stay deadline of a stay, said in the reader's language.

herzen.domain.risk explains its verdict in English (the domain is plain Python, without translations) and
also as data (`StayDeadline.reasons`); the pages build a translated summary from the verdict's fields and the
detailed calculation from its reasons, with dates in the reader's format and countries by name.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django_countries import countries

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
from herzen.domain.risk.stay import Reason
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
    calculation: str  # the domain's reasons, in the reader's language
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
                calculation=calculation_text(deadline) if deadline else "",
                registration=registration_row(item.registration, today),
            )
        )
    return rows


def _reason_sentences() -> dict[str, str]:
    return {
        "per_entry": gettext(
            "%(country)s allows %(days)s days per entry; counted from the entry on %(entry)s, that limit ends "
            "on %(end)s."
        ),
        "window_never_exceeded": gettext(
            "%(country)s allows %(days)s days in any %(window)s, which can never be exceeded because the window "
            "is no longer than the allowance."
        ),
        "window_over_on_entry": gettext(
            "%(country)s allows %(days)s days in any %(window)s; %(used)s days were already used in the window "
            "ending %(entry)s, the entry day, so this entry was over that limit from its first day."
        ),
        "window": gettext(
            "%(country)s allows %(days)s days in any %(window)s; %(used)s days used in the window ending "
            "%(report_day)s, so that limit ends on %(end)s."
        ),
        "window_no_reset_never_exceeded": gettext(
            "%(country)s allows %(days)s days in any %(window)s (a border run does not reset it), which can "
            "never be exceeded because the window is no longer than the allowance."
        ),
        "window_no_reset_over_on_entry": gettext(
            "%(country)s allows %(days)s days in any %(window)s (a border run does not reset it); %(used)s days "
            "were already used in the window ending %(entry)s, the entry day, so this entry was over that limit "
            "from its first day."
        ),
        "window_no_reset": gettext(
            "%(country)s allows %(days)s days in any %(window)s (a border run does not reset it); %(used)s days "
            "used in the window ending %(report_day)s, so that limit ends on %(end)s."
        ),
        "year_never_exceeded": gettext(
            "%(country)s allows %(days)s days in each calendar year, counted over all entries, which can never "
            "be exceeded."
        ),
        "year_over_on_entry": gettext(
            "%(country)s allows %(days)s days in each calendar year, counted over all entries (a border run "
            "does not reset it); %(used)s days were already used this year by the entry on %(entry)s, so this "
            "entry was over that limit from its first day."
        ),
        "year": gettext(
            "%(country)s allows %(days)s days in each calendar year, counted over all entries (a border run "
            "does not reset it); %(used)s days used in %(year)s up to %(report_day)s, so that limit ends on "
            "%(end)s."
        ),
        "no_time_limit": gettext(
            "%(country)s sets no time limit on the stay itself (registration duties still apply)."
        ),
        "conflicting_readings": gettext(
            "The sources disagree on how this limit is counted; every reading is applied and the earliest "
            "last day is the one shown."
        ),
        "ran_out_on_entry": gettext(
            "The legal stay had already run out when the person entered on %(entry)s."
        ),
        "ends": gettext("The legal stay ends on %(end)s."),
        "left_after": gettext("The person left on %(exit)s, %(days)s days after the last legal day."),
        "no_stay": gettext("No stay in %(country)s is recorded."),
        "asylum": gettext(
            "The person has claimed asylum in %(country)s; the stay is protected while the claim is pending."
        ),
        "document_without_end": gettext(
            "The stay in %(country)s rests on a document (%(document)s) whose end date is not recorded."
        ),
        "document_valid_until": gettext(
            "The document (%(document)s) for %(country)s is valid until %(end)s."
        ),
        "no_rule": gettext(
            "No visa-free stay rule is recorded for %(country)s; the limit must be checked by hand."
        ),
    }


def _reason_value(name: str, value: object) -> object:
    if isinstance(value, date):
        return long_date(value)
    if name == "country":
        return str(countries.name(str(value))) or value
    if name == "basis":
        return str(LegalBasis(str(value)).label)
    return value


def calculation_text(deadline: StayDeadline) -> str:
    """The domain's reasons as sentences in the active language; its English explanation for a reason this
    module does not know yet (a newer domain), never a key."""
    sentences = _reason_sentences()
    if not deadline.reasons or any(reason.key not in sentences for reason in deadline.reasons):
        return deadline.explanation
    return " ".join(_reason_text(sentences, reason) for reason in deadline.reasons)


def _reason_text(sentences: dict[str, str], reason: Reason) -> str:
    values = {name: _reason_value(name, value) for name, value in reason.values.items()}
    if "basis" in values:
        values["document"] = values.pop("basis")
    return sentences[reason.key] % values
