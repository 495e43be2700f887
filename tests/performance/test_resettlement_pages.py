"""Resettlement pages cost as many queries for 3k offers, runs or proposals as for k."""

from django.urls import reverse

from herzen.cases.tests.factories import make_case
from herzen.resettlement import services
from herzen.resettlement.models import JobPlacement, MatchRun, Offer, Proposal
from tests.performance.conftest import assert_flat, json_rows, links_to, page_client, token_client
from tests.performance.registry import counts


def _offers(actor):
    def grow(n):
        for i in range(n):
            services.offer_create(actor=actor, kind="housing", title=f"Flat {i}", country="DE", town="Leipzig",
                                  capacity_persons=4, child_beds=1)  # fmt: skip

    return grow


def _offer_rows(response):
    return response.content.decode().count('data-label="title"')


@counts("web:resettlement-offers")
def test_offer_list(supervisor_a):
    client = page_client(supervisor_a)
    assert_flat(_offers(supervisor_a), lambda: client.get(reverse("web:resettlement-offers")), rows=_offer_rows,
                ceiling=20)  # fmt: skip


def _runs(actor):
    offer = services.offer_create(actor=actor, kind="housing", title="Flat", country="DE", town="Leipzig",
                                  capacity_persons=4)  # fmt: skip

    def grow(n):
        for _ in range(n):
            run = MatchRun.objects.create(organisation=actor.organisation, destination_country="DE",
                                          status="done", started_by=actor.user)  # fmt: skip
            run.offers.set([offer])

    return grow


@counts("web:resettlement-runs")
def test_run_list(supervisor_a):
    client = page_client(supervisor_a)
    assert_flat(_runs(supervisor_a), lambda: client.get(reverse("web:resettlement-runs")), rows=links_to("/resettlement/runs/"),
                ceiling=20)  # fmt: skip


def _job(actor):
    """A job offer in the run's town: each proposal shows its adult's job (one query for the whole run)."""
    return services.offer_create(actor=actor, kind="job", title="Café", country="DE", town="Leipzig",
                                 capacity_persons=400, required_languages=["de"])  # fmt: skip


@counts("web:resettlement-run-detail")
def test_run_detail(supervisor_a, caseworker_a):
    offer = services.offer_create(actor=supervisor_a, kind="housing", title="Flat", country="DE", town="Leipzig",
                                  capacity_persons=400)  # fmt: skip
    run = MatchRun.objects.create(organisation=supervisor_a.organisation, destination_country="DE", status="done",
                                  started_by=supervisor_a.user)  # fmt: skip
    job = _job(supervisor_a)
    run.offers.set([offer, job])

    def grow(n):
        for _ in range(n):
            case = make_case(caseworker_a)
            proposal = Proposal.objects.create(
                run=run, case=case, offer=offer, persons=2, score=0.5,
                explanation={"town": "Leipzig", "parts": [{"part": "ties", "value": 0.2, "detail": "sister"}],
                             "alternatives": [{"town": "Dresden", "better_on": ["profession"], "reason": "full",
                                               "score": 0.6}],
                             "jobs": [{"adult": 0, "job": str(job.pk), "score": 0.3,
                                       "parts": [{"part": "job_language", "value": 0.2, "detail": "de"}]}]},
            )  # fmt: skip
            JobPlacement.objects.create(proposal=proposal, job=job, adult=0, score=0.3)

    client = page_client(supervisor_a)
    assert_flat(grow, lambda: client.get(reverse("web:resettlement-run-detail", args=[run.pk])),
                rows=links_to("/cases/"), ceiling=25)  # fmt: skip
    assert Offer.objects.count() == 2  # the flat and the job


@counts("api:resettlement-offers")
def test_offer_list_api(supervisor_a):
    client = token_client(supervisor_a)
    assert_flat(_offers(supervisor_a), lambda: client.get("/api/v1/resettlement/offers/"), rows=json_rows,
                ceiling=10)  # fmt: skip


@counts("api:resettlement-runs")
def test_run_list_api(supervisor_a):
    client = token_client(supervisor_a)
    assert_flat(
        _runs(supervisor_a), lambda: client.get("/api/v1/resettlement/runs/"), rows=json_rows, ceiling=10
    )


@counts("api:resettlement-run")
def test_run_detail_api(supervisor_a, caseworker_a):
    offer = services.offer_create(actor=supervisor_a, kind="housing", title="Flat", country="DE", town="Leipzig",
                                  capacity_persons=400)  # fmt: skip
    run = MatchRun.objects.create(organisation=supervisor_a.organisation, destination_country="DE", status="done",
                                  started_by=supervisor_a.user)  # fmt: skip
    job = _job(supervisor_a)
    run.offers.set([offer, job])

    def grow(n):
        for _ in range(n):
            proposal = Proposal.objects.create(run=run, case=make_case(caseworker_a), offer=offer, persons=2,
                                               score=0.5, explanation={"town": "Leipzig", "parts": [],
                                                                       "alternatives": []})  # fmt: skip
            JobPlacement.objects.create(proposal=proposal, job=job, adult=0, score=0.1)

    client = token_client(supervisor_a)
    assert_flat(grow, lambda: client.get(f"/api/v1/resettlement/runs/{run.pk}/"),
                rows=lambda r: len(r.json()["proposals"]), ceiling=25)  # fmt: skip


@counts("web:resettlement-weights")
def test_weights_page(supervisor_a):
    def grow(n):
        for i in range(n):
            services.match_weights_set(actor=supervisor_a, destination_country="DE", employment=1.0 + i,
                                       preference=0.3, ties_distance=0.2)  # fmt: skip

    client = page_client(supervisor_a)
    assert_flat(grow, lambda: client.get(reverse("web:resettlement-weights")),
                rows=lambda r: r.content.decode().count('data-label="destination country"'), ceiling=15)  # fmt: skip
