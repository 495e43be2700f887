"""Translated words for what screening and the pathway tables ship in English as data: rule-set titles and
criterion labels (herzen/domain/rules/rule_sets/*.json), the facts the rules read, the codes those facts hold,
the pathways' legal bases, and the names of the policy regimes the demo opens.

Data stay in English (an authority abroad and an outside auditor read the same rule sets); a page shows them
through `shipped_text`, which translates a text Herzen shipped and leaves anything an operator typed as it is.
`herzen/pathways/tests/test_screening_labels.py` fails when a shipped text has no entry here.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_noop as _
from django_countries import countries

from herzen.domain.rules.vocabulary import VOCABULARY
from herzen.people.choices import CriminalStage, RiskFactorKind, Vulnerability, WantedScope

SHIPPED_TEXTS = frozenset(
    {
        # Rule-set titles
        _("Czech Republic: Civil Society programme (quota 500 a year)"),
        _("Germany: humanitarian admission under § 22 sentence 2 of the Residence Act"),
        _("France: visa to enter and claim asylum (visa au titre de l'asile)"),
        _("Lithuania: national visa on humanitarian grounds"),
        _("Latvia: national visa on humanitarian grounds"),
        _("Poland: national visa on humanitarian grounds"),
        _("Refugee status with a refugee travel document"),
        _("National work visa or permit (generic)"),
        # Criteria
        _(
            "Declares unconditional recognition of Russia's borders as of 1 January 1992 (Crimea and all "
            "occupied territories are Ukraine)"
        ),
        _("Declares support for a broad, deep de-Stalinisation and de-imperialisation of Russia"),
        _(
            "Works in civil society: journalist, human-rights defender, NGO worker, lawyer, academic or artist"
        ),
        _("Nominated by a Czech organisation"),
        _("Holds a valid international passport"),
        _("Is outside Russia"),
        _("Is outside Russia (where the application is made; not a condition the sources state)"),
        _("The legal stay in the transit country ends within 30 days (urgency, not eligibility)"),
        _(
            "Faces individual danger: a criminal case, a foreign-agent listing, a mobilisation summons, an exit "
            "ban or passport refusal, or a wanted list"
        ),
        _(
            "Faces individual danger: a criminal case, a foreign-agent listing, an exit ban or passport refusal, "
            "or a wanted list (a mobilisation summons alone is not covered: Germany does not admit mobilisation "
            "evaders as such)"
        ),
        _(
            "Faces individual danger: a criminal case, a foreign-agent listing, a mobilisation summons (assessed "
            "case by case), an exit ban or passport refusal, or a wanted list"
        ),
        _(
            "Faces individual danger: a criminal case, a foreign-agent listing, an exit ban or passport refusal, "
            "or a wanted list (a mobilisation summons alone does not count: Latvia refuses mobilisation evaders)"
        ),
        _(
            "The danger is more than a mobilisation summons (Lithuania assesses a summons case by case: a summons "
            "alone needs the ministry's individual assessment)"
        ),
        _("The danger is backed by evidence on file"),
        _(
            "Has done public human-rights, journalistic or civil-society work for years (at least two), the "
            "criterion of the August 2025 resumption"
        ),
        _("A recognised organisation refers and vouches for the person"),
        _("Has ties to Germany (weighed by the foreign ministry, not a condition)"),
        _("Holds a valid international passport (otherwise Germany may issue a travel document)"),
        _("Has ties to France (weighed, not a condition)"),
        _("A recognised organisation recommends the person"),
        _("An organisation supports the application (helps, not a condition)"),
        _("Is in the destination country, where the claim is made"),
        _("Holds a job offer from an employer in the destination"),
        _("Is at least 18 years old"),
        _("Holds a qualification recognised in the destination (often asked for)"),
        _("Can show the means of subsistence (often asked for)"),
        # The policy regimes the demo opens (herzen/demo/applications.py): Germany's documented ones
        # (herzen/domain/workflow/regimes.py) and the default history of every other pathway
        _("Fast track for at-risk Russian and Belarusian civil society (May 2022)"),
        _("Admissions suspended (mid-May 2025)"),
        _("Standard individual procedure under narrower criteria (mid-August 2025)"),
        _("Rules of 2022"),
        _("Rules of 2024"),
        _("Rules of 2025"),
        # Earlier wordings: a regime keeps the name and the rule set it was created with, so a database seeded
        # before the documented regimes (and their rule sets) still shows these.
        _("Fast track for Russian and Belarusian civil society (May 2022)"),
        _("Fast track, reviewed criteria (2024)"),
        _("Standard individual procedure (August 2025)"),
    }
)


def shipped_text(text: str) -> str:
    """`text` in the active language if Herzen shipped it, else as it was typed."""
    return gettext(text) if text in SHIPPED_TEXTS else text


LEGAL_BASES: dict[str, Promise] = {
    "de_22_2": gettext_lazy(
        "§ 22 sentence 2 Residence Act (AufenthG): residence permit after the Federal Interior Ministry declares "
        "admission to safeguard the political interests of Germany; two stages — admission declaration, then a "
        "national visa from the mission abroad; permit up to 3 years (§ 26(1)), residence obligation (§ 12a)."
    ),
    "cz_civil_society": gettext_lazy(
        "Government programme 'Občanská společnost' (approved 2022) for endangered Russian and Belarusian "
        "civil-society representatives, journalists and academics, run by the Foreign Ministry with NGOs; "
        "long-term visa or residence permit. Long-term visas are decided exclusively by the Interior Ministry; "
        "the mission takes the application and affixes the visa."
    ),
    "lv_humanitarian_visa": gettext_lazy(
        "Latvian national (D) visa on humanitarian grounds, decided by the Foreign Ministry; any negative "
        "finding of the security services refuses the application."
    ),
    "lt_humanitarian_visa": gettext_lazy(
        "Lithuanian national visa on humanitarian grounds; an application is accepted only when the Foreign "
        "Ministry mediates it; the Migration Department under the Interior Ministry decides visas and residence "
        "permits, after an individual assessment with a national-security check."
    ),
    "pl_humanitarian_visa": gettext_lazy(
        "Polish national (D) visa for humanitarian reasons, applied for and decided at a Polish consulate; "
        "used for persecuted persons and opposition members (452 such visas in early 2024)."
    ),
    "fr_asylum_visa": gettext_lazy(
        "Visa au titre de l'asile: a visa to enter France and then claim asylum (prefecture, then OFPRA); "
        "decided only by the minister in charge of asylum; an asylum path, not a residence permit."
    ),
    "work_visa": gettext_lazy(
        "The destination country's ordinary national work visa: consulate and labour authority, then a work "
        "or residence permit after entry; for people outside the humanitarian criteria."
    ),
    "refugee_status": gettext_lazy(
        "1951 Refugee Convention and the destination's asylum law: the claim is made on the territory; the "
        "asylum authority decides; a recognised refugee receives a Convention travel document."
    ),
}


def legal_basis(code: str, english: str) -> str:
    """The pathway's legal basis in the active language; the table's English if the pathway is newer."""
    return str(LEGAL_BASES[code]) if code in LEGAL_BASES else english


# The facts screening reads (herzen.domain.rules.vocabulary), by name: a page never shows the name itself.
FACT_NAMES: dict[str, Promise] = {
    "declares_borders_of_1992": gettext_lazy("Declares Russia's borders as of 1 January 1992"),
    "declares_destalinisation_and_deimperialisation": gettext_lazy(
        "Declares support for de-Stalinisation and de-imperialisation"
    ),
    "risk_factor_kinds": gettext_lazy("Current risk factors"),
    "criminal_stages": gettext_lazy("Stages of current criminal cases"),
    "criminal_articles": gettext_lazy("Criminal Code articles of current criminal cases"),
    "wanted_scopes": gettext_lazy("Wanted lists the person is on"),
    "vulnerabilities": gettext_lazy("Vulnerabilities recorded"),
    "risk_is_documented": gettext_lazy("The danger is backed by evidence on file"),
    "current_country": gettext_lazy("Country the person is in now"),
    "is_outside_russia": gettext_lazy("The person is outside Russia"),
    "is_in_destination_country": gettext_lazy("The person is in the destination country"),
    "stay_deadline": gettext_lazy("Last legal day of the stay in the transit country"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "citizenships": gettext_lazy("Citizenships"),
    "has_valid_passport": gettext_lazy("Holds a valid international passport"),
    "has_vouching_organisation": gettext_lazy("An organisation recognised by the destination vouches"),
    "has_ties_to_destination": gettext_lazy("Has ties to the destination country"),
    "civil_society_roles": gettext_lazy("Role in civil society"),
    "has_job_offer": gettext_lazy("Holds a job offer in the destination"),
    "has_recognised_qualification": gettext_lazy("Holds a qualification recognised in the destination"),
    "has_sufficient_funds": gettext_lazy("Can show the means of subsistence required"),
    "household_size": gettext_lazy("Number of people in the household"),
    "years_of_public_activity": gettext_lazy(
        "Years of public human-rights, journalistic or civil-society work"
    ),
}

CIVIL_SOCIETY_ROLES: dict[str, Promise] = {
    "journalist": gettext_lazy("journalist"),
    "human_rights_defender": gettext_lazy("human-rights defender"),
    "ngo_worker": gettext_lazy("NGO worker"),
    "lawyer": gettext_lazy("lawyer"),
    "academic": gettext_lazy("academic"),
    "artist": gettext_lazy("artist"),
    "medic": gettext_lazy("medic"),
}

# The labels of the codes a CODES fact holds, by fact.
_CODE_LABELS: dict[str, dict[str, Promise]] = {
    "risk_factor_kinds": dict(RiskFactorKind.choices),
    "criminal_stages": dict(CriminalStage.choices),
    "wanted_scopes": dict(WantedScope.choices),
    "vulnerabilities": dict(Vulnerability.choices),
    "civil_society_roles": CIVIL_SOCIETY_ROLES,
}
_COUNTRY_FACTS = {"current_country", "citizenships"}


def fact_name(name: str) -> str:
    """A fact's translated name; the vocabulary's English description for a fact newer than this table."""
    if name in FACT_NAMES:
        return str(FACT_NAMES[name])
    definition = VOCABULARY.get(name)
    return definition.description if definition is not None else name.replace("_", " ")


def fact_value(name: str, value: object) -> str:
    """A fact's value as words: yes/no, a date in the active language, labels and country names for codes."""
    if value is None:
        return gettext("not known")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, date):
        return date_format(value, "j E Y")
    if isinstance(value, frozenset | set | tuple | list):
        return ", ".join(sorted(_code(name, str(item)) for item in value)) or "—"
    if isinstance(value, str):
        return _code(name, value)
    return str(value)


def _code(fact: str, code: str) -> str:
    if fact in _COUNTRY_FACTS:
        return str(countries.name(code)) or code
    labels = _CODE_LABELS.get(fact)
    return str(labels[code]) if labels and code in labels else code
