"""Each household member is a full person at intake: own citizenships, identity document and stay (with a
legal-stay deadline of their own), and dangers pinned on the person they concern. Through the pages, as a
browser without JavaScript sends them."""

from datetime import timedelta

from django.utils import timezone

from herzen.cases.models import Case
from herzen.intake.tests.factories import complete_answers
from herzen.intake.tests.test_pages import _start
from herzen.people.models import RiskFactor


def _member(**extra):
    return {
        "surname": "Щукин",
        "given_name": "Павел",
        "patronymic": "Ильич",
        "sex": "M",
        "date_of_birth": "02.03.1988",
        "role": "spouse_partner",
        "action": "add",
        **extra,
    }


def _send_the_rest(client, receiving):
    answers = complete_answers(receiving.pk)
    about = {**answers["about"], "date_of_birth": "31.12.1990"}
    assert client.post("/apply/about/", about).status_code == 302
    assert client.post("/apply/location/", answers["location"]).status_code == 302
    assert client.post("/apply/declarations/", {"borders": "on", "destalinisation": "on"}).status_code == 302
    assert client.post("/apply/needs/", {"pathway": "yes"}).status_code == 302
    assert client.post("/apply/organisation/", {"organisation": str(receiving.pk)}).status_code == 302


def test_a_spouse_with_own_papers_and_stay_and_a_summons_pinned_on_him(client, receiving):
    _start(client)
    today = timezone.localdate()
    spouse = _member(
        citizenships=["RU", "AM"],
        document_type="international_passport",
        document_number="76 7654321",
        document_issuing_country="RU",
        document_expiry_date="01.02.2031",
        document_status="valid",
        stay="own",
        entry_date=(today - timedelta(days=80)).strftime("%d.%m.%Y"),
        legal_basis="visa_free",
    )
    assert client.post("/apply/household/", spouse).status_code == 302
    child = _member(
        given_name="Вера", patronymic="Павловна", sex="F", date_of_birth="17.05.2016", role="child"
    )
    assert client.post("/apply/household/", child).status_code == 302
    assert client.post("/apply/household/", {"action": "continue"}).status_code == 302
    risks_page = client.get("/apply/risks/").content.decode()
    assert "Щукин Павел Ильич" in risks_page  # offered as whom a danger concerns
    risks = {
        "kinds": ["mobilisation_summons", "foreign_agent"],
        "summons_date": "10.01.2026",
        "summons_person": "0",
        "other_person": "",
        "narrative": "",
    }
    assert client.post("/apply/risks/", risks).status_code == 302
    _send_the_rest(client, receiving)
    check = client.get("/apply/check/").content.decode()
    assert "76 7654321" in check  # the spouse's passport, to be checked before sending
    assert "Кого касается эта угроза?" in check  # and the answer: the spouse, named
    assert check.count("Щукин Павел Ильич") >= 2
    assert client.post("/apply/check/").status_code == 200

    case = Case.objects.get(organisation=receiving)
    members = {m.person.given_name: m.person for m in case.household.members.select_related("person")}
    pavel, vera, anna = members["Павел"], members["Вера"], members["Анна"]
    assert {c.code for c in pavel.citizenships} == {"RU", "AM"}
    (passport,) = pavel.documents.all()
    assert passport.number.replace(" ", "") == "767654321"
    assert passport.status == "valid"
    pavel_stay, anna_stay, vera_stay = pavel.stays.get(), anna.stays.get(), vera.stays.get()
    assert pavel_stay.entry_date == today - timedelta(days=80)
    assert pavel_stay.document == passport
    assert pavel_stay.legal_deadline is not None
    assert pavel_stay.legal_deadline != anna_stay.legal_deadline  # his own clock, from his own entry
    assert vera_stay.entry_date == anna_stay.entry_date  # came with her mother: her dates, her own record
    assert vera_stay.legal_deadline == anna_stay.legal_deadline
    assert {c.code for c in vera.citizenships} == {"RU"}  # nothing ticked: noted as the applicant's
    assert RiskFactor.objects.get(kind="mobilisation_summons").person == pavel
    assert RiskFactor.objects.get(kind="foreign_agent").person == anna
    case.household.refresh_from_db()
    assert case.household.earliest_stay_deadline == min(pavel_stay.legal_deadline, anna_stay.legal_deadline)


def test_a_members_own_stay_needs_its_dates_and_keeps_what_was_typed(client, receiving):
    _start(client)
    response = client.post("/apply/household/", _member(stay="own", document_number="76 7654321"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Щукин"' in page
    assert 'value="76 7654321"' in page
    assert "Укажите дату въезда этого человека." in page  # in the applicant's language, beside the field
    assert not client.get("/apply/household/").content.decode().count("Щукин Павел Ильич, ")
