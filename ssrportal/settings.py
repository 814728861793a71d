"""Settings for the SSR Coordination Portal.

This module alone reads the environment (django-environ). With nothing set, the portal runs on an
SQLite file under var/, sends mail to the console, and runs Celery tasks in-process. Setting
DATABASE_URL and REDIS_URL switches to PostgreSQL and a Redis broker with real workers.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string "
            "(or DEBUG=1 for a development run)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set ALLOWED_HOSTS to the host names the portal answers to, "
        "comma-separated (e.g. ALLOWED_HOSTS=ssr.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ssrportal.admin_site.PortalAdminConfig",  # django.contrib.admin, for the Admin group
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "import_export",
    "ssrportal",
    "partners",
    "workshops",
    "lessons",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ssrportal.middleware.CleanQueryMiddleware",
    "ssrportal.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ssrportal.middleware.UserLanguageMiddleware",
    "ssrportal.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ssrportal.urls"
WSGI_APPLICATION = "ssrportal.wsgi.application"

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
                "ssrportal.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://...).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ssrportal.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out sign-in before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Repeated failed sign-ins lock out one user name from one address for a while: a whole office
# behind one address is not locked out by one person, and nobody locks out another's account
# from elsewhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Its records hold 255 characters: a longer name typed at sign-in is cut, not a 500.
AXES_USERNAME_CALLABLE = "ssrportal.access.sign_in_name"
# The client's address (django-ipware). PROXY_COUNT=0: the portal faces the clients, and any
# X-Forwarded-For header is ignored (anyone can write one). PROXY_COUNT=N: N reverse proxies
# in front, the last one setting X-Forwarded-For as nginx's $proxy_add_x_forwarded_for does
# ("client, proxy 1, …, proxy N-1"): ipware counts the N-1 proxies listed. A header that does
# not have that shape (one forged by the client) is not believed: the address is then the
# proxy's, never one the client chose.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions end after SESSION_IDLE_MINUTES without a request (IdleSessionMiddleware renews them
# while the user is active). They live in the cache and the database: pages read them without
# a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=120) * 60

# Languages: English and French ship complete; Portuguese and Arabic are ready for catalogs.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
]
# The languages offered in the switcher: those whose catalogs are complete.
UI_LANGUAGES = ["en", "fr"]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ssrportal.formats"]
USE_I18N = True
TIME_ZONE = "Africa/Addis_Ababa"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    # Uploaded documents: under MEDIA_ROOT, or any Django storage (an S3 one, say) shared by
    # every web process.
    "default": {
        "BACKEND": env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REDIS_URL = env.str("REDIS_URL", default="")

# Cache: Redis when there is one (shared by every web process), process memory otherwise.
# A Redis outage slows pages down, never fails them (django-redis ignores its errors, logged):
# sessions are read from the database (cached_db), roles and choice lists computed again.
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=0.5)
CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "ssrportal.cache"

# Celery: with no REDIS_URL every task runs in-process, so the embedded default needs no broker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# A broker that is down must not hold a request: publishing gives up at once (the notices stay
# queued in the database and the periodic sweep sends them once the broker is back).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
CELERY_TIMEZONE = TIME_ZONE
# Celery beat (`celery -A ssrportal beat`): the sweep sends what is due or was left behind.
CELERY_BEAT_SCHEDULE = {
    "notices-sweep": {
        "task": "workshops.tasks.sweep_notices",
        "schedule": env.float("NOTICE_SWEEP_SECONDS", default=60.0),
    },
    "lessons-overdue-actions": {
        "task": "lessons.tasks.record_overdue_notices",
        "schedule": 3600.0,
    },
}

# E-mail: the console unless EMAIL_URL is given (smtp://user:pass@host:587, or consolemail://,
# filemail:// with EMAIL_FILE_PATH).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="SSR Coordination Portal <ssr-portal@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# The portal's address as participants reach it (answer links and links in notices).
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")

# Notices (workshops.notices): sender, reply-to and footer of every notice.
NOTICE_FROM_EMAIL = env.str("NOTICE_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
NOTICE_REPLY_TO = env.list("NOTICE_REPLY_TO", default=[])
NOTICE_FOOTER = env.str("NOTICE_FOOTER", default="")  # empty: the portal's translated footer
# The right-hand part of each notice's Message-ID (<notice.…@domain>): the portal's host name.
NOTICE_MESSAGE_ID_DOMAIN = env.str("NOTICE_MESSAGE_ID_DOMAIN", default="ssr-portal.localhost")
# Reminders go this many days before an event starts.
NOTICE_REMINDER_DAYS = env.list("NOTICE_REMINDER_DAYS", cast=int, default=[7, 1])
# Notices sent on one SMTP connection by one task.
NOTICE_BATCH_SIZE = env.int("NOTICE_BATCH_SIZE", default=100)
# Temporary SMTP failures are tried again after NOTICE_RETRY_SECONDS, then twice as long each
# time, and the notice fails after NOTICE_MAX_ATTEMPTS tries.
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=5)
NOTICE_RETRY_SECONDS = env.float("NOTICE_RETRY_SECONDS", default=60.0)
# A worker's claim on a batch lapses after this long (a killed worker): the sweep frees it.
NOTICE_CLAIM_SECONDS = env.float("NOTICE_CLAIM_SECONDS", default=900.0)
# The sweep leaves rows younger than this to the task their cause queued, and hands at most
# NOTICE_SWEEP_LIMIT rows to the workers each time it runs.
NOTICE_SWEEP_GRACE_SECONDS = env.float("NOTICE_SWEEP_GRACE_SECONDS", default=30.0)
NOTICE_SWEEP_LIMIT = env.int("NOTICE_SWEEP_LIMIT", default=20000)
# How long a participant's answer link stays valid (answers also close when the event starts).
NOTICE_ANSWER_LINK_DAYS = env.int("NOTICE_ANSWER_LINK_DAYS", default=180)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django's, with <select>s written in Python rather than a template per <option>.
FORM_RENDERER = "ssrportal.forms_renderer.PortalFormRenderer"
# Uploads keep a name the disk can hold, whatever the browser sends (ssrportal/filenames.py).
FILE_UPLOAD_HANDLERS = [
    "ssrportal.filenames.ShortNamesInMemory",
    "ssrportal.filenames.ShortNamesOnDisk",
]

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The admin's exports write no live formula (a cell "=HYPERLINK(...)" loses its "="), and no
# character openpyxl refuses; the portal's own exports keep the text behind an apostrophe
# (ssrportal/exports.py).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# Security: strict by default; a plain-HTTP development run relaxes only what HTTP cannot do.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language switcher's cookie, like the others: same-site, and secure with them.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content security policy: our own files only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Tests: a missing PostgreSQL or Redis fails the run instead of being skipped (.ci/run sets it).
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
