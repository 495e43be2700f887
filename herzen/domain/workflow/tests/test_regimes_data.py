"""The documented policy regimes: Germany's 2025 suspension and resumption, with their sources."""

from datetime import date
from itertools import pairwise

from herzen.domain.provenance import Verified
from herzen.domain.workflow import PATHWAYS, REGIMES


def test_germany_suspended_in_mid_may_2025_and_resumed_in_mid_august_under_narrower_criteria() -> None:
    # when
    fast_track, suspension, resumption = REGIMES["de_22_2"]

    # then
    assert fast_track.fast_track
    assert fast_track.valid_until == date(2025, 5, 14)
    assert (suspension.status, suspension.valid_from) == ("suspended", date(2025, 5, 15))
    assert "already declared" in suspension.criteria
    assert (resumption.status, resumption.valid_from, resumption.valid_until) == (
        "open",
        date(2025, 8, 15),
        None,
    )
    assert not resumption.fast_track
    assert resumption.requires_reapplication
    assert "outstanding political significance" in resumption.criteria
    assert "years of public human-rights" in resumption.criteria


def test_every_regime_version_follows_the_previous_and_cites_a_source() -> None:
    for code, versions in REGIMES.items():
        assert code in PATHWAYS
        assert sum(1 for v in versions if v.status == "open") <= 1
        for earlier, later in pairwise(versions):
            assert earlier.valid_until is not None
            assert earlier.valid_until < later.valid_from
        for version in versions:
            assert version.source_note.sources
            assert version.source_note.verified is Verified.CONFIRMED


def test_the_czech_and_lithuanian_deciding_authorities() -> None:
    # then
    assert "Interior Ministry decides the long-term visa" in REGIMES["cz_civil_society"][0].deciding_authority
    assert "Migration Department" in REGIMES["lt_humanitarian_visa"][0].deciding_authority
    assert "annulled" in REGIMES["lt_humanitarian_visa"][0].criteria
