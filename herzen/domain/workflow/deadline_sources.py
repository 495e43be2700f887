"""The law behind each post-entry deadline of the pathway tables, for the rules register and the reader."""

from __future__ import annotations

from datetime import date

from herzen.domain.provenance import Source, SourceNote, Verified

_CHECKED = date(2026, 12, 7)

PERMIT_BEFORE_VISA_EXPIRES_DE = SourceNote(
    summary=(
        "After entering on the national visa, the person applies to the local immigration office "
        "(Ausländerbehörde) for the § 22 residence permit before the visa expires: an application made in time "
        "keeps the stay lawful until the office decides (§ 81(4) AufenthG); one made late does not."
    ),
    sources=(
        Source(
            body="Federal Ministry of Justice (Germany)",
            document="Residence Act (AufenthG), § 81(4): application for a residence title before the visa expires",
            dated="2024",
            url="https://www.gesetze-im-internet.de/aufenthg_2004/__81.html",
        ),
        Source(
            body="touring artists (German Federal Government-funded information portal)",
            document="Residence pursuant to Section 22 (2) AufenthG: apply for the permit within the visa's validity",
            dated="2025",
            url="https://touring-artists.info/en/visa-residence/to-germany-as-non-eu-citizen/residence-pursuant-to-section-22-2-aufenthg",
        ),
    ),
    last_checked=_CHECKED,
    verified=Verified.CONFIRMED,
)

PERMIT_BEFORE_VISA_EXPIRES_NATIONAL = SourceNote(
    summary=(
        "A national (D) visa is followed by a residence permit applied for in the destination before the visa "
        "expires; the rule is general to national visas and has not been checked country by country."
    ),
    sources=(
        Source(
            body="European Commission, EU Immigration Portal",
            document="Long-stay (national) visas and residence permits: apply for the permit before the visa ends",
            dated="2025",
            url="https://immigration-portal.ec.europa.eu/",
        ),
    ),
    verified=Verified.UNVERIFIED,
)

ASYLUM_CLAIM_WITHIN_90_DAYS_FR = SourceNote(
    summary=(
        "An asylum claim made without a legitimate reason more than 90 days after arrival in France may be "
        "examined under the accelerated procedure (CESEDA art. L. 531-27). Counted as French procedure counts: "
        "the day of arrival is not counted."
    ),
    sources=(
        Source(
            body="Légifrance (French Government)",
            document="Code de l'entrée et du séjour des étrangers et du droit d'asile (CESEDA), art. L. 531-27",
            dated="2021-05-01",
            url="https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070158/",
        ),
    ),
    last_checked=_CHECKED,
    verified=Verified.CONFIRMED,
)

OFPRA_FILE_21_DAYS_FR = SourceNote(
    summary=(
        "After the prefecture registers the claim and hands over the asylum certificate (attestation de demande "
        "d'asile), the OFPRA application file is due within 21 days (CESEDA art. R. 531-1); the day of the "
        "certificate is not counted."
    ),
    sources=(
        Source(
            body="OFPRA (French Office for the Protection of Refugees and Stateless Persons)",
            document="The asylum procedure: submit the OFPRA form within 21 days of registration",
            dated="2025",
            url="https://www.ofpra.gouv.fr/en/asylum/the-asylum-procedure",
        ),
        Source(
            body="Légifrance (French Government)",
            document="CESEDA art. R. 531-1: 21 days from the asylum certificate to lodge the claim with OFPRA",
            dated="2021-05-01",
            url="https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070158/",
        ),
    ),
    last_checked=_CHECKED,
    verified=Verified.CONFIRMED,
)

_APPEAL_SOURCES = (
    Source(
        body="Federal Ministry of Justice (Germany)",
        document="Asylum Act (AsylG), § 74(1): action within two weeks of service of the decision",
        dated="2024",
        url="https://www.gesetze-im-internet.de/asylvfg_1992/__74.html",
    ),
    Source(
        body="Federal Ministry of Justice (Germany)",
        document="Asylum Act (AsylG), § 36(3): one week when the claim is refused as manifestly unfounded",
        dated="2024",
        url="https://www.gesetze-im-internet.de/asylvfg_1992/__36.html",
    ),
    Source(
        body="Légifrance (French Government)",
        document="CESEDA art. L. 532-1: appeal to the CNDA within one month of notification",
        dated="2021-05-01",
        url="https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070158/",
    ),
)

APPEAL_TWO_WEEKS = SourceNote(
    summary=(
        "After a refusal, the appeal to the administrative court is due within two weeks (Germany, § 74(1) "
        "AsylG). The refugee-status table serves every destination, so it uses Germany's time limit, the "
        "shortest of the shipped destinations (France's CNDA allows one month). The law counts from the "
        "service of the decision, which is not recorded: Herzen counts from the decision date, the earlier."
    ),
    sources=_APPEAL_SOURCES,
    last_checked=_CHECKED,
    verified=Verified.CONFLICTING,
    conflict=(
        "Destinations differ (Germany: two weeks, or one week when manifestly unfounded; France: one month) "
        "and the German time limit runs from service, not from the decision date. The earliest reading is "
        "computed: the decision date plus the German time limit."
    ),
)

APPEAL_ONE_WEEK = SourceNote(
    summary=(
        "A claim refused as manifestly unfounded leaves one week to apply to the court (Germany, § 36(3) "
        "AsylG), counted here from the decision date (the earlier reading; the law counts from service)."
    ),
    sources=_APPEAL_SOURCES,
    last_checked=_CHECKED,
    verified=Verified.CONFLICTING,
    conflict=APPEAL_TWO_WEEKS.conflict,
)
