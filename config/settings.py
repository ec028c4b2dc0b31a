"""Accountable's one settings module.

Every deploy-specific value comes from the environment (documented in `.env.example` and the
README). With nothing set, the site runs on the newcomer defaults: DEBUG on, a SQLite file,
tasks run eagerly and a local-memory cache.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def secret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text().strip()
    return env.str(name, default=default)


DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "officers",
    "reports",
    "oversight",
    "pra",
    "incidents",
    "ingest",
    "api",
    "downloads",
    "discovery",
    "corrections",
    "records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.signin.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.DependencyOutageMiddleware",
    # Last, so it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]
# When Redis or the broker is down, these paths answer 503 in their API's own envelope (the
# rest get the translated "try again" page): see core.middleware.DependencyOutageMiddleware.
DEPENDENCY_OUTAGE_ANSWERS = [
    ("/API/", "api.badapple.unavailable"),
    ("/api/", "api.exceptions.unavailable"),
]
# The home page's counts, each from the app that owns the records (core.selectors.site_counts).
SITE_COUNTS = {
    "oversight_bodies": "oversight.selectors.commission_public_count",
    "departments": "officers.selectors.department_public_count",
    "officers": "officers.selectors.officer_public_count",
    "reports": "reports.selectors.report_public_count",
    "incidents": "incidents.selectors.public.incident_public_count",
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# PostgreSQL in production (DATABASE_URL=postgres://user:pass@host:5432/name); a SQLite file
# in the project folder when unset.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so a real Celery worker could open the test database too.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's validators. CommonPasswordValidator is the offline breached-password check: it ships
# the 20,000 passwords most often found in breaches (no network call on sign-up).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Offline: leaked passwords and easy guesses (zxcvbn's shipped lists; core/passwords.py).
    {"NAME": "core.passwords.BreachedPasswordValidator"},
]

# --- Redis: Celery broker and cache ---------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="accountable"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# Redis hands an unacknowledged task to another worker after this many seconds. With acks_late
# that is how a task survives a killed worker, so it must exceed the longest task time limit
# (the weekly link check, 3 h): kombu's default hour would run that task twice at once, and
# a lower value would redeliver a long task while it is still running.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=4 * 60 * 60),
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"

# --- Audit history (core.models.AuditHistory) --------------------------------------------------
# History is read one record at a time, by the record's id: no index on history_date.
SIMPLE_HISTORY_DATE_INDEX = False

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads (photos, face crops) on S3-compatible object storage (AWS S3, MinIO, Backblaze B2...)
# instead of MEDIA_ROOT when MEDIA_S3_BUCKET is set. URLs are signed and expire unless
# MEDIA_S3_PUBLIC_URLS is on: a bucket holds submitted originals that must stay private until
# reviewed. The classifier's files stay on the local disk (MEDIA_ROOT) in either case.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "location": env.str("MEDIA_S3_PREFIX", default=""),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": secret("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": secret("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "querystring_auth": not env.bool("MEDIA_S3_PUBLIC_URLS", default=False),
            "querystring_expire": env.int("MEDIA_S3_URL_SECONDS", default=60 * 60),
            "default_acl": None,
            # A new upload never replaces an older file that has the same name.
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# Data sets the demo loader and the trainers read: `../shared/data` when it is there (the
# project's maintained copy), else the copy shipped in `data/`.
DATA_DIR = Path(
    env.str(
        "DATA_DIR",
        default=str(
            BASE_DIR.parent / "shared" / "data"
            if (BASE_DIR.parent / "shared" / "data").is_dir()
            else BASE_DIR / "data"
        ),
    )
)

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # SECURE_SSL_REDIRECT=0 is the plain-HTTP local mode (a trial on http://127.0.0.1): no
    # redirect to https, no HSTS, and cookies that a browser sends over plain HTTP.
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = (
        env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365) if SECURE_SSL_REDIRECT else 0
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
    CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
# Whether the visitor came over https is decided by gunicorn, not here: it honours the proxy's
# X-Forwarded-Proto only from --forwarded-allow-ips (the proxy's address) and sets the WSGI
# scheme. SECURE_PROXY_SSL_HEADER stays unset because Django would read that header from any
# client that reaches gunicorn directly (docs/deploy.md).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# --- Staff sign-in (README "Roles and sign-in") --------------------------------------------
# django-axes counts failed sign-ins (admin and public page alike) in the database, per account
# and, separately, per address; either reaching the limit locks further tries for the cool-off.
# Admins unlock under Admin → Axes → Access attempts (or `manage.py axes_reset_username NAME`).
# Its access log is the audit record of every sign-in, its failure log of every failure.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.signin.client_address"
# Its start-up banner on every manage.py command says nothing an operator needs.
AXES_VERBOSE = False
# Staff, curators, reviewers and admins must give a second factor (TOTP, or a recovery code)
# for the admin and every work page; their sessions end this many seconds after signing in.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Accountable")
STAFF_SESSION_SECONDS = env.int("STAFF_SESSION_SECONDS", default=8 * 60 * 60)

# --- Content-Security-Policy (django-csp) --------------------------------------------------
# No inline script anywhere: every script is a static file. Inline *styles* are allowed: the
# meters, charts and face boxes carry their computed sizes in style attributes, Leaflet writes
# its own, and a style cannot run code. CSP_REPORT_ONLY=1 sends the same policy as
# report-only (to try a change on a live site without breaking it); .ci/smoke serves it so first,
# collecting reports from a browser crawl, then enforced.
_tile_sources = []
if env.str("MAP_TILE_URL", default=""):
    from urllib.parse import urlsplit

    _tile = urlsplit(env.str("MAP_TILE_URL").replace("{s}.", "*."))
    _tile_sources = [f"{_tile.scheme}://{_tile.netloc}"]
_csp = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_tile_sources],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Where browsers send violation reports (any collector that takes report-uri POSTs); none if empty.
CSP_REPORT_URI = env.str("CSP_REPORT_URI", default="")
if CSP_REPORT_URI:
    _csp["DIRECTIVES"]["report-uri"] = [CSP_REPORT_URI]
CSP_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)
if CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Accountable API",
    "DESCRIPTION": "Read-only access to published police-accountability records.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Error answers of every operation, and the Bad Apple endpoints (api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.postprocess"],
    # One schema name per choice set shared by several fields.
    "ENUM_NAME_OVERRIDES": {
        "UsStateEnum": "core.choices.UsState",
        "JurisdictionEnum": "pra.choices.JURISDICTION_CHOICES",
        "FactSourceEnum": "pra.choices.FactSource",
    },
}

# django-ratelimit counts in the default cache; locmem is per-process, so say so in dev only.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# Behind a proxy: the request header holding the client's address (e.g. HTTP_X_FORWARDED_FOR),
# so per-address limits count people, not the proxy.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="") or None
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Integrations ---------------------------------------------------------------------------
TWITTER_BEARER_TOKEN = secret("TWITTER_BEARER_TOKEN")
TWITTER_API_BASE_URL = env.str("TWITTER_API_BASE_URL", default="https://api.twitter.com")

# Force-rank classifier.
CLASSIFIER_BASE_CHECKPOINT = env.str("CLASSIFIER_BASE_CHECKPOINT", default="")
CLASSIFIER_MAX_LENGTH = env.int("CLASSIFIER_MAX_LENGTH", default=128)
CLASSIFIER_BATCH_SIZE = env.int("CLASSIFIER_BATCH_SIZE", default=32)
CLASSIFIER_THREADS = env.int("CLASSIFIER_THREADS", default=0)
CLASSIFIER_MIN_CONFIDENCE = env.float("CLASSIFIER_MIN_CONFIDENCE", default=0.6)
# The word model alone ranks posts whose rank the encoder could not change (docs/classifier.md).
CLASSIFIER_CASCADE = env.bool("CLASSIFIER_CASCADE", default=True)

# External link checker (commission and report URLs): seconds per request, pause between two
# requests to the same host, hosts checked at once.
LINK_CHECK_TIMEOUT = env.float("LINK_CHECK_TIMEOUT", default=10.0)
LINK_CHECK_HOST_DELAY = env.float("LINK_CHECK_HOST_DELAY", default=2.0)
LINK_CHECK_MAX_HOSTS = env.int("LINK_CHECK_MAX_HOSTS", default=8)

# Photo submission: uploads per address, and the limits of one file.
PHOTO_SUBMIT_RATE = env.str("PHOTO_SUBMIT_RATE", default="10/h")
PHOTO_MAX_UPLOAD_BYTES = env.int("PHOTO_MAX_UPLOAD_BYTES", default=15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)
# Photos are decoded and stored at most this many pixels on their longest side.
PHOTO_MAX_SIDE = env.int("PHOTO_MAX_SIDE", default=4096)

# Public participation (error reports, witness incidents): submissions per address, the
# fewest seconds a person takes to fill a form (faster is a robot), and how many days the
# contact details a submitter leaves are kept before `purge_contacts` deletes them.
PUBLIC_SUBMIT_RATE = env.str("PUBLIC_SUBMIT_RATE", default="5/h")
PUBLIC_SUBMIT_MIN_SECONDS = env.int("PUBLIC_SUBMIT_MIN_SECONDS", default=3)
CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=90)

# Public map base layer: empty means the offline US states outline shipped with the site.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")

SITE_NAME = "Accountable"
# Licence of the bulk downloads' compilation and of records staff curated without a data set
# (records from a data set keep that data set's licence; each zip's LICENCE.txt lists them).
DOWNLOADS_LICENCE = env.str("DOWNLOADS_LICENCE", default="CC BY 4.0")
DOWNLOADS_LICENCE_URL = env.str(
    "DOWNLOADS_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"permission_refusals_at_info": {"()": "core.logging.PermissionRefusalsAtInfo"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's own console handler (DEBUG only) would print every record a second time through root.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["permission_refusals_at_info"]},
        "django.security.csrf": {"filters": ["permission_refusals_at_info"]},
    },
}
