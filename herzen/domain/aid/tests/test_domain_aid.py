"""Grant calculation, channels, the payout machine, SEPA files, status reports and sanctions screening."""

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from herzen.domain.accounting import AccountKind
from herzen.domain.aid.channels import ChannelError, ChannelKind, check_details
from herzen.domain.aid.crypto_addresses import AddressError, Network, check_address, eip55, tron_address
from herzen.domain.aid.grants import ProgrammeRulesError, calculate_grant, load_programme_rules
from herzen.domain.aid.payouts import MoveRefused, PayoutEvent, PayoutState, move_for
from herzen.domain.aid.sanctions_lists import ListSource, parse_eu, parse_ofac, parse_un
from herzen.domain.aid.sanctions_matching import HitStrength, Payee, SanctionsIndex
from herzen.domain.aid.sepa import CreditTransfer, Debtor, pain001
from herzen.domain.aid.status_reports import LineStatus, parse_camt054, parse_pain002
from herzen.domain.names import FullName

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 12, 7)
RULES: dict[str, Any] = {
    "eligibility": {
        "id": "aid_winter",
        "version": "2026-12",
        "title": "Winter support",
        "criteria": [
            {
                "id": "outside",
                "label": "Outside Russia",
                "condition": {"fact": "is_outside_russia", "is": True},
            }
        ],
    },
    "amounts": {"1": "300.00", "2": "450.00", "3": "550.00"},
    "per_extra_member": "80.00",
    "ceiling": "700.00",
    "tranches": 3,
    "interval_days": 30,
}


def test_grant_follows_the_table_the_ceiling_and_splits_into_tranches() -> None:
    rules = load_programme_rules(RULES, "EUR")
    two = calculate_grant(rules, {"is_outside_russia": True, "household_size": 2}, as_of=TODAY)
    assert two.total == 450_00
    assert [t.amount for t in two.tranches] == [150_00, 150_00, 150_00]
    assert [t.due for t in two.tranches] == [TODAY, date(2027, 1, 6), date(2027, 2, 5)]
    six = calculate_grant(rules, {"is_outside_russia": True, "household_size": 6}, as_of=TODAY)
    assert six.total == 700_00  # 550 + 3 * 80 = 790, capped
    assert [s.key for s in six.steps] == [
        "eligibility",
        "amount_with_extra_members",
        "ceiling_applied",
        "tranches",
    ]
    assert sum(t.amount for t in six.tranches) == 700_00


def test_a_household_that_is_not_eligible_gets_nothing_and_is_told_why() -> None:
    rules = load_programme_rules(RULES, "EUR")
    result = calculate_grant(rules, {"is_outside_russia": False, "household_size": 2}, as_of=TODAY)
    assert result.total == 0
    assert result.steps[0].values == {"recommendation": "not_eligible"}


def test_malformed_rules_are_refused() -> None:
    with pytest.raises(ProgrammeRulesError, match="ceiling"):
        load_programme_rules({**RULES, "ceiling": "1.001"}, "EUR")
    with pytest.raises(ProgrammeRulesError, match="amounts"):
        load_programme_rules({**RULES, "amounts": {"0": "1"}}, "EUR")


def test_channels_validate_their_details() -> None:
    sepa = check_details(
        ChannelKind.SEPA, {"account_holder": "Anna P", "iban": "DE89 3704 0044 0532 0130 00"}
    )
    assert sepa["iban"] == "DE89370400440532013000"
    assert sepa["bic"]  # derived from the IBAN's bank code
    with pytest.raises(ChannelError) as bad:
        check_details(ChannelKind.SEPA, {"account_holder": "A", "iban": "DE89370400440532013001"})
    assert bad.value.code == "invalid_iban"
    ge = check_details(
        ChannelKind.LOCAL_BANK,
        {"country": "ge", "account_holder": "A", "bank_name": "TBC", "iban": "GE29NB0000000101904917"},
    )
    assert ge["country"] == "GE"
    am = {
        "country": "AM",
        "account_holder": "A",
        "bank_name": "Ameriabank",
        "account_number": "1570 0000 1234 5678",
    }
    assert check_details(ChannelKind.LOCAL_BANK, am)["account_number"] == "1570000012345678"
    with pytest.raises(ChannelError):
        check_details(ChannelKind.LOCAL_BANK, {**am, "country": "TR"})


def test_crypto_addresses_are_checked_by_their_checksums() -> None:
    tron = tron_address(bytes(range(20)))
    assert check_address(Network.TRON, tron) == tron
    broken = tron[:-1] + ("A" if tron[-1] != "A" else "B")
    with pytest.raises(AddressError):
        check_address(Network.TRON, broken)
    eth = eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
    assert eth == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # the EIP-55 specification's own example
    assert check_address(Network.ETHEREUM, eth) == eth
    with pytest.raises(AddressError) as wrong_case:
        check_address(Network.ETHEREUM, eth.replace("a", "A", 1))
    assert wrong_case.value.code == "checksum"
    with pytest.raises(ChannelError):
        check_details(ChannelKind.CRYPTO, {"network": "ethereum", "address": eth.lower()})


