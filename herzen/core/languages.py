"""Each language's own name for itself, as a language picker shows it.

Django's `LANG_INFO["…"]["name_local"]` is not always that: Kazakh's is «Қазақ» (a Kazakh person, not the
language), Czech's «česky» (an adverb) and Armenian's lowercase «հայերեն». A picker lists languages for people
who may read only one of them, so each entry is the name a speaker would look for, capitalised as a label."""

from django.utils import translation

SELF_NAMES = {
    "ru": "Русский",
    "en": "English",
    "uk": "Українська",
    "de": "Deutsch",
    "cs": "Čeština",
    "ka": "ქართული",
    "hy": "Հայերեն",
    "kk": "Қазақ тілі",
}


# Staff pages' languages (the deciding authorities' language among them); the others are the public intake's.
STAFF_LANGUAGES = ("ru", "en", "de")


def self_name(code: str) -> str:
    """The language's name in that language; Django's local name for a language not listed above."""
    if code in SELF_NAMES:
        return SELF_NAMES[code]
    return str(translation.get_language_info(code)["name_local"])
