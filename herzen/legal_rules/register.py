"""The rules register: every legal rule Herzen encodes, with its sources, when it was last checked and how sure.

Gathered from where each rule lives — the stay rules and registration duties in force (the domain's defaults with
the deployment's files over them), the summons and extradition rules, the post-entry deadlines of the pathway
tables, the shipped screening rule sets and the documented policy regimes — so the register cannot drift from
what Herzen computes. A rule not checked for six months (or never) is flagged as stale. Nothing here is stored:
the register is read from the code and configuration every time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from herzen.domain.provenance import STALE_AFTER_MONTHS, SourceNote, Verified
from herzen.domain.risk.legal_notes import EXTRADITION_NOTE, SUMMONS_NOTE
from herzen.domain.rules import SHIPPED_RULE_SET_CODES, shipped_rule_set
from herzen.domain.workflow import PATHWAYS, REGIMES
from herzen.people.stay_rules import registration_duties, stay_rules


class RuleKind(StrEnum):
    STAY_RULE = "stay_rule"
    REGISTRATION_DUTY = "registration_duty"
    RISK_RULE = "risk_rule"
    POST_ENTRY_DEADLINE = "post_entry_deadline"
    SCREENING_RULE_SET = "screening_rule_set"
    POLICY_REGIME = "policy_regime"


@dataclass(frozen=True)
class RegisterEntry:
    """One encoded rule. `subject` is a country code (stay, registration, risk rules: "" for none) or a
    pathway code; `detail` says which rule of that subject (a deadline kind, a regime's start date, ...)."""

    key: str
    kind: RuleKind
    subject: str
    detail: str
    title: str  # English, for the exports a lawyer reads
    note: SourceNote

    def is_stale(self, as_of: date) -> bool:
        return self.note.is_stale(as_of)


def _stay_entries() -> list[RegisterEntry]:
    return [
        RegisterEntry(
            f"stay_rule:{country}",
            RuleKind.STAY_RULE,
            country,
            "",
            f"Visa-free legal stay of Russian citizens in {country}",
            rule.note,
        )
        for country, rule in sorted(stay_rules().items())
    ]


def _registration_entries() -> list[RegisterEntry]:
    return [
        RegisterEntry(
            f"registration_duty:{country}",
            RuleKind.REGISTRATION_DUTY,
            country,
            "",
            f"Registration duty in {country}",
            duty.source_note,
        )
        for country, duty in sorted(registration_duties().items())
    ]


def _risk_entries() -> list[RegisterEntry]:
    return [
        RegisterEntry(
            "risk_rule:mobilisation_summons",
            RuleKind.RISK_RULE,
            "RU",
            "mobilisation_summons",
            "Mobilisation summons: deemed served, exit ban, further restrictions",
            SUMMONS_NOTE,
        ),
        RegisterEntry(
            "risk_rule:extradition_exposure",
            RuleKind.RISK_RULE,
            "",
            "extradition_exposure",
            "Extradition exposure of people on interstate or Interpol wanted lists (KZ, KG, AM)",
            EXTRADITION_NOTE,
        ),
    ]


def _deadline_entries() -> list[RegisterEntry]:
    entries: dict[str, RegisterEntry] = {}
    for code, pathway in PATHWAYS.items():
        for transition in pathway.transitions:
            for rule in transition.deadlines:
                if rule.source_note is None:
                    continue  # a date the authority gives (a visa's validity), not a rule of law
                key = f"post_entry_deadline:{code}:{rule.kind}:{transition.name}"
                entries[key] = RegisterEntry(
                    key,
                    RuleKind.POST_ENTRY_DEADLINE,
                    code,
                    rule.kind,
                    f"{pathway.name}: {rule.kind.replace('_', ' ')} (set by '{transition.name}')",
                    rule.source_note,
                )
    return [entries[key] for key in sorted(entries)]


def _rule_set_entries() -> list[RegisterEntry]:
    entries = []
    for code in SHIPPED_RULE_SET_CODES:
        rule_set = shipped_rule_set(code)
        entries.append(
            RegisterEntry(
                f"screening_rule_set:{code}",
                RuleKind.SCREENING_RULE_SET,
                code,
                rule_set.version,
                f"Screening rule set: {rule_set.title} (version {rule_set.version})",
                rule_set.source_note,
            )
        )
    return entries


def _regime_entries() -> list[RegisterEntry]:
    return [
        RegisterEntry(
            f"policy_regime:{code}:{version.valid_from.isoformat()}",
            RuleKind.POLICY_REGIME,
            code,
            version.valid_from.isoformat(),
            f"Policy regime: {version.name}",
            version.source_note,
        )
        for code, versions in sorted(REGIMES.items())
        for version in versions
    ]


def legal_rules() -> list[RegisterEntry]:
    """Every encoded legal rule, grouped by kind in the order of RuleKind."""
    return [
        *_stay_entries(),
        *_registration_entries(),
        *_risk_entries(),
        *_deadline_entries(),
        *_rule_set_entries(),
        *_regime_entries(),
    ]


def rules_without_source(entries: Iterable[RegisterEntry]) -> list[RegisterEntry]:
    return [entry for entry in entries if not entry.note.has_source]


# --- exports for a lawyer -------------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "key",
    "kind",
    "subject",
    "title",
    "verified",
    "last_checked",
    "stale",
    "summary",
    "conflict",
    "sources",
)


def export_row(entry: RegisterEntry, as_of: date) -> dict[str, Any]:
    note = entry.note
    return {
        "key": entry.key,
        "kind": entry.kind.value,
        "subject": entry.subject,
        "title": entry.title,
        "verified": note.verified.value,
        "last_checked": note.last_checked.isoformat() if note.last_checked else None,
        "stale": entry.is_stale(as_of),
        "summary": note.summary,
        "conflict": note.conflict,
        "sources": [
            {"body": s.body, "document": s.document, "dated": s.dated, "url": s.url} for s in note.sources
        ],
    }


def export_json(entries: Iterable[RegisterEntry], as_of: date) -> str:
    document = {
        "as_of": as_of.isoformat(),
        "stale_after_months": STALE_AFTER_MONTHS,
        "rules": [export_row(entry, as_of) for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def export_csv(entries: Iterable[RegisterEntry], as_of: date) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for entry in entries:
        row = export_row(entry, as_of)
        row["sources"] = " | ".join(source.citation() for source in entry.note.sources)
        row["stale"] = "yes" if row["stale"] else "no"
        row["last_checked"] = row["last_checked"] or ""
        writer.writerow([row[column] for column in EXPORT_COLUMNS])
    return buffer.getvalue()


def summary_counts(entries: Iterable[RegisterEntry], as_of: date) -> dict[str, int]:
    entries = list(entries)
    return {
        "rules": len(entries),
        **{status.value: sum(1 for e in entries if e.note.verified is status) for status in Verified},
        "stale": sum(1 for e in entries if e.is_stale(as_of)),
        "without_source": len(rules_without_source(entries)),
    }
