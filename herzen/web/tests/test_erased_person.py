"""Pages show an erased person's data as erased, in the reader's language, and keep working."""

from django.urls import reverse

from herzen.encryption.keys import clear_cache
from herzen.encryption.tests.records import CANARIES, make_canary_record
from herzen.people import services


def test_the_person_and_case_pages_show_erased_data_as_erased(login, caseworker_a, supervisor_a):
    record = make_canary_record(caseworker_a)
    services.household_erase(actor=supervisor_a, household_id=record.case.household_id)
    clear_cache()

    for url in (
        reverse("web:person-detail", args=[record.person.pk]),
        reverse("web:case-detail", args=[record.case.pk]),
    ):
        english = login(caseworker_a).get(url)
        russian = login(caseworker_a, language="ru").get(url)

        assert english.status_code == 200
        assert russian.status_code == 200
        assert "[erased]" in english.content.decode()
        assert "[стёрто]" in russian.content.decode()
        assert not any(value in english.content.decode() for value in CANARIES.values())
