"""The policy regimes the pathways have actually had, with dates, criteria and sources.

A policy regime (herzen.pathways.PolicyRegime) is one version of a pathway's policy; an application keeps the
regime it was decided under. These are the versions the sources document, so that a deployment (and the demo)
can create them with the right names and dates, and the rules register can list them with their sources.
Dates the sources give only to the month ("mid-May 2025") are encoded as the 15th and say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from herzen.domain.provenance import Source, SourceNote, Verified

_CHECKED = date(2026, 12, 7)


@dataclass(frozen=True)
class RegimeVersion:
    pathway: str
    name: str  # English; the register and the demo show it
    status: str  # "open", "suspended" or "closed", as PolicyRegimeStatus
    valid_from: date
    valid_until: date | None
    criteria: str  # who qualifies under this version, in the sources' words
    deciding_authority: str  # who decides, in the sources' words
    source_note: SourceNote
    fast_track: bool = False
    requires_reapplication: bool = False  # earlier applicants must apply again under this version


_BMI_ANSWER = Source(
    body="Federal Ministry of the Interior (Germany), answer to the Bundestag",
    document="Humanitarian admission of Russian nationals under § 22 sentence 2 AufenthG: suspension from mid-May "
    "2025, including visas for admissions already declared (hib Kurzmeldung 1106762)",
    dated="2025-08",
    url="https://www.bundestag.de/presse/hib/kurzmeldungen-1106762",
)
_DW_FREEZE = Source(
    body="Deutsche Welle",
    document="Deutscher Visa-Stopp: ungewisse Zukunft für Kremlkritiker (the freeze announced at the end of July)",
    dated="2025-07",
    url="https://amp.dw.com/de/deutscher-visa-stopp-ungewisse-zukunft-f%C3%BCr-kremlkritiker/a-73641559",
)
_RESUMPTION = Source(
    body="Federal Foreign Office and Federal Ministry of the Interior (Germany), as reported by Novaya Gazeta "
    "Europe",
    document="Germany to restore the frozen humanitarian visa programme, without the accelerated procedure",
    dated="2025-08-24",
    url="https://novayagazeta.eu/articles/2025/08/24/germany-to-restore-frozen-humanitarian-visa-programme-helping-anti-war-russians-en-news",
)
_PROFILES_2022 = Source(
    body="Federal Foreign Office, Federal Ministry of the Interior and the Federal Government Commissioner for "
    "Culture and the Media (Germany)",
    document="Profiles for the admission of at-risk Russian civil-society members, as reported by Deutsche Welle",
    dated="2022-05",
    url="https://www.dw.com/en/germany-to-ease-visa-procedure-for-at-risk-russians/a-61976141",
)

_VERSIONS = (
    RegimeVersion(
        pathway="de_22_2",
        name="Fast track for at-risk Russian and Belarusian civil society (May 2022)",
        status="suspended",
        valid_from=date(2022, 5, 1),
        valid_until=date(2025, 5, 14),
        criteria=(
            "Human-rights defenders; people who publicly opposed the war; staff of independent media and of "
            "organisations Russia lists as 'undesirable'; scientists and civil-society figures who opposed the "
            "war; close family. Mobilisation evaders as such not covered. Admission from third countries and "
            "from Russia possible."
        ),
        deciding_authority="Federal Foreign Office approves; Federal Ministry of the Interior declares admission",
        fast_track=True,
        source_note=SourceNote(
            summary="The accelerated procedure agreed in May 2022 for at-risk Russians and Belarusians.",
            sources=(_PROFILES_2022, _BMI_ANSWER),
            last_checked=_CHECKED,
            verified=Verified.CONFIRMED,
        ),
    ),
    RegimeVersion(
        pathway="de_22_2",
        name="Admissions suspended (mid-May 2025)",
        status="suspended",
        valid_from=date(2025, 5, 15),
        valid_until=date(2025, 8, 14),
        criteria="No admissions; the suspension also covered visas for admissions already declared.",
        deciding_authority="Federal Ministry of the Interior",
        source_note=SourceNote(
            summary=(
                "The Federal Interior Ministry dates the suspension to mid-May 2025 (the day is not given; encoded "
                "as 15 May); it was announced only at the end of July and also stopped visas for admissions "
                "already declared."
            ),
            sources=(_BMI_ANSWER, _DW_FREEZE),
            last_checked=_CHECKED,
            verified=Verified.CONFIRMED,
        ),
    ),
    RegimeVersion(
        pathway="de_22_2",
        name="Standard individual procedure under narrower criteria (mid-August 2025)",
        status="open",
        valid_from=date(2025, 8, 15),
        valid_until=None,
        criteria=(
            "Particularly exceptional cases of outstanding political significance: people with years of public "
            "human-rights or civil-society work who are individually and particularly endangered because of it. "
            "No fast track. Earlier applicants must apply again."
        ),
        deciding_authority="Federal Foreign Office approves; Federal Ministry of the Interior declares admission",
        requires_reapplication=True,
        source_note=SourceNote(
            summary=(
                "Resumed mid-August 2025 (the day is not given; encoded as 15 August) without the accelerated "
                "procedure, for particularly exceptional cases of outstanding political significance."
            ),
            sources=(_RESUMPTION, _BMI_ANSWER),
            last_checked=_CHECKED,
            verified=Verified.CONFIRMED,
        ),
    ),
    RegimeVersion(
        pathway="cz_civil_society",
        name="Civil Society programme (2022)",
        status="open",
        valid_from=date(2022, 6, 1),
        valid_until=None,
        criteria=(
            "Endangered Russian and Belarusian civil-society representatives, independent journalists and "
            "academics who publicly expressed a position and are in danger because of it; 500 people a year."
        ),
        deciding_authority=(
            "Foreign Ministry selects with NGOs; the Interior Ministry decides the long-term visa exclusively"
        ),
        source_note=SourceNote(
            summary=(
                "Proposed by the Foreign Ministry on 18 May 2022 and approved by the government (the start date "
                "is encoded as 1 June 2022). Long-term visas are decided exclusively by the Interior Ministry."
            ),
            sources=(
                Source(
                    body="Ministry of Foreign Affairs of the Czech Republic",
                    document="The MFA-proposed programme (Civil Society) was approved by the government",
                    dated="2022",
                    url="https://mzv.gov.cz/jnp/en/issues_and_press/archive/events_and_issues/x2022/the_mfa_proposed_program_was_approved_by.html",
                ),
                Source(
                    body="Ministry of Foreign Affairs of the Czech Republic, consular pages",
                    document="Long-term visas: the application is decided by the Ministry of the Interior",
                    dated="2025",
                    url="https://mzv.gov.cz/jnp/en/information_for_aliens/",
                ),
            ),
            last_checked=_CHECKED,
            verified=Verified.CONFIRMED,
        ),
    ),
    RegimeVersion(
        pathway="lv_humanitarian_visa",
        name="Humanitarian visas refused to mobilisation evaders (September 2022)",
        status="open",
        valid_from=date(2022, 9, 22),
        valid_until=None,
        criteria=(
            "Russians in danger, independent media staff first; people evading mobilisation are refused; any "
            "negative finding of the security services refuses the application."
        ),
        deciding_authority="Ministry of Foreign Affairs of Latvia",
        source_note=SourceNote(
            summary="From September 2022 Latvia refused humanitarian visas to people evading mobilisation.",
            sources=(
                Source(
                    body="Babel (reporting the Latvian Foreign Minister)",
                    document="Latvia will not issue visas to Russians fleeing mobilisation",
                    dated="2022-09-22",
                    url="https://babel.ua/en/news/84533-latvia-will-not-issue-visas-to-russians-fleeing-mobilization",
                ),
            ),
            last_checked=_CHECKED,
            verified=Verified.CONFIRMED,
        ),
    ),
    RegimeVersion(
        pathway="lt_humanitarian_visa",
        name="Residence permits annulled after repeated trips home (May 2025)",
        status="open",
        valid_from=date(2025, 5, 1),
        valid_until=None,
        criteria=(
            "Humanitarian national visa only when the Foreign Ministry mediates; the Migration Department "
            "decides after a national-security check; mobilisation summonses assessed case by case; a permit "
            "can be annulled after more than one trip to Russia or Belarus within 3 months."
        ),
        deciding_authority="Migration Department under the Ministry of the Interior of Lithuania",
        source_note=SourceNote(
            summary=(
                "Since May 2025 (the day is not given; encoded as 1 May) Lithuania can annul the residence permit "
                "of a Russian or Belarusian citizen who travels home more than once in 3 months; the Migration "
                "Department decides visas and permits."
            ),
            sources=(
                Source(
                    body="Migration Department under the Ministry of the Interior of Lithuania",
                    document="Residence permits of citizens of Russia and Belarus: trips to the country of origin",
                    dated="2025-05",
                    url="https://www.migracija.lt/",
                ),
                Source(
                    body="LRT (Lithuanian National Radio and Television)",
                    document="Lithuania to revoke residence permits of Russians and Belarusians travelling home",
                    dated="2025",
                    url="https://www.lrt.lt/en/news-in-english",
                ),
            ),
            last_checked=_CHECKED,
            verified=Verified.CONFIRMED,
        ),
    ),
)

REGIMES: Mapping[str, tuple[RegimeVersion, ...]] = MappingProxyType(
    {
        code: tuple(sorted((v for v in _VERSIONS if v.pathway == code), key=lambda v: v.valid_from))
        for code in {v.pathway for v in _VERSIONS}
    }
)
"""The documented regime versions per pathway code, oldest first."""
