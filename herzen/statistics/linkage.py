"""Linking the organisations' Bloom-filter keys with anonlink, so a coalition count is of distinct people.

A release that counts people once runs a linkage round (herzen.statistics.services: `linkage_open`,
`linkage_encode`, `linkage_link`, `linkage_close`, each audited):

1. a secret is made for this round only, sealed with the round's own data key;
2. each organisation's persons are encoded with it on that organisation's behalf (`encode_organisation`:
   herzen.domain.statistics.linkage_keys, CLKs of the romanisation-proof skeletons of the names and the date
   of birth) and handed over as one sealed blob of (person, household, blocking tag, CLK) — no name;
3. anonlink compares the keys of all organisations at once, block by block (a keyed hash of the birth year),
   by their Sørensen–Dice coefficient, and its greedy solver groups at most one record per organisation
   per person (`link_groups`); each group becomes one identity per person and per household
   (`canonical_units`), which the release's contribution bound then counts once;
4. the secret and the keys are deleted as soon as the round is linked, the identities once the tables are
   computed, and the round's data key is shredded.
"""

from __future__ import annotations

import struct
import uuid
import warnings
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

from bitarray import bitarray

# anonlink 0.15 imports pkg_resources (setuptools < 81 is pinned for it) and warns that it is deprecated.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", UserWarning)
    import anonlink

from herzen.domain.statistics.linkage_keys import FILTER_BITS, ClkEncoder, LinkageKey, LinkagePerson

# Dice similarity above which two keys are taken for one person (tuned on the benchmark's synthetic
# coalition: spellings by different transliteration schemes and a typo now and then stay above it).
THRESHOLD = 0.87
SECRET_BYTES = 32
_BLOCK_BYTES = 8
_CLK_BYTES = FILTER_BITS // 8
_RECORD = struct.Struct(f">16s16s{_BLOCK_BYTES}s{_CLK_BYTES}s")


@dataclass(frozen=True)
class EncodedPerson:
    person_id: uuid.UUID
    household_id: uuid.UUID | None
    key: LinkageKey


def link(
    first: Sequence[LinkageKey], second: Sequence[LinkageKey], threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    """One-to-one matches between two organisations (index in first, index in second)."""
    matches = []
    for group in link_groups([first, second], threshold):
        ends = sorted(group)
        if len(ends) == 2 and ends[0][0] == 0 and ends[1][0] == 1:
            matches.append((int(ends[0][1]), int(ends[1][1])))
    return matches


def link_groups(
    datasets: Sequence[Sequence[LinkageKey]], threshold: float = THRESHOLD
) -> list[list[tuple[int, int]]]:
    """Groups of (organisation index, record index), at most one record per organisation in a group: the
    persons found in more than one organisation. Records in no group were found in one organisation only."""
    if sum(1 for keys in datasets if keys) < 2:
        return []
    blocks = [[key.block for key in keys] for keys in datasets]

    def blocking(dataset: int, record: int, _clk: object) -> list[Hashable]:
        return [blocks[dataset][record]]

    candidates = anonlink.candidate_generation.find_candidate_pairs(
        [[key.clk for key in keys] for keys in datasets],
        anonlink.similarities.dice_coefficient_accelerated,
        threshold,
        blocking_f=blocking,
    )
    return [sorted((int(d), int(r)) for d, r in group) for group in anonlink.solving.greedy_solve(candidates)]


def canonical_units(
    units: Sequence[Sequence[Hashable]], groups: Sequence[Sequence[tuple[int, int]]]
) -> dict[Hashable, Hashable]:
    """For each unit found to be one of another organisation, the unit it is counted as (the group's first):
    counting rows under these identities counts a person known to several organisations once. Units are
    joined transitively (a household two of whose members were found in two different households)."""
    parent: dict[Hashable, Hashable] = {}  # only units counted as another

    def root(unit: Hashable) -> Hashable:
        while unit in parent:
            unit = parent[unit]
        return unit

    for group in groups:
        members = [units[d][r] for d, r in group if units[d][r] is not None]
        for member in members[1:]:
            first, other = root(members[0]), root(member)
            if first != other:
                low, high = sorted((first, other), key=str)
                parent[high] = low
    return {unit: root(unit) for unit in parent}


def pack(encoded: Sequence[EncodedPerson]) -> bytes:
    """An organisation's keys as it hands them over: fixed-size records of ids, blocking tag and CLK."""
    out = bytearray()
    for item in encoded:
        household = item.household_id.bytes if item.household_id is not None else bytes(16)
        block = bytes.fromhex(item.key.block) if item.key.block else bytes(_BLOCK_BYTES)
        out += _RECORD.pack(item.person_id.bytes, household, block, item.key.clk.tobytes())
    return bytes(out)


def unpack(data: bytes) -> Iterator[EncodedPerson]:
    for person, household, block, clk_bytes in _RECORD.iter_unpack(data):
        clk = bitarray()
        clk.frombytes(clk_bytes)
        yield EncodedPerson(
            uuid.UUID(bytes=person),
            uuid.UUID(bytes=household) if any(household) else None,
            LinkageKey(clk, block.hex() if any(block) else ""),
        )


def encode_organisation(secret: bytes, organisation_id: object) -> list[EncodedPerson]:
    """One organisation's persons, encoded with the round's secret (what the organisation would run on its
    own side: only its own persons are read, and only their keys leave this function). Erased persons
    (crypto-shredded names) are not encoded: they stay counted per organisation."""
    from herzen.encryption.fields import ErasedText
    from herzen.encryption.keys import Owner, prefetch
    from herzen.people.models import Person

    encoder = ClkEncoder(secret)
    persons = (
        Person.objects.filter(organisation_id=organisation_id)
        .select_related("household_membership")
        .order_by("pk")
    )
    encoded: list[EncodedPerson] = []
    for chunk_start in range(0, persons.count(), 2000):
        chunk = list(persons[chunk_start : chunk_start + 2000])
        prefetch(Owner.of("person", person.pk) for person in chunk)
        for person in chunk:
            if isinstance(person.surname, ErasedText):
                continue
            born = person.date_of_birth
            membership = getattr(person, "household_membership", None)
            encoded.append(
                EncodedPerson(
                    person.pk,
                    membership.household_id if membership is not None else None,
                    encoder.encode(
                        LinkagePerson(person.given_name, person.surname, born.isoformat() if born else "")
                    ),
                )
            )
    return encoded
