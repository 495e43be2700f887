"""The operators' rules register page: organisation admins and the platform operator, in Russian, no codes."""

from django.urls import reverse

from herzen.core.actor import Role


def test_an_organisation_admin_reads_the_register_in_russian(login, make_actor, org_a):
    # given
    admin = make_actor(org_a, Role.ORGANISATION_ADMIN)

    # when
    page = login(admin, language="ru").get(reverse("web:rules-register")).content.decode()

    # then the rules are listed by translated titles and statuses, with their sources and checking dates
    assert "Реестр правовых норм" in page
    assert "Безвизовое пребывание граждан России: Армения" in page
    assert "Источники расходятся: считается более ранний срок" in page
    assert "https://www.police.am/" in page
    assert "stay_rule:" not in page  # no internal keys
    assert ">conflicting<" not in page  # the status is shown in words, never as its code


def test_a_caseworker_is_refused(login, caseworker_a):
    # when
    response = login(caseworker_a).get(reverse("web:rules-register"))

    # then
    assert response.status_code == 403


def test_the_export_downloads_as_csv_for_a_lawyer(login, make_actor, org_a):
    # given
    admin = make_actor(org_a, Role.ORGANISATION_ADMIN)

    # when
    response = login(admin).get(reverse("web:rules-register-export", args=["csv"]))

    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert b"registration_duty:KG" in response.content
