from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Staff of the organisations that use Herzen. Applicants are not users; they have no password here."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username
