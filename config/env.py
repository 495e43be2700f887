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
LOG_LEVEL: str = env.str("HERZEN_LOG_LEVEL", default="INFO")
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
