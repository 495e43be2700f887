"""Nothing personal travels in a cookie: the message "Щукин Илья Петрович was added to the household" is kept
in the server-side session, and the browser holds only the session's random key.

Django's cookie message storage signs its cookie but does not encrypt it: the value is base64 of (possibly
zlib-compressed) JSON that anyone holding the cookie — a shared computer, a proxy log — can read.
"""

import base64
import binascii
import contextlib
import json
import zlib
from urllib.parse import unquote

from django.urls import reverse

from herzen.cases.tests.factories import make_case

NAME = "Щукин"


def _readable_forms(value: str) -> list[str]:
    """Every text a cookie value can be read as without a key: as sent, and each base64 part decoded."""
    value = unquote(value).strip('"')
    texts = [value]
    for part in value.replace(":", ".").split("."):
        if not part:
            continue
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        for candidate in (raw, *_inflated(raw)):
            text = candidate.decode("utf-8", errors="ignore")
            texts.append(text)
            if text.startswith(("[", "{", '"')):
                with contextlib.suppress(ValueError):  # JSON may spell Cyrillic as \u escapes
                    texts.append(json.dumps(json.loads(text), ensure_ascii=False))
    return texts


def _inflated(raw: bytes) -> list[bytes]:
    try:
        return [zlib.decompress(raw)]
    except zlib.error:
        return []


def _names_in_cookies(response) -> list[str]:
    return [
        name
        for name, morsel in response.cookies.items()
        if any(NAME in t for t in _readable_forms(morsel.value))
    ]


def _add_member(client, case):
    data = {
        "member-surname": NAME,
        "member-given_name": "Илья",
        "member-patronymic": "Петрович",
        "member-sex": "M",
        "member-date_of_birth": "01.03.2015",
        "member-role": "child",
    }
    return client.post(reverse("web:case-member-add", args=[case.pk]), data)


def test_adding_a_household_member_sets_no_cookie_with_their_name(login, caseworker_a):
    case = make_case(caseworker_a)
    client = login(caseworker_a)

    response = _add_member(client, case)
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert f"{NAME} Илья Петрович was added to the household." in page.content.decode()  # shown all the same
    assert _names_in_cookies(response) == []
    assert _names_in_cookies(page) == []
    assert "messages" not in response.cookies


def test_the_check_would_find_a_name_in_djangos_message_cookie(login, caseworker_a, settings):
    # The same step with Django's default cookie storage: the check above reads the name out of it.
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    case = make_case(caseworker_a)

    response = _add_member(login(caseworker_a), case)

    assert _names_in_cookies(response) == ["messages"]
