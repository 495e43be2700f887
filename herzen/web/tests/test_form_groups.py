"""A group of checkboxes is a fieldset named by its legend, and an error on it is linked from the error
summary to the group itself (not to "#", which a checkbox group's missing label id used to give)."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from herzen.people.tests.factories import make_household, make_person


def test_a_checkbox_group_is_a_fieldset_and_its_error_links_to_it(login, caseworker_a, org_b):
    person = make_person(caseworker_a)
    make_household(caseworker_a, person)
    url = reverse("web:person-sharing-consent-record", kwargs={"person_id": person.pk})

    response = login(caseworker_a).post(
        url,
        {
            "sharing-grantee": str(org_b.pk),
            "sharing-valid_until": str(timezone.localdate() + timedelta(days=5)),
            "sharing-given_how": "verbal",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    group = re.search(r'<fieldset class="field field--group field--error">(.*?)</fieldset>', page, re.S)
    assert group is not None
    assert "<legend>Parts of the record the person agreed to share" in group.group(1)
    assert 'id="id_sharing-parts"' in group.group(1)  # the target of the summary's link is the group
    assert re.search(
        r'<input type="checkbox" name="sharing-parts"[^>]*aria-describedby="[^"]*id_sharing-parts_error',
        group.group(1),
    )
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    assert 'href="#id_sharing-parts"' in summary
    assert 'href="#"' not in page
