"""Settings shared by every environment. Values that differ between deployments come from config.env."""

from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = env.BASE_DIR
DEBUG = env.DEBUG
SECRET_KEY = env.SECRET_KEY
ALLOWED_HOSTS = env.ALLOWED_HOSTS

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "herzen.core",
    "herzen.audit",
    "herzen.encryption",
    "herzen.accounts",
    "herzen.organisations",
    "herzen.jobs",
    "herzen.notifications",
    "herzen.people",
    "herzen.cases",
    "herzen.sharing",
    "herzen.aid",
    "herzen.evidence",
    "herzen.pathways",
    "herzen.resettlement",
    "herzen.api",
    "herzen.intake",
    "herzen.retention",
    "herzen.legal_rules",
    "herzen.identity",
    "herzen.web",
    "herzen.demo",
    "herzen.operations",
    "herzen.documents",
    "herzen.statistics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Ends sessions idle for 30 minutes or older than 12 hours, before anything reads the user.
    "herzen.accounts.middleware.SessionLimitsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # New pages are private unless a view opts out with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A signed-in user who has not passed a second factor in this session reaches only the MFA pages.
    "herzen.accounts.middleware.MfaRequiredMiddleware",
    "herzen.organisations.middleware.ActorMiddleware",
    "herzen.encryption.middleware.KeyCacheMiddleware",
    # A value that fails its integrity check is refused with a translated page, never shown.
    "herzen.encryption.middleware.IntegrityErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "herzen.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "herzen" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "herzen.organisations.context_processors.actor",
                "herzen.notifications.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {"default": env.database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Russian first: most staff and every applicant read it; English for international partners.
LANGUAGE_CODE = "ru"
# The public intake also speaks Ukrainian, German and Czech (complete) and Georgian, Armenian and Kazakh (the
# core flow); a string missing in any of them falls back to Russian (Django's fallback to LANGUAGE_CODE).
LANGUAGES = [
    ("ru", _("Russian")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("de", _("German")),
    ("cs", _("Czech")),
    ("ka", _("Georgian")),
    ("hy", _("Armenian")),
    ("kk", _("Kazakh")),
]
LOCALE_PATHS = [BASE_DIR / "herzen" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "herzen" / "static"]  # project-wide CSS, favicon and vendored htmx
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# URLs carry case ids and search terms (names): no Referer ever leaves for another host. Not "no-referrer":
# with it Chromium sends `Origin: null` on same-site form posts, which Django's CSRF check rightly refuses.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Staff sessions (herzen.accounts.middleware.SessionLimitsMiddleware): ended after 30 minutes without a
# request and 12 hours after login whatever happens; the cookie itself never outlives the absolute limit.
# An organisation admin's invitation of a new staff member (herzen.organisations): its link works once, this long.
HERZEN_STAFF_INVITATION_DAYS = 3
HERZEN_SESSION_IDLE_SECONDS = 30 * 60
HERZEN_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = HERZEN_SESSION_ABSOLUTE_SECONDS
# Sessions live in the database; the browser holds only their random key. Messages ("Anna Petrova added to the
# household") are kept in the session too: the default cookie storage would carry them signed but readable.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Replayed one-time codes and login throttles are counted in the cache: it must be shared by every worker
# process, so it lives in the database (the table is created by a migration of herzen.accounts).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "herzen_cache"},
}

