"""Messages that services raise in English, listed here so the catalogue can translate them for the pages.

A bridge until the services mark their messages with gettext_lazy themselves: the pages pass every service
message through gettext(), so a message listed here is shown in the reader's language and any other one in
English. Keep each string exactly as the service spells it.
"""

from django.utils.translation import gettext_noop

SERVICE_MESSAGES = (
    # herzen.core
    gettext_noop("Not found."),
    gettext_noop("Please correct the highlighted fields."),
    gettext_noop("Some fields cannot be changed here."),
    gettext_noop("This field cannot be changed here."),
    # herzen.cases.services
    gettext_noop("This person cannot hold cases here."),
    gettext_noop("Choose a caseworker or supervisor of your organisation."),
    gettext_noop("Your role cannot open cases."),
    gettext_noop("This household already has an active case here."),
    gettext_noop("Only a supervisor can assign cases."),
    gettext_noop("Only the assigned caseworker or a supervisor can change the status."),
    gettext_noop("Unknown status."),
    gettext_noop("The household has another active case; continue that one instead."),
    gettext_noop("Your role cannot add notes."),
    # herzen.people.services
    gettext_noop("Your role cannot change this person's record."),
    gettext_noop("The source document belongs to someone else."),
    gettext_noop("This contact point is already recorded."),
    gettext_noop("Already recorded."),
    gettext_noop("This stay overlaps another stay of the same person."),
    gettext_noop("The document belongs to someone else."),
    gettext_noop("Not this person's."),
)
