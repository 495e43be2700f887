"""Titles of the rules register in the reader's language: built from each rule's kind and subject (country or
pathway), never from its English text, which stays in the exports for the lawyer."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext
from django_countries import countries

from herzen.domain.provenance import Verified
from herzen.legal_rules.register import RegisterEntry, RuleKind
from herzen.pathways.labels import DEADLINE_LABELS, PATHWAY_NAMES, label


def kind_label(kind: RuleKind) -> str:
    return {
        RuleKind.STAY_RULE: gettext("Legal stay"),
        RuleKind.REGISTRATION_DUTY: gettext("Registration duty"),
        RuleKind.RISK_RULE: gettext("Risk rule"),
        RuleKind.POST_ENTRY_DEADLINE: gettext("Deadline after entry"),
        RuleKind.SCREENING_RULE_SET: gettext("Screening rules"),
        RuleKind.POLICY_REGIME: gettext("Policy regime"),
    }[kind]


def status_label(verified: Verified) -> str:
    return {
        Verified.CONFIRMED: gettext("Confirmed by the sources"),
        Verified.CONFLICTING: gettext("Sources conflict: the earlier deadline is computed"),
        Verified.UNVERIFIED: gettext("Not checked against the law"),
    }[verified]


def entry_title(entry: RegisterEntry) -> str:
    country = str(countries.name(entry.subject)) if len(entry.subject) == 2 else ""
    pathway = label(PATHWAY_NAMES, entry.subject)  # type: ignore[arg-type]
    if entry.kind is RuleKind.STAY_RULE:
        return gettext("Visa-free stay of Russian citizens: %(country)s") % {"country": country}
    if entry.kind is RuleKind.REGISTRATION_DUTY:
        return gettext("Registration of a stay: %(country)s") % {"country": country}
    if entry.kind is RuleKind.RISK_RULE:
        if entry.detail == "mobilisation_summons":
            return gettext("Mobilisation summons: served, exit ban, further restrictions")
        return gettext("Extradition exposure on an interstate or Interpol wanted list")
    if entry.kind is RuleKind.POST_ENTRY_DEADLINE:
        return gettext("%(pathway)s: %(deadline)s") % {
            "pathway": pathway,
            "deadline": label(DEADLINE_LABELS, entry.detail),  # type: ignore[arg-type]
        }
    if entry.kind is RuleKind.SCREENING_RULE_SET:
        return gettext("Screening for %(pathway)s") % {"pathway": pathway}
    return gettext("%(pathway)s: policy regime in force from %(date)s") % {
        "pathway": pathway,
        "date": _long_date(entry.detail),
    }


def _long_date(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "j E Y")
