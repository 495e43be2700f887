"""Demo resettlement (issue 17): needs for some admitted households, offers where they were admitted to, and one
finished matching run per NGO, so the coordinator's page shows proposals with their explanations at once."""

import random
from collections import Counter

from herzen.cases.models import CaseStatus
from herzen.core.actor import Actor
from herzen.pathways.models import Application
from herzen.resettlement import selectors, services
from herzen.resettlement.models import MatchRun
from herzen.resettlement.planning import match_run_plan

HOUSEHOLDS_PER_NGO = 10
TOWNS = {
    "DE": [
        ("Leipzig", "Sachsen", ["de"]),
        ("Dresden", "Sachsen", ["de"]),
        ("Berlin", "Berlin", ["de", "ru"]),
    ],
    "FR": [("Lyon", "Auvergne-Rhône-Alpes", ["fr"]), ("Paris", "Île-de-France", ["fr", "ru"])],
    "CZ": [("Brno", "Jihomoravský kraj", ["cs"]), ("Praha", "Praha", ["cs", "ru"])],
    "PL": [("Kraków", "Małopolskie", ["pl"]), ("Warszawa", "Mazowieckie", ["pl", "ru"])],
}
SKILLS = ["nurse", "it", "teacher", "driver", "journalist", "engineer"]


def write_resettlement(ngo_staff: dict[object, tuple[Actor, Actor]], seed: int = 1917) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for caseworker, supervisor in ngo_staff.values():
        admitted = (
            Application.objects.for_actor(caseworker)
            .filter(state__in=selectors.ADMITTED_STATES, case__status=CaseStatus.OPEN)
            .values_list("case_id", "destination_country")
        )
        chosen = list(dict(admitted).items())[:HOUSEHOLDS_PER_NGO]
        if not chosen:
            continue
        for case_id, country in chosen:
            towns = TOWNS.get(country, [("Hauptstadt", "", [])])
            adults, children = rng.choice([(1, 0), (2, 0), (2, 1), (2, 2), (1, 1), (2, 3)])
            ties = [{"town": rng.choice(towns)[0], "relation": rng.choice(["сестра", "брат", "друг"])}]
            services.household_needs_save(
                actor=caseworker,
                case_id=case_id,
                adults=adults,
                children=children,
                destination_country=country,
                ready=True,
                needs_accessible=rng.random() < 0.15,
                profile={
                    "languages": ["ru", *rng.sample(["en", "de", "fr", "cs", "pl"], 1)],
                    "skills": rng.sample(SKILLS, 1),
                    "ties": ties if rng.random() < 0.5 else [],
                    "preferred_towns": [rng.choice(towns)[0]],
                    "vetoed_towns": [rng.choice(towns)[0]] if rng.random() < 0.2 else [],
                },
            )
        for country, count in Counter(country for _, country in chosen).items():
            offers = []
            for town, region, languages in TOWNS.get(country, [("Hauptstadt", "", [])]):
                for size in (2, 4, 6):
                    offers.append(
                        services.offer_create(
                            actor=supervisor,
                            kind="housing",
                            title=f"Квартира на {size} чел.",
                            country=country,
                            region=region,
                            town=town,
                            capacity_persons=size,
                            child_beds=size // 2,
                            accessible=size == 4,
                            local_languages=languages,
                        )
                    )
                offers.append(
                    services.offer_create(
                        actor=supervisor,
                        kind="job",
                        title="Больница",
                        country=country,
                        region=region,
                        town=town,
                        capacity_persons=2,
                        skills=[rng.choice(SKILLS)],
                        required_languages=[],
                    )
                )
            run = services.match_run_start(
                actor=supervisor, destination_country=country, offer_ids=[o.pk for o in offers]
            )
            # Decided here rather than by the worker, so the page shows proposals as soon as the demo starts.
            run = MatchRun.objects.get(pk=run.pk)
            planned = match_run_plan(run=run, actor=supervisor)
            services.match_run_record(
                actor=supervisor,
                run_id=run.pk,
                pool=planned.pool,
                result=planned.result,
                violations=planned.violations,
            )
            lines.append(f"{supervisor.organisation}: {count} households, {len(offers)} offers in {country}")
    return lines
