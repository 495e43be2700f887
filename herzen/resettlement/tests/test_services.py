"""Resettlement services: a run proposes only what the validator accepts, hand edits are re-checked, offers fill
up, households answer, and every step is audited."""

from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Invalid, NotFound, PermissionDenied
from herzen.domain import matching
from herzen.domain.matching import jobs
from herzen.jobs.testing import run_queued
from herzen.resettlement import selectors, services
from herzen.resettlement.matching_input import household_of, instance_of, job_offer_of, placements_of
from herzen.resettlement.models import HouseholdNeeds, JobPlacement, MatchRun, Proposal, RunStatus
from herzen.resettlement.tests.factories import admitted_household, make_offer


def _run(actor, offers, country="DE"):
    run = services.match_run_start(actor=actor, destination_country=country, offer_ids=[o.pk for o in offers])
    run_queued()
    return MatchRun.objects.get(pk=run.pk)


def _assert_no_rule_broken(run):
    proposals = list(Proposal.objects.filter(run=run))
    needs = HouseholdNeeds.objects.filter(case_id__in=[p.case_id for p in proposals])
    instance = instance_of(needs, run.offers.all(), {})
    assert matching.validate(instance, placements_of(proposals)) == []


@pytest.fixture
def scene(caseworker_a, supervisor_a, open_regimes):
    """A family of four who speaks German with a sister in Leipzig, a single nurse, a wheelchair user who
    rules Dresden out; a 4-person flat in Leipzig, a 3-person accessible flat in Dresden, a clinic job."""
    family = admitted_household(
        caseworker_a, open_regimes, adults=2, children=2,
        profile={"languages": ["ru", "de"], "ties": [{"town": "Leipzig", "relation": "sister"}]},
        medical_needs="Asthma, inhaler daily",
    )  # fmt: skip
    nurse = admitted_household(caseworker_a, open_regimes, profile={"languages": ["ru"], "skills": ["nurse"]})
    wheelchair = admitted_household(
        caseworker_a, open_regimes, needs_accessible=True, profile={"vetoed_towns": ["Dresden"]}
    )
    leipzig = make_offer(supervisor_a, title="Flat Leipzig", town="Leipzig", capacity_persons=4)
    dresden = make_offer(
        supervisor_a, title="Flat Dresden", town="Dresden", capacity_persons=3, accessible=True
    )
    clinic = make_offer(supervisor_a, kind="job", title="Clinic", town="Dresden", capacity_persons=1,
                        child_beds=0, skills=["nurse"], required_languages=[])  # fmt: skip
    return {"family": family, "nurse": nurse, "wheelchair": wheelchair, "leipzig": leipzig, "dresden": dresden,
            "clinic": clinic}  # fmt: skip


def test_a_run_places_families_whole_explains_and_is_audited(supervisor_a, scene):
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"], scene["clinic"]])
    assert run.status == RunStatus.DONE
    assert run.proven_optimal
    _assert_no_rule_broken(run)
    by_case = {p.case_id: p for p in Proposal.objects.filter(run=run)}
    family = by_case[scene["family"].case_id]
    assert family.offer_id == scene["leipzig"].pk
    assert family.persons == 4
    parts = {part["part"]: part for part in family.explanation["parts"]}
    assert parts["ties"]["detail"] == "sister"
    assert by_case[scene["nurse"].case_id].offer_id == scene["dresden"].pk
    assert by_case[scene["wheelchair"].case_id].offer_id is None  # Dresden is vetoed, Leipzig not accessible
    assert AuditEvent.objects.filter(action="match_run.complete").count() == 1
    assert AuditEvent.objects.filter(action="proposal.create").count() == 3


