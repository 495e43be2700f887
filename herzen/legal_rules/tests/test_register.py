"""The rules register lists every encoded legal rule with a source; stale rules are flagged; exports parse."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from herzen.domain.provenance import Verified
from herzen.domain.rules import SHIPPED_RULE_SET_CODES
from herzen.domain.workflow import REGIMES
from herzen.legal_rules.register import RuleKind, export_csv, export_json, legal_rules, rules_without_source
from herzen.people.stay_rules import registration_duties, stay_rules


@pytest.fixture
def fresh_rules():
    """The rules in force are read once per process; a test that changes the deployment's files reads again."""
    stay_rules.cache_clear()
    registration_duties.cache_clear()
    yield
    stay_rules.cache_clear()
    registration_duties.cache_clear()


def test_no_encoded_rule_is_without_a_source():
    # when
    entries = legal_rules()

    # then
    assert rules_without_source(entries) == []
    assert all(source.url.startswith("http") for entry in entries for source in entry.note.sources)


def test_the_register_covers_every_kind_of_rule():
    # when
    keys = {entry.key for entry in legal_rules()}
    kinds = {entry.kind for entry in legal_rules()}

    # then
    assert kinds == set(RuleKind)
    assert {f"stay_rule:{country}" for country in stay_rules()} <= keys
    assert {f"registration_duty:{country}" for country in registration_duties()} <= keys
    assert {f"screening_rule_set:{code}" for code in SHIPPED_RULE_SET_CODES} <= keys
    assert {
        f"policy_regime:{code}:{version.valid_from.isoformat()}"
        for code, versions in REGIMES.items()
        for version in versions
    } <= keys
    assert {
        "post_entry_deadline:de_22_2:residence_permit_application_due:record_entry",
        "post_entry_deadline:fr_asylum_visa:ofpra_file_due:record_asylum_claim",
        "post_entry_deadline:fr_asylum_visa:asylum_claim_window:record_entry",
        "post_entry_deadline:refugee_status:appeal_due:refuse",
        "post_entry_deadline:refugee_status:appeal_due:refuse_as_manifestly_unfounded",
        "risk_rule:mobilisation_summons",
        "risk_rule:extradition_exposure",
    } <= keys


def test_conflicting_rules_name_both_sources_and_the_conflict():
    # when
    conflicting = [e for e in legal_rules() if e.note.verified is Verified.CONFLICTING]

    # then Armenia's year, Kazakhstan's and Kyrgyzstan's registration, the summons and the appeal at least
    assert {"stay_rule:AM", "registration_duty:KZ", "registration_duty:KG"} <= {e.key for e in conflicting}
    assert all(len(e.note.sources) >= 2 and e.note.conflict for e in conflicting)


def test_a_rule_not_checked_for_six_months_is_flagged(fresh_rules, settings, tmp_path):
    # given a deployment's correction for Serbia last checked in January 2026
    path = tmp_path / "stay.json"
    path.write_text(
        json.dumps(
            {
                "RS": {
                    "limits": [{"per_entry_days": 30}],
                    "source_note": {
                        "summary": "30 days",
                        "sources": [
                            {"body": "MUP", "document": "Law on Foreigners", "url": "http://www.mup.gov.rs/"}
                        ],
                        "last_checked": "2026-01-10",
                        "verified": "confirmed",
                    },
                }
            }
        )
    )
    settings.HERZEN_STAY_RULES_FILE = str(path)

    # when
    serbia = next(e for e in legal_rules() if e.key == "stay_rule:RS")

    # then stale on 11 July 2026 (six months and a day later), not on 9 July
    assert serbia.is_stale(date(2026, 7, 11))
    assert not serbia.is_stale(date(2026, 7, 9))
    never_checked = next(e for e in legal_rules() if e.key == "screening_rule_set:work_visa")
    assert never_checked.is_stale(date(2026, 7, 9))


def test_exports_for_a_lawyer_carry_sources_dates_and_status():
    # given
    entries = legal_rules()
    as_of = date(2026, 12, 7)

    # when
    as_json = json.loads(export_json(entries, as_of))
    as_csv = list(csv.DictReader(io.StringIO(export_csv(entries, as_of))))

    # then
    armenia = next(row for row in as_json["rules"] if row["key"] == "stay_rule:AM")
    assert armenia["verified"] == "conflicting"
    assert armenia["last_checked"] == "2026-12-07"
    assert armenia["sources"][0]["url"].startswith("http")
    assert len(as_csv) == len(entries)
    kyrgyz = next(row for row in as_csv if row["key"] == "registration_duty:KG")
    assert kyrgyz["verified"] == "conflicting"
    assert "cbd.minjust.gov.kg" in next(r for r in as_csv if r["key"] == "stay_rule:KG")["sources"]
    assert {row["stale"] for row in as_csv} <= {"yes", "no"}


def test_the_command_lists_every_rule_and_exports_json():
    # when
    text, exported = io.StringIO(), io.StringIO()
    call_command("rules", "report", stdout=text)
    call_command("rules", "report", "--format", "json", "--as-of", "2026-12-07", stdout=exported)

    # then
    assert "stay_rule:AM  [conflicting]" in text.getvalue()
    assert "0 without a source" in text.getvalue()
    assert len(json.loads(exported.getvalue())["rules"]) == len(legal_rules())


def test_the_command_fails_when_a_rule_has_no_source(fresh_rules, settings, tmp_path):
    # given a deployment's rule with a plain-text note and no source
    path = tmp_path / "stay.json"
    path.write_text(
        json.dumps({"ME": {"limits": [{"per_entry_days": 30}], "source_note": "heard it somewhere"}})
    )
    settings.HERZEN_STAY_RULES_FILE = str(path)

    # when / then
    with pytest.raises(CommandError, match="stay_rule:ME"):
        call_command("rules", "report", stdout=io.StringIO())
