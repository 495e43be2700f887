"""The public statistics page and its downloads, the officers' pages and the staff dashboard."""

import csv
import io
import json

import hxl
import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.domain.statistics.measures import available_measures, measure
from herzen.domain.statistics.privacy import publish
from herzen.jobs.testing import run_queued
from herzen.statistics import services
from herzen.statistics.exports import as_csv, rows
from herzen.statistics.models import ReleaseStatus
from herzen.statistics.texts import MEASURE_TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(officer_a, officer_b, coalition_records, last_month):
    release = services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    run_queued()
    return services.release_approve(actor=officer_b, release_id=release.pk)


def _client(actor=None, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    return login_with_mfa(client, actor.user) if actor else client


def test_every_measure_has_its_translated_texts():
    from herzen.domain.statistics.measures import MEASURES

    for item in MEASURES:
        assert str(MEASURE_TEXTS[item.key].name) == item.name
        assert str(MEASURE_TEXTS[item.key].definition) == item.definition


@pytest.mark.parametrize("language", ["en", "ru", "de"])
def test_the_public_page_shows_each_figure_with_its_definition_and_margin_without_login(published, language):
    page = _client(language=language).get(reverse("web:statistics"))
    assert page.status_code == 200
    text = page.content.decode()
    for item in available_measures():
        assert f'id="figure-{item.key}"' in text
    assert text.count("data-definition") == len(available_measures())
    assert text.count("data-error") == len(available_measures())
    assert "±" in text
    assert "<svg" in text
    if language == "ru":
        assert "Статистика" in text
        assert "Persons with an open case" not in text
    if language == "de":
        assert "Statistik" in text


def test_the_public_page_labels_external_estimates_and_the_per_organisation_count(published):
    text = _client().get(reverse("web:statistics")).content.decode()
    assert "External source" in text
    assert "Re:Russia" in text
    assert "The Bell" in text
    assert "one person may be counted more than once" in text
    assert "Payouts made, by channel" in text  # declared, not available yet


def test_an_unpublished_release_is_not_public(officer_a, coalition_records, last_month):
    release = services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    run_queued()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.AWAITING_REVIEW
    assert _client().get(reverse("web:statistics"), {"release": release.pk}).status_code == 404
    key = available_measures()[0].key
    url = reverse("web:statistics-download", args=[release.pk, key, "csv"])
    assert _client().get(url).status_code == 404


def test_downloads_carry_hxl_hashtags_that_libhxl_reads_and_validates(published):
    key = "open_cases_by_transit_country"
    body = _client().get(reverse("web:statistics-download", args=[published.pk, key, "csv"])).content.decode()
    source = hxl.data(io.BytesIO(body.encode()))
    tags = {column.get_display_tag() for column in source.columns}
    assert {"#indicator+code", "#country+code+transit", "#meta+error95", "#affected+ind+refugees"} <= tags
    schema = hxl.schema(
        [
            ["#valid_tag", "#valid_required", "#valid_datatype", "#valid_value+list"],
            ["#indicator+code", "true", "", key],
            ["#meta+error95", "true", "number", ""],
            ["#date+period", "true", "", ""],
            ["#description", "true", "", ""],
            ["#meta+method", "true", "", ""],
        ]
    )
    assert schema.validate(hxl.data(io.BytesIO(body.encode())))
    for row in csv.DictReader(io.StringIO(body)):
        if row["Measure"] == key or row["Measure"].startswith("#"):
            continue
        raise AssertionError("a file holds one measure only")
    workbook = load_workbook(
        io.BytesIO(
            _client().get(reverse("web:statistics-download", args=[published.pk, key, "xlsx"])).content
        )
    )
    data = list(workbook["data"].iter_rows(values_only=True))
    assert data[1][0] == "#indicator+code"
    meta = {row[0]: row[1] for row in workbook["metadata"].iter_rows(values_only=True)}
    assert meta["license_id"] == "cc-by-4.0"
    assert meta["data_update_frequency"] == "30"
    assert "caveats" in meta
    assert "methodology_other" in meta


def test_the_hdx_metadata_names_licence_method_caveats_and_frequency(published):
    url = reverse("web:statistics-download", args=[published.pk, "metadata", "json"])
    data = json.loads(_client().get(url).content)
    assert data["license_id"] == "cc-by-4.0"
    assert "OpenDP" in data["methodology_other"]
    assert "counted more than once" in data["caveats"]
    assert data["data_update_frequency"] == "30"
    assert len(data["measures"]) == len(available_measures())


def test_a_suppressed_or_merged_cell_is_written_as_such():
    item = measure("open_cases_by_transit_country")
    table = publish(item, "2026-11", 0.125, {("GE",): 130, ("AM",): 3, ("TR",): 5}, 24.4)
    body = as_csv(table)
    assert "merged from 2 smaller figures" in body
    merged = rows(table)[-1]
    assert merged[7] == "*"
    assert merged[-4] == "yes"


def test_officers_compute_and_review_on_their_pages(officer_a, officer_b, coalition_records, last_month):
    page = _client(officer_a).post(
        reverse("web:statistics-releases"), {"period": last_month, "epsilon": "0.5"}
    )
    assert page.status_code == 302
    run_queued()
    detail = page["Location"]
    own = _client(officer_a).get(detail).content.decode()
    assert "Approve and publish" not in own
    other = _client(officer_b).get(detail).content.decode()
    assert "Approve and publish" in other
    review = reverse("web:statistics-release-review", args=[detail.rstrip("/").split("/")[-1]])
    assert _client(officer_b).post(review, {"decision": "approve"}).status_code == 302
    assert "data-figure" in _client().get(reverse("web:statistics")).content.decode()


def test_the_officers_form_explains_a_refused_budget(officer_a, last_month):
    for _ in range(4):
        services.release_request(actor=officer_a, period=last_month, epsilon=1.0)
    page = _client(officer_a, "ru").post(
        reverse("web:statistics-releases"), {"period": last_month, "epsilon": "1"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "ε = 4" in text
    assert f'value="{last_month}"' in text


def test_the_dashboard_shows_the_organisations_own_figures(supervisor_a, coalition_records):
    page = _client(supervisor_a, "de").get(reverse("web:statistics-dashboard"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()


def test_the_statistics_pages_cost_a_bounded_number_of_queries(
    published, officer_a, supervisor_a, django_assert_max_num_queries
):
    anonymous, officer, supervisor = _client(), _client(officer_a), _client(supervisor_a)
    with django_assert_max_num_queries(8):
        anonymous.get(reverse("web:statistics"))
    with django_assert_max_num_queries(25):
        officer.get(reverse("web:statistics-releases"))
    with django_assert_max_num_queries(25):
        supervisor.get(reverse("web:statistics-dashboard"))


@pytest.mark.parametrize("name", ["web:statistics", "web:statistics-dashboard"])
def test_the_russian_statistics_pages_show_no_code(published, supervisor_a, name):
    from herzen.web.tests.test_no_codes_shown import BOOLEAN, SNAKE_CODE, _Visible

    parser = _Visible()
    parser.feed(_client(supervisor_a, "ru").get(reverse(name)).content.decode())
    text = " ".join(parser.texts)
    assert not SNAKE_CODE.findall(text)
    assert not BOOLEAN.findall(text)
