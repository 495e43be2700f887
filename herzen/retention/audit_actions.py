"""The audit actions of minimisation and retention (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

register("person.export", _("Person's data exported"), target="people.person")
register("retention.run", _("Retention periods applied"), target="organisations.organisation")
