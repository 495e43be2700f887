"""Languages: every intake string exists in every language of the intake (ru, uk, de, cs, ka, hy, kk); a string
missing from a language's catalogues falls back to Russian (Django's fallback to LANGUAGE_CODE), never to the
English key — test_no_russian.py makes sure no intake page relies on that fallback."""

from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from herzen.intake.tests.factories import make_draft

LOCALE = Path(__file__).resolve().parents[1] / "locale"
COMPLETE = ("ru", "uk", "de", "cs", "ka", "hy", "kk")
CORE = ("ka", "hy", "kk")


@pytest.mark.parametrize("language", COMPLETE)
def test_the_complete_languages_translate_every_intake_string(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("language", CORE)
def test_the_core_languages_cover_the_language_choice_and_the_main_questions(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid for e in catalogue.translated_entries()}
    assert {
        "Choose your language",
        "Start",
        "Save and continue",
        "About you",
        "Check your answers",
    } <= translated
    assert {
        "I recognise the borders of Russia as they were on 1 January 1992. Crimea and all the other occupied "
        "territories are Ukraine.",
        "I support the de-Stalinisation and de-imperialisation of Russia.",
    } <= translated


def test_a_missing_string_falls_back_to_russian_not_to_the_key(settings, monkeypatch):
    settings.LANGUAGE_CODE = "ru"  # production's default; the test settings use English
    # Catalogues are cached with the fallback of the default language they were first loaded under; changing
    # LANGUAGE_CODE does not clear them (Django clears them only for LANGUAGES and LOCALE_PATHS).
    monkeypatch.setattr(trans_real, "_translations", {})
    staff_only = "Cases"  # a staff page's string: the intake's Kazakh catalogue does not have it
    catalogue = polib.pofile(str(LOCALE / "kk" / "LC_MESSAGES" / "django.po"))
    assert catalogue.find(staff_only) is None
    with translation.override("kk"):
        assert translation.gettext(staff_only) == "Дела"
        assert translation.gettext("Start") == "Бастау"  # what is translated stays Kazakh


def test_a_page_in_a_core_language_shows_no_english(settings, receiving):
    settings.LANGUAGE_CODE = "ru"
    issued = make_draft(receiving, language="hy")
    client = Client()
    client.get(f"/apply/link/{issued.token}/")
    page = client.get("/apply/risks/").content.decode()
    assert "Ի՞նչն է ձեզ վտանգ սպառնում" in page
    assert "Նշեք այն ամենը, ինչ վերաբերում է ձեզ" in page  # the hints too, not only the questions
    assert "Отметьте всё, что подходит" not in page
    assert "Tick everything that applies" not in page


def test_the_picker_names_each_language_as_its_speakers_do(client, db):
    page = client.get("/apply/").content.decode()
    for name in ("Русский", "Українська", "Deutsch", "Čeština", "ქართული", "Հայերեն", "Қазақ тілі"):
        assert f">{name}</label>" in page
    assert ">Қазақ</label>" not in page  # a Kazakh person, not the language
    assert ">česky</label>" not in page


@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, "Остался 1 день."), (3, "Осталось 3 дня."), (5, "Осталось 5 дней."), (21, "Остался 21 день.")],
)
def test_the_days_of_a_legal_stay_say_they_are_left(days, expected):
    with translation.override("ru"):
        said = translation.ngettext("%(days)s day left.", "%(days)s days left.", days) % {"days": days}
    assert said == expected


@pytest.mark.parametrize(
    ("language", "paused"),
    [
        ("hy", "Ժամանակավորապես սպասման մեջ է"),  # "temporarily on hold", not «Դադարեցված» (stopped)
        ("kk", "Уақытша кідіртілді"),  # "temporarily paused", not «Тоқтатылды» (stopped)
    ],
)
def test_paused_reads_as_for_now_not_as_stopped(language, paused):
    with translation.override(language):
        assert translation.gettext("Paused: something is needed").startswith(paused)


def test_an_accused_person_is_not_on_trial_in_german():
    with translation.override("de"):
        assert translation.gettext("Accused") == "Beschuldigte(r)"
