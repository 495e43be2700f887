"""Importers for the published sanctions lists: EU consolidated (FSF XML), UN consolidated (XML), OFAC SDN (XML).

Each becomes a tuple of `ListedPerson`s: the list's own id, every name and alias, dates (or years) of birth and
nationalities. Only individuals are kept; payees are people. Parsing never resolves entities or the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lxml import etree


class ListSource(StrEnum):
    EU = "eu"
    UN = "un"
    OFAC = "ofac"


class ListFormatError(ValueError):
    pass


@dataclass(frozen=True)
class ListedName:
    surname: str  # may be empty when the list gives one whole name
    given: str
    whole: str  # the name as the list writes it


@dataclass(frozen=True)
class ListedPerson:
    source: ListSource
    entry_id: str
    names: tuple[ListedName, ...]
    births: tuple[str, ...]  # "YYYY-MM-DD" or "YYYY"
    nationalities: tuple[str, ...]  # ISO 3166-1 alpha-2 where the list gives it, else the country's name


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


def _root(content: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ListFormatError(str(error)) from None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _all(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element.iter() if _local(child) == name]


def _direct(element: etree._Element, name: str) -> str:
    for child in element:
        if _local(child) == name:
            return (child.text or "").strip()
    return ""


def _name(surname: str, given: str, whole: str = "") -> ListedName:
    whole = whole or " ".join(part for part in (given, surname) if part)
    return ListedName(surname.strip(), given.strip(), whole.strip())


def parse_eu(content: bytes) -> tuple[ListedPerson, ...]:
    """The EU Financial Sanctions Files XML (export/sanctionEntity, version 1.1)."""
    root = _root(content)
    people = []
    for entity in _all(root, "sanctionEntity"):
        subject = next((s for s in _all(entity, "subjectType") if s.get("code") == "person"), None)
        if subject is None:
            continue
        names = tuple(
            _name(alias.get("lastName", ""), " ".join(filter(None, [alias.get("firstName"), alias.get("middleName")])),
                  alias.get("wholeName", ""))
            for alias in _all(entity, "nameAlias")
            if alias.get("wholeName") or alias.get("lastName")
        )  # fmt: skip
        births = tuple(b.get("birthdate") or b.get("year") or "" for b in _all(entity, "birthdate"))
        nationalities = tuple(c.get("countryIso2Code", "") for c in _all(entity, "citizenship"))
        people.append(
            ListedPerson(ListSource.EU, entity.get("logicalId", ""), names, tuple(filter(None, births)),
                         tuple(filter(None, nationalities)))
        )  # fmt: skip
    if not people and _local(root) != "export":
        raise ListFormatError("not an EU Financial Sanctions Files export")
    return tuple(people)


def parse_un(content: bytes) -> tuple[ListedPerson, ...]:
    """The UN Security Council consolidated list XML (CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL)."""
    root = _root(content)
    if _local(root) != "CONSOLIDATED_LIST":
        raise ListFormatError("not a UN consolidated list")
    people = []
    for person in _all(root, "INDIVIDUAL"):
        given = " ".join(filter(None, [_direct(person, "FIRST_NAME"), _direct(person, "THIRD_NAME")]))
        surname = _direct(person, "SECOND_NAME")
        names = [_name(surname, given)]
        names += [
            _name("", "", _direct(a, "ALIAS_NAME"))
            for a in _all(person, "INDIVIDUAL_ALIAS")
            if _direct(a, "ALIAS_NAME")
        ]
        births = tuple(
            _direct(b, "DATE") or _direct(b, "YEAR") for b in _all(person, "INDIVIDUAL_DATE_OF_BIRTH")
        )
        nationalities = tuple(_direct(n, "VALUE") for n in _all(person, "NATIONALITY"))
        people.append(
            ListedPerson(ListSource.UN, _direct(person, "REFERENCE_NUMBER") or _direct(person, "DATAID"),
                         tuple(names), tuple(filter(None, births)), tuple(filter(None, nationalities)))
        )  # fmt: skip
    return tuple(people)


def _ofac_date(text: str) -> str:
    parts = text.replace(",", " ").split()
    if len(parts) == 3 and parts[1][:3].lower() in _MONTHS and parts[0].isdigit() and parts[2].isdigit():
        return f"{int(parts[2]):04d}-{_MONTHS[parts[1][:3].lower()]:02d}-{int(parts[0]):02d}"
    return parts[-1] if parts and parts[-1].isdigit() else ""


def parse_ofac(content: bytes) -> tuple[ListedPerson, ...]:
    """OFAC's SDN list as sdn.xml (sdnList/sdnEntry)."""
    root = _root(content)
    if _local(root) != "sdnList":
        raise ListFormatError("not an OFAC SDN list")
    people = []
    for entry in _all(root, "sdnEntry"):
        if _direct(entry, "sdnType") != "Individual":
            continue
        names = [_name(_direct(entry, "lastName"), _direct(entry, "firstName"))]
        names += [_name(_direct(a, "lastName"), _direct(a, "firstName")) for a in _all(entry, "aka")]
        births = tuple(_ofac_date(_direct(b, "dateOfBirth")) for b in _all(entry, "dateOfBirthItem"))
        nationalities = tuple(_direct(n, "country") for n in _all(entry, "nationality"))
        people.append(
            ListedPerson(ListSource.OFAC, _direct(entry, "uid"), tuple(names), tuple(filter(None, births)),
                         tuple(filter(None, nationalities)))
        )  # fmt: skip
    return tuple(people)


PARSERS = {ListSource.EU: parse_eu, ListSource.UN: parse_un, ListSource.OFAC: parse_ofac}