def test_payout_moves_are_data_with_their_ledger_effect() -> None:
    send = move_for(PayoutState.APPROVED, PayoutEvent.SEND)
    assert (send.credit, send.debit) == (AccountKind.COMMITTED, AccountKind.IN_TRANSIT)
    fail = move_for(PayoutState.SENT, PayoutEvent.FAIL)
    assert (fail.target, fail.debit) == (PayoutState.FAILED, AccountKind.RETURNED)
    with pytest.raises(MoveRefused):
        move_for(PayoutState.PROPOSED, PayoutEvent.SEND)


def test_pain001_validates_against_the_vendored_xsd() -> None:
    xml = pain001(
        Debtor("Herzen Hilfe e.V.", "DE89370400440532013000", "COBADEFFXXX"),
        [
            CreditTransfer(
                "HZ-1", "Анна Петрова", "DE02120300000000202051", "BYLADEM1001", 150_00, "Grant tranche 1"
            ),
            CreditTransfer(
                "HZ-2", "Ivan Ivanov", "FR1420041010050500013M02606", "PSSTFRPPXXX", 99_99, "Tranche 2"
            ),
        ],
        execution=TODAY,
        message_id="HERZEN-BATCH-1",
    )
    schema_text = resources.files("herzen.domain.aid").joinpath("schemas", "pain.001.001.03.xsd").read_bytes()
    schema = etree.XMLSchema(etree.fromstring(schema_text))
    document = etree.fromstring(xml)
    schema.assertValid(document)
    assert document.findtext(".//{*}GrpHdr/{*}CtrlSum") == "249.99"
    assert [e.text for e in document.iter("{*}EndToEndId")] == ["HZ-1", "HZ-2"]


def test_pain002_and_camt054_lines_name_their_payouts() -> None:
    pain = (FIXTURES / "pain002_one_rejected.xml").read_text().format(ACCEPTED="HZ-1", REJECTED="HZ-2")
    lines = parse_pain002(pain.encode())
    assert [(line.end_to_end_id, line.status, line.reason) for line in lines] == [
        ("HZ-1", LineStatus.ACCEPTED, ""),
        ("HZ-2", LineStatus.REJECTED, "AC04"),
    ]
    camt = (FIXTURES / "camt054_return.xml").read_text().replace("{RETURNED}", "HZ-3")
    assert [(line.end_to_end_id, line.status) for line in parse_camt054(camt.encode())] == [
        ("HZ-3", LineStatus.REJECTED)
    ]


def _index() -> SanctionsIndex:
    people = (
        parse_eu((FIXTURES / "eu_excerpt.xml").read_bytes())
        + parse_un((FIXTURES / "un_excerpt.xml").read_bytes())
        + parse_ofac((FIXTURES / "ofac_excerpt.xml").read_bytes())
    )
    return SanctionsIndex(people)


def test_list_importers_keep_individuals_with_aliases_births_and_nationalities() -> None:
    index = _index()
    assert [(p.source, p.entry_id) for p in index.people] == [
        (ListSource.EU, "900101"),
        (ListSource.UN, "XXi.901"),
        (ListSource.OFAC, "99345"),
    ]
    ofac = index.people[2]
    assert ofac.births == ("1953-01-05",)
    assert [n.whole for n in ofac.names] == ["Sergey IVANOV", "Sergej IWANOW"]


def test_a_cyrillic_payee_is_found_under_the_lists_latin_spelling_and_explained() -> None:
    hits = _index().screen(Payee(FullName("Щукин", "Пётр", "Иванович"), date(1961, 3, 14), frozenset({"RU"})))
    assert len(hits) == 1
    hit = hits[0]
    assert hit.strength is HitStrength.STRONG
    assert hit.holds_payout
    surname = hit.steps[0]
    assert surname.key == "surname_matches"
    assert surname.values["entry"] == "900101"
    assert "icao_9303" in surname.values["schemes"]  # type: ignore[operator]
    assert [s.key for s in hit.steps][-2:] == ["birth_matches", "nationality_matches"]


def test_a_namesake_born_decades_apart_is_explained_but_not_held() -> None:
    hits = _index().screen(
        Payee(FullName("Иванов", "Сергей", "Петрович"), date(1990, 5, 1), frozenset({"RU"}))
    )
    assert [h.entry.entry_id for h in hits] == ["99345"]
    assert hits[0].strength is HitStrength.CONTRADICTED
    assert not hits[0].holds_payout
    assert hits[0].steps[2].values == {"years": 37}


def test_unknown_birth_date_holds_and_a_different_name_does_not_match() -> None:
    assert _index().screen(Payee(FullName("Жуковский", "Александр"), None, frozenset()))[0].holds_payout
    assert _index().screen(Payee(FullName("Петрова", "Анна"), None, frozenset())) == []
