"""What benchmark 1 asks for, read from a loaded database: the country most of a caseworker's open cases are
in, and names of real persons on file spelt as a caseworker would type them (Cyrillic, and Latin spellings
from passports and German registries). Names are encrypted, so this runs as a Django process that can read
them, and prints JSON:

    DATABASE_URL=... HERZEN_BLIND_INDEX_POPULATION=... python -m bench.search_terms tbilisi-caseworker
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def search_terms(username: str, persons: int = 4) -> dict[str, Any]:
    from django.db.models import Count

    from herzen.cases.models import Case, CaseStatus
    from herzen.domain.names.schemes import Scheme

    latin_schemes = (Scheme.ICAO_9303, Scheme.GERMAN)  # passports, and German registries
    from herzen.domain.names.transliteration import transliterate
    from herzen.organisations.models import Membership
    from herzen.people.models import HouseholdMember

    membership = Membership.objects.filter(user__username=username).select_related("organisation").first()
    if membership is None:
        raise SystemExit(f"{username} belongs to no organisation")
    organisation_id = membership.organisation_id
    open_cases = Case.objects.filter(organisation_id=organisation_id, status=CaseStatus.OPEN)
    busiest = (
        open_cases.exclude(household__current_country="")
        .values("household__current_country")
        .annotate(cases=Count("pk"))
        .order_by("-cases")
        .first()
    )
    # Principals of the oldest open cases: in a data set generated from one seed these exist at every scale.
    households = list(open_cases.order_by("opened_at", "pk").values_list("household_id", flat=True)[:persons])
    principals = HouseholdMember.objects.filter(household_id__in=households, role="principal").select_related(
        "person"
    )
    queries = []
    for index, member in enumerate(principals):
        person = member.person
        cyrillic = " ".join(part for part in (person.surname, person.given_name, person.patronymic) if part)
        queries.append({"spelling": "cyrillic", "query": cyrillic})
        latin_scheme = latin_schemes[index % len(latin_schemes)]
        queries.append({"spelling": latin_scheme.value, "query": transliterate(cyrillic, latin_scheme)})
    return {
        "organisation_id": str(organisation_id),
        "country": busiest["household__current_country"] if busiest else "",
        "queries": queries,
    }


def read_search_terms(database_env: dict[str, str], username: str) -> dict[str, Any]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", **database_env}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.search_terms", username],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"could not read search terms: {done.stderr.strip()[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description="Print benchmark 1's filter country and name queries.")
    parser.add_argument("username")
    parser.add_argument("--persons", type=int, default=4)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    print(json.dumps(search_terms(arguments.username, arguments.persons), ensure_ascii=False))


if __name__ == "__main__":
    main()
