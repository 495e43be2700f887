"""Sources of the risk rules that are not country tables: the summons clock and extradition exposure.

They are listed in the rules register with the stay rules and registration duties (herzen rules report).
"""

from __future__ import annotations

from datetime import date

from herzen.domain.provenance import Source, SourceNote, Verified

SUMMONS_NOTE = SourceNote(
    summary=(
        "An electronic summons counts as served 7 days after it is posted to the register, and an exit ban "
        "follows. If the person does not appear within 20 days of the appearance date stated in the summons, "
        "further restrictions apply (sole-trader registration, property deals, driving, loans). The 20 days "
        "run from the appearance date, not the posting; without a recorded appearance date Herzen counts from "
        "the posting, the earliest possible day. When the exit ban starts is disputed: from the day the "
        "summons is deemed served, or from its posting."
    ),
    sources=(
        Source(
            body="Federal Assembly of the Russian Federation",
            document="Federal Law No. 127-FZ amending the Federal Law 'On military duty and military service' "
            "(electronic summons, restrictions after 20 days from the appearance date)",
            dated="2023-04-14",
            url="http://publication.pravo.gov.ru/",
        ),
        Source(
            body="OVD-Info",
            document="Explainer on electronic summonses and the unified military register (exit ban from "
            "the moment the summons is deemed served; in practice applied from posting)",
            dated="2024-11",
            url="https://ovd.info/",
        ),
    ),
    last_checked=date(2026, 12, 7),
    verified=Verified.CONFLICTING,
    conflict=(
        "The law ties the exit ban to the summons being served (7 days after posting); reports describe the "
        "register applying it from the posting. The earlier reading matters for anyone still in Russia: treat "
        "the ban as possible from the posting day."
    ),
)

EXTRADITION_NOTE = SourceNote(
    summary=(
        "A person on an interstate (CIS) or Interpol wanted list is exposed to detention and extradition to "
        "Russia in Kazakhstan and Kyrgyzstan; Armenia also detains people on Russian wanted lists, though it "
        "refuses most extradition requests."
    ),
    sources=(
        Source(
            body="Herzen research notes (../shared/DOMAIN.md, risk and urgency)",
            document="Wanted lists and extradition exposure in transit countries",
            dated="2025",
            url="https://ovd.info/",
        ),
        Source(
            body="Issue 20 review of the encoded rules",
            document="Extradition exposure: Armenia detains people on Russian wanted lists",
            dated="2026-12-07",
            url="https://www.amnesty.org/en/location/europe-and-central-asia/eastern-europe-and-central-asia/armenia/",
        ),
    ),
    verified=Verified.UNVERIFIED,
)