# Staff login: django-allauth (username + password, then a second factor). Accounts are created by the
# platform operator; nobody signs up, and nobody resets a password by e-mail (e-mail is no factor here).
ACCOUNT_ADAPTER = "herzen.accounts.adapters.StaffAccountAdapter"
ACCOUNT_FORMS = {"login": "herzen.accounts.forms.StaffLoginForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords, per client address (StaffAccountAdapter.pre_authenticate): 30 in 15 minutes. Per
    # account, wrong passwords slow down the client that types them (herzen.accounts.throttle: exponential
    # back-off) instead of locking the account, so nobody can lock a colleague out by knowing a user name.
    "login_failed_address": "30/15m/ip",
    # Wrong second-factor codes (allauth's MFA stage, reached only with the right password): "key" is the
    # user, five wrong codes stop that account's second stage for 15 minutes; plus the per-address cap.
    "login_failed": "30/15m/ip,5/15m/key",
}
# The client's address is the TCP peer's unless reverse proxies stand in front: each trusted proxy appends the
# address it saw to X-Forwarded-For, and the one appended by the outermost trusted proxy is the client's
# (docs/operations.md, "Reverse proxy and client addresses"). Production refuses to start without it set.
ALLAUTH_TRUSTED_PROXY_COUNT = env.TRUSTED_PROXY_COUNT or 0
# Per-account back-off (herzen.accounts.throttle): this many wrong passwords for a user name are free, then
# each client waits 1 s, 2 s, 4 s ... (at most 15 minutes) after its own last wrong password for that name.
HERZEN_LOGIN_FREE_FAILURES = 5
HERZEN_LOGIN_BACKOFF_MAX_SECONDS = 15 * 60
MFA_ADAPTER = "herzen.accounts.adapters.StaffMfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Herzen"
MFA_TOTP_TOLERANCE = 0
MFA_ALLOW_UNVERIFIED_EMAIL = True  # staff e-mail addresses are not verified by Herzen and are no factor

# Content Security Policy (django-csp): nothing from another host, no inline script or style, no plugins,
# no framing. allauth's WebAuthn pages pass their data in <script type="application/json">, which never runs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "manifest-src": ["'self'"],
    },
}
# Powerful browser features Herzen never uses are switched off for every page (herzen.core.middleware);
# publickey-credentials-* stay allowed for this origin: passkeys need them.
HERZEN_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "herzen.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["herzen.api.permissions.IsOrganisationMember"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "herzen.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "herzen.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Herzen API",
    "DESCRIPTION": "Cases, persons, households, identity documents and stays of exiles in transit.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page loads Swagger UI from our own static files (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # A URL with several methods is served by one operation class per method (herzen.core.api.resource).
    "PREPROCESSING_HOOKS": ["herzen.core.api.expand_resources"],
    # Text that is only spaces is blank once trimmed: say so where blank text is refused.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "herzen.core.api.refuse_blank_text_in_schema",
        "herzen.api.pagination.document_page_errors",
    ],
    # Fields named alike ("status", "kind") carry different vocabularies; name each vocabulary once.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "herzen.cases.models.CaseStatus",
        "PriorityBandEnum": "herzen.cases.models.PriorityBand",
        "DocumentStatusEnum": "herzen.people.choices.DocumentStatus",
        "ContactKindEnum": "herzen.people.choices.ContactKind",
        "RiskFactorKindEnum": "herzen.people.choices.RiskFactorKind",
        "HouseholdRoleEnum": "herzen.people.choices.HouseholdRole",
        "MemberRoleEnum": "herzen.people.apis.households.MEMBER_ROLES",
        "DeadlineKindEnum": "herzen.people.apis.stays.DEADLINE_KINDS",
        "EvidenceKindEnum": "herzen.evidence.models.EvidenceKind",
        "DeclarationKindEnum": "herzen.people.declaration_texts.DeclarationKind",
        "CountryCodeEnum": "herzen.core.api.COUNTRY_CODES",
        "OfferKindEnum": "herzen.resettlement.models.OfferKind",
        "DocumentTypeEnum": "herzen.people.choices.DocumentType",
        "SealedDocumentStatusEnum": "herzen.documents.models.DocumentStatus",
        "SealedDocumentTypeEnum": "herzen.documents.apis.SEALED_DOCUMENT_TYPES",
        "AidChannelEnum": "herzen.aid.models.CHANNEL_CHOICES",
        "AidSepaEnum": "herzen.aid.apis.SEPA_ONLY",
        "AidLocalBankEnum": "herzen.aid.apis.LOCAL_BANK_ONLY",
        "AidCashEnum": "herzen.aid.apis.CASH_ONLY",
        "AidCryptoEnum": "herzen.aid.apis.CRYPTO_ONLY",
        "AidOperatorEnum": "herzen.aid.apis.OPERATOR_ONLY",
        "AidStatusReportKindEnum": "herzen.aid.apis.REPORT_KINDS",
        "MatchRunStatusEnum": "herzen.resettlement.models.RunStatus",
        "ProposalStatusEnum": "herzen.resettlement.models.ProposalStatus",
        "MatchRunPolicyEnum": "herzen.resettlement.models.RunPolicy",
    },
}

