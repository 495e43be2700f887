from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Staff of the organisations that use Herzen. Applicants are not users; they have no password here."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class StaffSession(models.Model):
    """Which sessions belong to which user, so that disabling an account can end every one of them at once
    (Django's session table stores the user id only inside the encoded session data)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"session of user {self.user_id}"
