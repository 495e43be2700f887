"""The one place that reads the process environment.

Every setting that can differ between a laptop demo, CI and a production deployment is read here, so
that `.env.example` can list them all and nothing else in the code calls `os.environ`.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is a convenience for local work; real deployments set the environment itself.
_env_file = BASE_DIR / ".env"
if _env_file.is_file():
    env.read_env(str(_env_file))

DEBUG: bool = env.bool("HERZEN_DEBUG", default=False)
SECRET_KEY: str = env.str("HERZEN_SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("HERZEN_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
DATABASE_URL: str = env.str("DATABASE_URL", default="")
DATA_DIR: Path = Path(env.str("HERZEN_DATA_DIR", default=str(BASE_DIR / "var")))
API_TOKEN_DAYS: int = env.int("HERZEN_API_TOKEN_DAYS", default=30)
STAY_RULES_FILE: str = env.str("HERZEN_STAY_RULES_FILE", default="")
PRIORITY_WEIGHTS_FILE: str = env.str("HERZEN_PRIORITY_WEIGHTS_FILE", default="")
RETENTION_POLICY_FILE: str = env.str("HERZEN_RETENTION_POLICY_FILE", default="")

# Evidence files (court papers, summonses, medical records): never under the web root.
EVIDENCE_DIR: Path = Path(env.str("HERZEN_EVIDENCE_DIR", default="") or DATA_DIR / "evidence")
EVIDENCE_MAX_MB: int = env.int("HERZEN_EVIDENCE_MAX_MB", default=25)
LOG_LEVEL: str = env.str("HERZEN_LOG_LEVEL", default="INFO")
# The Ed25519 key that signs audit checkpoints: outside the database, ideally outside this machine (a KMS).
AUDIT_SIGNING_KEY_FILE: str = env.str(
    "HERZEN_AUDIT_SIGNING_KEY_FILE", default=str(DATA_DIR / "audit-signing-key.pem")
)
AUDIT_SIGNER: str = env.str("HERZEN_AUDIT_SIGNER", default="herzen.audit.keys.file_signer")
AUDIT_TRUSTED_KEYS: list[str] = env.list("HERZEN_AUDIT_TRUSTED_KEYS", default=[])
AUDIT_CHECKPOINT_DIR: str = env.str(
    "HERZEN_AUDIT_CHECKPOINT_DIR", default=str(DATA_DIR / "audit-checkpoints")
)
# The promised maximum merge delay: every committed audit or access event is sequenced and signed within it.
AUDIT_MERGE_DELAY_SECONDS: float = env.float("HERZEN_AUDIT_MERGE_DELAY_SECONDS", default=10.0)
# Witnesses that cosign checkpoints: "URL=public-key.pem" items, comma-separated (herzen.audit.witnessing).
AUDIT_WITNESSES: list[str] = env.list("HERZEN_AUDIT_WITNESSES", default=[])

# The public intake (herzen.intake): where uploads are kept, how large they may be, how long drafts live.
PRIVATE_MEDIA_DIR: Path = Path(env.str("HERZEN_PRIVATE_MEDIA_DIR", default=str(DATA_DIR / "private")))
INTAKE_UPLOAD_MAX_MB: int = env.int("HERZEN_INTAKE_UPLOAD_MAX_MB", default=10)
INTAKE_DRAFT_EXPIRY_DAYS: int = env.int("HERZEN_INTAKE_DRAFT_EXPIRY_DAYS", default=30)
CLAMAV_COMMAND: str = env.str("HERZEN_CLAMAV_COMMAND", default="")
CLAMD_SOCKET: str = env.str("HERZEN_CLAMD_SOCKET", default="")
EMAIL_BACKEND: str = env.str("HERZEN_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL: str = env.str("HERZEN_DEFAULT_FROM_EMAIL", default="herzen@localhost")
# The SMTP relay production sends through (Django's smtp backend); unused by the other backends.
EMAIL_HOST: str = env.str("HERZEN_EMAIL_HOST", default="localhost")
EMAIL_PORT: int = env.int("HERZEN_EMAIL_PORT", default=25)
EMAIL_HOST_USER: str = env.str("HERZEN_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD: str = env.str("HERZEN_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS: bool = env.bool("HERZEN_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL: bool = env.bool("HERZEN_EMAIL_USE_SSL", default=False)

# Reverse proxies in front of Herzen that append the client's address to X-Forwarded-For (0: none, the
# address is the TCP peer's). Unset is None: production refuses to start without an explicit value.
_proxy_count = env.str("HERZEN_TRUSTED_PROXY_COUNT", default="").strip()
TRUSTED_PROXY_COUNT: int | None = int(_proxy_count) if _proxy_count else None
PUBLIC_URL: str = env.str("HERZEN_PUBLIC_URL", default="http://127.0.0.1:8000")

# Background jobs, notifications and monitoring (herzen.jobs, herzen.notifications, herzen.operations).
EXPORT_JOB_THRESHOLD: int = env.int("HERZEN_EXPORT_JOB_THRESHOLD", default=500)
DOSSIER_JOB_THRESHOLD_BYTES: int = env.int("HERZEN_DOSSIER_JOB_THRESHOLD_BYTES", default=20 * 1024 * 1024)
IMPORT_JOB_THRESHOLD_BYTES: int = env.int("HERZEN_IMPORT_JOB_THRESHOLD_BYTES", default=64 * 1024)
JOB_BACKLOG_LIMIT: int = env.int("HERZEN_JOB_BACKLOG_LIMIT", default=1000)
# Backups (`herzen backup`): where they go and the age public keys (age1…) they are encrypted to.
BACKUP_DIR: Path = Path(env.str("HERZEN_BACKUP_DIR", default=str(DATA_DIR / "backups")))
BACKUP_RECIPIENTS: list[str] = env.list("HERZEN_BACKUP_RECIPIENTS", default=[])
# A monitor that sends `Authorization: Bearer <this>` to /health/ gets the details, not just up or down.
HEALTH_TOKEN: str = env.str("HERZEN_HEALTH_TOKEN", default="")
TELEGRAM_BOT_TOKEN: str = env.str("HERZEN_TELEGRAM_BOT_TOKEN", default="")
TELEGRAM_BOT_NAME: str = env.str("HERZEN_TELEGRAM_BOT_NAME", default="")
TELEGRAM_API_URL: str = env.str("HERZEN_TELEGRAM_API_URL", default="https://api.telegram.org")

# Keys that protect personal data at rest (herzen.encryption.keyring): never in the database.
KEY_DIR: Path = Path(env.str("HERZEN_KEY_DIR", default=str(DATA_DIR / "keys")))
KEK: str = env.str("HERZEN_KEK", default="")
BLIND_INDEX_KEY: str = env.str("HERZEN_BLIND_INDEX_KEY", default="")
KEYRING_LOADER: str = env.str("HERZEN_KEYRING_LOADER", default="")
BLIND_INDEX_POPULATION: int = env.int("HERZEN_BLIND_INDEX_POPULATION", default=1200)


def database_config() -> dict[str, object]:
    """PostgreSQL when DATABASE_URL is set; otherwise the zero-set-up SQLite file of the demo."""
    if DATABASE_URL:
        config = env.db_url_config(DATABASE_URL)
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "herzen.sqlite3")}
    config["ATOMIC_REQUESTS"] = False  # services own their transactions
    config["CONN_MAX_AGE"] = 60 if DATABASE_URL else 0
    return config