HERZEN_API_TOKEN_DAYS = env.API_TOKEN_DAYS
# Builds the Actor of an API request (herzen.core.api cannot import herzen.organisations: it is a lower layer).
HERZEN_ACTOR_RESOLVER = "herzen.organisations.actors.actor_for_request"
HERZEN_STAY_RULES_FILE = env.STAY_RULES_FILE
# A JSON document merged over herzen.domain.risk's default priority weights (see priority_weights.py there).
HERZEN_PRIORITY_WEIGHTS_FILE = env.PRIORITY_WEIGHTS_FILE
# A JSON document of retention periods merged over herzen.domain.retention's defaults (`herzen retention run`).
HERZEN_RETENTION_POLICY_FILE = env.RETENTION_POLICY_FILE

# Tamper-evident audit (herzen.audit.chain, `herzen audit checkpoint|verify`). The signer is a dotted path to a
# function returning a herzen.domain.ledger.Signer (a key file by default; a KMS adapter in a hardened setup).
HERZEN_AUDIT_SIGNER = env.AUDIT_SIGNER
HERZEN_AUDIT_SIGNING_KEY_FILE = env.AUDIT_SIGNING_KEY_FILE
HERZEN_AUDIT_GENERATE_KEY = False  # only the demo makes its own key
# Where `herzen demo` keeps its logins between runs (herzen.demo.logins); the demo's settings set it to var/.
HERZEN_DEMO_LOGINS_FILE = env.DATA_DIR / "demo-logins.json"
# Public keys (PEM files) that verification also trusts: keys used before a rotation, or a witness's copy.
HERZEN_AUDIT_TRUSTED_KEYS = env.AUDIT_TRUSTED_KEYS
HERZEN_AUDIT_CHECKPOINT_DIR = env.AUDIT_CHECKPOINT_DIR
# The sequenced log (herzen.audit.sequencer, ADR 0080): events are sequenced, signed and witnessed within the
# merge delay, or /health/ fails. The MAC key that authenticates each event is derived from the root secret
# this function returns (the encryption keyring's, never the database's).
HERZEN_AUDIT_MERGE_DELAY_SECONDS = env.AUDIT_MERGE_DELAY_SECONDS
HERZEN_AUDIT_MAC_ROOT = "herzen.encryption.keyring.blind_index_root"
HERZEN_AUDIT_WITNESSES = env.AUDIT_WITNESSES

# The public intake (herzen.intake). Uploads live outside the web root and are served only by an authorised
# view; a draft untouched for HERZEN_INTAKE_DRAFT_EXPIRY_DAYS is dead and deleted by `purgeintakedrafts`.
HERZEN_PRIVATE_MEDIA_ROOT = env.PRIVATE_MEDIA_DIR
HERZEN_INTAKE_UPLOAD_MAX_BYTES = env.INTAKE_UPLOAD_MAX_MB * 1024 * 1024
HERZEN_INTAKE_MAX_UPLOADS = 10
HERZEN_INTAKE_RESENDS_PER_HOUR = 3  # "send me my link" must not flood anyone's inbox
HERZEN_INTAKE_DRAFT_EXPIRY_DAYS = env.INTAKE_DRAFT_EXPIRY_DAYS
HERZEN_CLAMAV_COMMAND = env.CLAMAV_COMMAND
# clamd's socket for every uploaded file (herzen.evidence.pipeline); empty: Debian's default if it exists.
HERZEN_CLAMD_SOCKET = env.CLAMD_SOCKET
# No mail or SMS gateway yet: links are "sent" through Django's e-mail backend (console by default).
EMAIL_BACKEND = env.EMAIL_BACKEND
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
# SMTP (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend) from the environment.
EMAIL_HOST = env.EMAIL_HOST
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS
EMAIL_USE_SSL = env.EMAIL_USE_SSL
EMAIL_TIMEOUT = 30

