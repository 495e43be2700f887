"""Country lists follow the reader's language: sorted by its collation (django-countries with pyuca) and named
in the nominative case."""

from django.utils import translation

from herzen.intake.forms import country_choices as intake_country_choices
from herzen.web.forms import country_choices


def _all_countries(choices):
    return [str(name) for group, options in choices if isinstance(options, list) for _code, name in options][
        -249:
    ]


def test_the_staff_country_list_is_sorted_in_russian_order():
    with translation.override("ru"):
        names = _all_countries(country_choices())
    # In English order Georgia comes before Germany; in Russian «Германия» comes before «Грузия».
    assert names.index("Германия") < names.index("Грузия")
    assert names[0] == "Австралия"
    assert names[-1] == "Япония"


def test_the_intake_country_list_is_sorted_in_the_applicants_language():
    with translation.override("kk"):
        names = _all_countries(intake_country_choices())
    assert "Ресей" in names  # Kazakh, not the Russian «Россия»
    assert names.index("Әзірбайжан") < names.index("Бельгия")  # Kazakh letters in their place, not after Я
    with translation.override("ka"):
        names = _all_countries(intake_country_choices())
    assert names.index("ავსტრია") < names.index("საქართველო")


def test_russian_country_names_are_in_the_nominative():
    with translation.override("ru"):
        names = set(_all_countries(country_choices()))
    assert {"Либерия", "Мьянма", "Новая Каледония", "Сан-Марино"} <= names
    assert not {"Либерии", "Мьянмы", "Новой Каледонии", "Сан - Марино"} & names