def test_hand_edits_that_split_overfill_or_break_a_veto_are_refused(supervisor_a, scene):
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"]])
    by_case = {p.case_id: p for p in Proposal.objects.filter(run=run)}
    # The wheelchair user vetoed Dresden; Leipzig is not accessible; the nurse would overfill Leipzig.
    for case_key, offer in (("wheelchair", "dresden"), ("wheelchair", "leipzig"), ("nurse", "leipzig")):
        proposal = by_case[scene[case_key].case_id]
        with pytest.raises(Invalid) as refused:
            services.proposal_move(actor=supervisor_a, proposal_id=proposal.pk, offer_id=scene[offer].pk)
        assert "Nothing was changed" in str(refused.value.message)
        assert Proposal.objects.get(pk=proposal.pk).offer_id == proposal.offer_id
    # Moving the nurse out is fine, and so is moving her back; the run stays valid throughout.
    nurse = by_case[scene["nurse"].case_id]
    services.proposal_move(actor=supervisor_a, proposal_id=nurse.pk, offer_id=None)
    services.proposal_move(actor=supervisor_a, proposal_id=nurse.pk, offer_id=scene["dresden"].pk)
    _assert_no_rule_broken(run)
    assert AuditEvent.objects.filter(action="proposal.move").count() == 2


def test_sent_offers_fill_up_and_a_decline_returns_the_household_to_the_next_run(supervisor_a, scene):
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"]])
    services.match_run_send(actor=supervisor_a, run_id=run.pk)
    family = Proposal.objects.get(run=run, case_id=scene["family"].case_id)
    nurse = Proposal.objects.get(run=run, case_id=scene["nurse"].case_id)
    assert family.status == "sent"
    services.proposal_respond(actor=supervisor_a, case_id=family.case_id, proposal_id=family.pk, accept=True)
    services.proposal_respond(actor=supervisor_a, case_id=nurse.case_id, proposal_id=nurse.pk, accept=False)
    pool = set(selectors.match_pool(actor=supervisor_a, country="DE").values_list("case_id", flat=True))
    assert scene["nurse"].case_id in pool  # declining is never penalised
    assert scene["family"].case_id not in pool
    assert selectors.places_taken([scene["leipzig"].pk]) == {scene["leipzig"].pk: (4, 2)}
    second = _run(supervisor_a, [scene["leipzig"], scene["dresden"]])
    again = {p.case_id: p.offer_id for p in Proposal.objects.filter(run=second)}
    assert again[scene["nurse"].case_id] == scene["dresden"].pk
    assert scene["family"].case_id not in again


def test_an_answer_needs_the_households_own_case(supervisor_a, scene):
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"]])
    services.match_run_send(actor=supervisor_a, run_id=run.pk)
    family = Proposal.objects.get(run=run, case_id=scene["family"].case_id)
    with pytest.raises(NotFound):
        services.proposal_respond(
            actor=supervisor_a, case_id=scene["nurse"].case_id, proposal_id=family.pk, accept=True
        )


def test_caseworkers_cannot_run_and_other_organisations_see_nothing(caseworker_a, caseworker_b, scene):
    with pytest.raises(PermissionDenied):
        services.match_run_start(
            actor=caseworker_a, destination_country="DE", offer_ids=[scene["leipzig"].pk]
        )
    assert not selectors.match_pool(actor=caseworker_b, country="DE").exists()
    # Offers are published to every organisation; needs are not.
    assert selectors.offer_list(actor=caseworker_b).count() == 3
    assert selectors.needs_for_case(actor=caseworker_b, case_id=scene["family"].case_id) is None


def test_a_run_takes_the_programmes_latest_weights_and_records_which(supervisor_a, caseworker_a, scene):
    with pytest.raises(PermissionDenied):
        services.match_weights_set(actor=caseworker_a, destination_country="DE", employment=1, preference=1,
                                   ties_distance=1)  # fmt: skip
    services.match_weights_set(actor=supervisor_a, destination_country="DE", employment=1, preference=0.3,
                               ties_distance=0.2)  # fmt: skip
    latest = services.match_weights_set(actor=supervisor_a, destination_country="de", employment=2,
                                        preference=0.5, ties_distance=0)  # fmt: skip
    services.match_weights_set(actor=supervisor_a, destination_country="FR", employment=9, preference=9,
                               ties_distance=9)  # fmt: skip
    assert AuditEvent.objects.filter(action="match_weights.set").count() == 3
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"]])
    assert run.weights_version == latest
    assert run.weights == {"weights": {"employment": 2.0, "preference": 0.5, "ties_distance": 0.0}}
    own = services.match_run_start(actor=supervisor_a, destination_country="DE", offer_ids=[scene["leipzig"].pk],
                                   weights={"weights": {"employment": 1, "preference": 0, "ties_distance": 0}})  # fmt: skip
    assert own.weights_version is None