# Background jobs (herzen.jobs, ADR 0070): the Django Tasks API with the database backend, so no broker is
# needed; `herzen worker` runs them and the schedules. Referral lists of more rows, and decision imports and
# dossiers of more bytes, than the thresholds become jobs.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
HERZEN_EXPORT_JOB_THRESHOLD = env.EXPORT_JOB_THRESHOLD
HERZEN_IMPORT_JOB_THRESHOLD_BYTES = env.IMPORT_JOB_THRESHOLD_BYTES
HERZEN_DOSSIER_JOB_THRESHOLD_BYTES = env.DOSSIER_JOB_THRESHOLD_BYTES
# The health endpoint calls the worker down when its last heartbeat is older than this, and the backlog
# too long when more jobs than this are waiting to run.
HERZEN_WORKER_HEARTBEAT_STALE_SECONDS = 120
HERZEN_JOB_BACKLOG_LIMIT = env.JOB_BACKLOG_LIMIT
HERZEN_HEALTH_TOKEN = env.HEALTH_TOKEN
HERZEN_BACKUP_DIR = env.BACKUP_DIR
HERZEN_BACKUP_RECIPIENTS = env.BACKUP_RECIPIENTS
# Notifications (herzen.notifications): Telegram bot for applicants who opt in (empty token: no Telegram).
HERZEN_TELEGRAM_BOT_TOKEN = env.TELEGRAM_BOT_TOKEN
HERZEN_TELEGRAM_BOT_NAME = env.TELEGRAM_BOT_NAME
HERZEN_TELEGRAM_API_URL = env.TELEGRAM_API_URL
# The site's public address, for links in e-mails (staff inbox notices, applicants' "open your private link").
HERZEN_PUBLIC_URL = env.PUBLIC_URL

HERZEN_EVIDENCE_DIR = env.EVIDENCE_DIR
HERZEN_EVIDENCE_MAX_BYTES = env.EVIDENCE_MAX_MB * 1024 * 1024

# Encryption at rest (herzen.encryption): key-encryption keys and the blind-index root come from the
# environment, a key store (HERZEN_KEYRING_LOADER) or files in HERZEN_KEY_DIR, never from the database.
HERZEN_KEY_DIR = env.KEY_DIR
HERZEN_KEK = env.KEK
HERZEN_BLIND_INDEX_KEY = env.BLIND_INDEX_KEY
HERZEN_KEYRING_LOADER = env.KEYRING_LOADER
HERZEN_CREATE_MISSING_KEYS = False  # local settings generate missing key files; production never does
# Sealed documents (herzen.documents.keystore): seal signing keys, one PEM file per key id, and the operator's
# trust-list key; or a KMS through HERZEN_SEAL_SIGNER_LOADER (a dotted path to `(kid) -> SealSigner`; the same
# signer makes the PDFs' PAdES signatures). "herzen.documents.keystore.secret_signer" reads each key from a
# secret store's environment variable HERZEN_SEAL_KEY_<KID> (PKCS#8 PEM) into memory only.
HERZEN_SEAL_KEY_DIR = env.KEY_DIR / "seals"
HERZEN_SEAL_SIGNER_LOADER = ""
HERZEN_SEAL_CREATE_OPERATOR_KEY = False  # local, demo and test settings make their own operator key
# Persons the deployment expects: sizes the blind-index truncation (herzen.encryption.blind).
HERZEN_BLIND_INDEX_POPULATION = env.BLIND_INDEX_POPULATION

# Application logs never carry personal data; they name records by id only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_query_strings": {"()": "herzen.core.logfilters.StripQueryStrings"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_query_strings"]}
    },
    "root": {"handlers": ["console"], "level": env.LOG_LEVEL},
    # Django's request logger would print URLs with search queries (names) on errors.
    # django.server (runserver's request lines) goes through the same filtered handler.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # httpx logs each request's URL, and the Telegram Bot API's URL holds the bot token.
        "httpx": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "httpcore": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
