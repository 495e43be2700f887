"""Estimates by others, shown beside Herzen's figures and never added to them: each says what it measures.

Sources: ../shared/research/domain.md §5 ("How many left, and where") and ../shared/DOMAIN.md ("Numbers,
honestly"). These are not counts of the same thing as each other, nor as Herzen's tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ExternalEstimate:
    source: str
    published: str
    value: str
    measures: Promise
    url: str


EXTERNAL_ESTIMATES: tuple[ExternalEstimate, ...] = (
    ExternalEstimate(
        "Re:Russia",
        "2023-07",
        "820 000 – 920 000",
        _("People who left Russia after 24 February 2022, compiled from host countries' data"),
        "https://re-russia.net/en/review/347/",
    ),
    ExternalEstimate(
        "The Bell",
        "2024-07",
        "≥ 650 000",
        _("People who left after February 2022 and are still abroad, from about 70 host countries' data"),
        "https://www.themoscowtimes.com/2024/07/17/around-650k-russian-wartime-emigres-remain-abroad-the-bell-a85738",
    ),
    ExternalEstimate(
        "Florinskaya & Raksha",
        "2022",
        "400 000 – 800 000",
        _("Demographers' range of people who left in 2022"),
        "https://ukrainetoday.org/2023/02/04/",
    ),
    ExternalEstimate(
        "FSB border service",
        "2022",
        "24 300 000",
        _("Outbound border crossings in 2022: trips, not people"),
        "https://ukrainetoday.org/2023/02/04/",
    ),
)