def test_a_household_arriving_now_is_placed_at_once_keeping_room_for_those_expected(supervisor_a, scene):
    """The nurse arrives now; the family of four is expected: the one flat for four is kept for the family."""
    offers = [scene["leipzig"], scene["dresden"]]
    with pytest.raises(Invalid):  # a household not in the pool cannot be placed
        services.match_run_start(actor=supervisor_a, destination_country="DE", offer_ids=[o.pk for o in offers],
                                 arrival_case_ids=[scene["family"].case_id, supervisor_a.organisation_id])  # fmt: skip
    run = services.match_run_start(actor=supervisor_a, destination_country="DE", offer_ids=[o.pk for o in offers],
                                   arrival_case_ids=[scene["nurse"].case_id])  # fmt: skip
    run_queued()
    run = MatchRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.DONE
    assert run.policy == "dynamic"
    proposal = Proposal.objects.get(run=run)  # only the household arriving now gets a proposal
    assert proposal.case_id == scene["nurse"].case_id
    assert proposal.offer_id == scene["dresden"].pk
    _assert_no_rule_broken(run)
    assert AuditEvent.objects.filter(action="match_run.start", target_id=str(run.pk)).exists()


def test_a_sponsorship_is_its_own_kind_given_after_the_home_in_the_homes_town(supervisor_a, scene):
    """The sponsor is not a place: it takes no persons, supports one household in Leipzig, and goes with the home."""
    sponsor = make_offer(supervisor_a, kind="sponsorship", title="Leipzig helpers", town="Leipzig",
                         capacity_persons=1, child_beds=0, local_languages=["de"])  # fmt: skip
    dresden_sponsor = make_offer(supervisor_a, kind="sponsorship", title="Dresden helpers", town="Dresden",
                                 capacity_persons=5, child_beds=0, local_languages=["ru"])  # fmt: skip
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"], sponsor, dresden_sponsor])
    assert run.status == RunStatus.DONE
    _assert_no_rule_broken(run)
    proposals = {p.case_id: p for p in Proposal.objects.filter(run=run)}
    family = proposals[scene["family"].case_id]
    assert family.offer_id == scene["leipzig"].pk  # a home, never the sponsorship
    assert family.sponsorship_id == sponsor.pk
    assert family.explanation["sponsor"]["parts"][0]["part"] == "sponsor_language"
    assert not Proposal.objects.filter(run=run, offer__kind="sponsorship").exists()
    for proposal in proposals.values():
        if proposal.sponsorship_id:
            assert proposal.sponsorship.town == proposal.offer.town
    # Moved out of Leipzig by hand, the family loses its Leipzig sponsor rather than keep one in another town.
    services.proposal_move(actor=supervisor_a, proposal_id=family.pk, offer_id=None)
    assert Proposal.objects.get(pk=family.pk).sponsorship_id is None


def _job_triples(run):
    return {
        (str(row.proposal.case_id), row.adult, str(row.job_id))
        for row in JobPlacement.objects.filter(proposal__run=run).select_related("proposal")
    }


