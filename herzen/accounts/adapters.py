"""How django-allauth behaves for Herzen's staff: nobody signs up, and nobody removes their last second factor."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

# Factors that prove possession by themselves; recovery codes only stand in for a lost one.
PRIMARY_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are created by the platform operator through the audited account services.
        return False


class StaffMfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # MFA is required for every staff member: the last authenticator app or passkey cannot be removed
        # (add another one first).
        if authenticator.type not in PRIMARY_FACTORS:
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=PRIMARY_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()
