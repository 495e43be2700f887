"""The legal-stay deadline said in the reader's language, with Russian plural forms."""

from datetime import date

import pytest
from django.utils import translation

from herzen.domain.risk import PerEntryLimit, RollingLimit, StayDeadline
from herzen.people.models import Stay
from herzen.web.deadlines import days_left_text, deadline_summary


@pytest.mark.parametrize(
    ("days", "russian", "english"),
    [
        (1, "остался 1 день", "1 day left"),
        (3, "осталось 3 дня", "3 days left"),
        (5, "осталось 5 дней", "5 days left"),
        (11, "осталось 11 дней", "11 days left"),
        (21, "остался 21 день", "21 days left"),
        (0, "сегодня последний законный день", "last legal day is today"),
        (-2, "срок превышен на 2 дня", "overstayed by 2 days"),
    ],
)
def test_days_left_in_both_languages(days, russian, english):
    with translation.override("ru"):
        assert days_left_text(days) == russian
    with translation.override("en"):
        assert days_left_text(days) == english


def test_rule_summary_names_the_binding_limit_and_the_last_day():
    stay = Stay(country="KZ", entry_date=date(2025, 1, 1), legal_basis="visa_free")
    deadline = StayDeadline(date(2025, 3, 31), "rule", "…", 90, RollingLimit(days=90, window_days=180))

    with translation.override("ru"):
        russian = deadline_summary(stay, deadline)
    with translation.override("en"):
        english = deadline_summary(stay, deadline)

    assert russian == (
        "Казахстан: не более 90 дней в любом 180-дневном периоде. "
        "Последний законный день этого пребывания — 31 марта 2025."
    )
    assert english == (
        "Kazakhstan: at most 90 days in any 180-day period. The last legal day of this stay is 31 March 2025."
    )


def test_per_entry_summary_and_other_kinds():
    visa_free = Stay(country="TR", entry_date=date(2025, 1, 1), legal_basis="visa_free")
    visa = Stay(country="RS", entry_date=date(2025, 1, 1), legal_basis="visa")
    asylum = Stay(country="RS", entry_date=date(2025, 1, 1), legal_basis="asylum_seeker")

    with translation.override("en"):
        per_entry = deadline_summary(
            visa_free, StayDeadline(date(2025, 3, 1), "rule", "", 60, PerEntryLimit(60))
        )
        assert per_entry == (
            f"{visa_free.country.name}: at most 60 days per entry. The last legal day of this stay is 1 March 2025."
        )
        assert deadline_summary(visa, StayDeadline(None, "unknown", "", None, None)).startswith(
            "The end date"
        )
        assert deadline_summary(visa, StayDeadline(date(2025, 6, 1), "authorisation", "", None, None)) == (
            "The visa is valid until 1 June 2025."
        )
        assert "asylum claim is pending" in deadline_summary(
            asylum, StayDeadline(None, "none", "", None, None)
        )
        assert "unlawful from its first day" in deadline_summary(
            visa_free, StayDeadline(date(2024, 12, 31), "already_exceeded", "", 91, PerEntryLimit(60))
        )