def test_jobs_go_to_adults_of_housed_households_in_their_homes_town_and_fill_up(supervisor_a, scene):
    """Third stage: the nurse housed in Dresden takes the Dresden clinic's one position; one adult of the family
    housed in Leipzig takes the Leipzig café's German-speaking position; nobody gets a job in another town."""
    cafe = make_offer(supervisor_a, kind="job", title="Café Lindner", town="Leipzig", capacity_persons=1,
                      child_beds=0, required_languages=["de"])  # fmt: skip
    offers = [scene["leipzig"], scene["dresden"], scene["clinic"], cafe]
    run = _run(supervisor_a, offers)
    assert run.status == RunStatus.DONE
    family, nurse = scene["family"].case_id, scene["nurse"].case_id
    # Either of the family's two adults may take the café's one position (both speak German).
    assert {(h, j) for h, _adult, j in _job_triples(run)} == {
        (str(family), str(cafe.pk)),
        (str(nurse), str(scene["clinic"].pk)),
    }
    households = [household_of(n) for n in HouseholdNeeds.objects.filter(case_id__in=[family, nurse])]
    homes = placements_of(Proposal.objects.filter(run=run))
    job_offers = [job_offer_of(scene["clinic"]), job_offer_of(cafe)]
    towns = {str(o.pk): o.town for o in offers}
    assert jobs.validate_job_placements(households, homes, towns, job_offers, _job_triples(run)) == []
    proposal = Proposal.objects.get(run=run, case_id=family)
    assert proposal.explanation["jobs"][0]["parts"][0] == {
        "part": "job_language",
        "value": 0.2,
        "detail": "de",
    }
    assert AuditEvent.objects.filter(action="job_placement.create").count() == 2
    # Sent and accepted, the positions are held: the next run gives no one the café or the clinic again.
    services.match_run_send(actor=supervisor_a, run_id=run.pk)
    assert selectors.positions_taken([cafe.pk, scene["clinic"].pk]) == {
        str(cafe.pk): 1,
        str(scene["clinic"].pk): 1,
    }
    services.proposal_respond(actor=supervisor_a, case_id=nurse, proposal_id=Proposal.objects.get(run=run,
                              case_id=nurse).pk, accept=False)  # fmt: skip
    assert selectors.positions_taken([cafe.pk, scene["clinic"].pk]) == {str(cafe.pk): 1}  # a decline frees it
    second = _run(supervisor_a, offers)
    assert _job_triples(second) == {(str(nurse), 0, str(scene["clinic"].pk))}


def test_a_hand_move_out_of_town_drops_the_jobs_there(supervisor_a, scene):
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"], scene["clinic"]])
    nurse = Proposal.objects.get(run=run, case_id=scene["nurse"].case_id)
    assert nurse.job_placements.count() == 1
    services.proposal_move(actor=supervisor_a, proposal_id=nurse.pk, offer_id=None)
    nurse.refresh_from_db()
    assert nurse.job_placements.count() == 0
    assert nurse.explanation["jobs"] == []
    assert AuditEvent.objects.filter(action="job_placement.drop", parent_id=str(nurse.case_id)).count() == 1


def test_a_run_whose_jobs_break_a_rule_is_refused(supervisor_a, scene, monkeypatch):
    """The job stage's validator is the last word: an assignment overfilling the clinic refuses the whole run."""
    clinic = str(scene["clinic"].pk)

    def overfilling(households, homes, towns, job_offers, **_kwargs):
        return tuple(jobs.JobPlacement(h.key, 0, clinic, 0.1, ()) for h in households)

    monkeypatch.setattr(jobs, "assign_jobs", overfilling)
    run = _run(supervisor_a, [scene["leipzig"], scene["dresden"], scene["clinic"]])
    assert run.status == RunStatus.REFUSED
    assert run.violations["job_capacity"] == 1
    assert run.violations["job_town"] >= 1
    assert not Proposal.objects.filter(run=run).exists()


def test_positions_filled_or_closed_since_the_run_are_dropped_when_it_is_sent(supervisor_a, scene):
    """Two runs both gave the clinic's one position to the nurse: once the first is sent, the second sends her
    home but not that job; a job offer closed after a run is not proposed either. The homes go out as planned."""
    offers = [scene["leipzig"], scene["dresden"], scene["clinic"]]
    first, second = _run(supervisor_a, offers), _run(supervisor_a, offers)
    cafe = make_offer(supervisor_a, kind="job", title="Café Lindner", town="Leipzig", capacity_persons=2,
                      child_beds=0, required_languages=["de"])  # fmt: skip
    third = _run(supervisor_a, [scene["leipzig"], cafe])
    for run in (first, second):  # the family out of both, so that only the nurse's clinic job is contested
        family = Proposal.objects.get(run=run, case_id=scene["family"].case_id)
        services.proposal_move(actor=supervisor_a, proposal_id=family.pk, offer_id=None)
    services.match_run_send(actor=supervisor_a, run_id=first.pk)
    services.match_run_send(actor=supervisor_a, run_id=second.pk)
    nurse = Proposal.objects.get(run=second, case_id=scene["nurse"].case_id)
    assert nurse.status == "sent"
    assert nurse.offer_id == scene["dresden"].pk
    assert not nurse.job_placements.exists()
    assert nurse.explanation["jobs"] == []
    assert selectors.positions_taken([scene["clinic"].pk]) == {str(scene["clinic"].pk): 1}
    # The café closes before the third run is sent: the family goes to Leipzig without the café's positions.
    assert JobPlacement.objects.filter(proposal__run=third).count() == 2
    services.offer_close(actor=supervisor_a, offer_id=cafe.pk)
    services.match_run_send(actor=supervisor_a, run_id=third.pk)
    assert not JobPlacement.objects.filter(proposal__run=third).exists()
    assert AuditEvent.objects.filter(action="job_placement.drop").count() == 3


def test_a_job_offer_cannot_shrink_below_the_positions_promised(supervisor_a, scene):
    cafe = make_offer(supervisor_a, kind="job", title="Café Lindner", town="Leipzig", capacity_persons=3,
                      child_beds=0, required_languages=["de"])  # fmt: skip
    run = _run(supervisor_a, [scene["leipzig"], cafe])
    services.match_run_send(actor=supervisor_a, run_id=run.pk)
    assert selectors.positions_taken([cafe.pk]) == {str(cafe.pk): 2}  # both adults of the family
    with pytest.raises(Invalid) as refused:
        services.offer_update(actor=supervisor_a, offer_id=cafe.pk, capacity_persons=1)
    assert "2" in str(refused.value.message)
    services.offer_update(actor=supervisor_a, offer_id=cafe.pk, capacity_persons=2)


def test_a_sponsorship_cannot_shrink_below_the_households_it_supports(supervisor_a, scene):
    sponsor = make_offer(supervisor_a, kind="sponsorship", title="Leipzig helpers", town="Leipzig",
                         capacity_persons=3, child_beds=0, local_languages=["de"])  # fmt: skip
    second_flat = make_offer(
        supervisor_a, title="Flat Leipzig 2", town="Leipzig", capacity_persons=3, accessible=True
    )
    run = _run(supervisor_a, [scene["leipzig"], second_flat, sponsor])
    services.match_run_send(actor=supervisor_a, run_id=run.pk)
    supported = selectors.sponsorships_taken([sponsor.pk])[str(sponsor.pk)]
    assert supported >= 2  # the family and the single person, both housed in Leipzig
    with pytest.raises(Invalid):
        services.offer_update(actor=supervisor_a, offer_id=sponsor.pk, capacity_persons=supported - 1)
    services.offer_update(actor=supervisor_a, offer_id=sponsor.pk, capacity_persons=supported)


def test_an_offer_ending_before_it_starts_is_refused_on_its_end_date(supervisor_a, scene):
    with pytest.raises(Invalid) as refused:
        make_offer(supervisor_a, title="Room", town="Leipzig", capacity_persons=2,
                   available_from=date(2027, 3, 1), available_to=date(2027, 2, 1))  # fmt: skip
    assert set(refused.value.fields) == {"available_to"}
    with pytest.raises(Invalid) as refused_change:
        services.offer_update(actor=supervisor_a, offer_id=scene["leipzig"].pk,
                              available_from=date(2027, 3, 1), available_to=date(2027, 2, 1))  # fmt: skip
    assert set(refused_change.value.fields) == {"available_to"}
