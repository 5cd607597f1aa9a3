"""One settings module, driven by environment variables, with safe defaults for a laptop.

Production is `DEBUG=false`: it refuses to start without a real `SECRET_KEY` and explicit `ALLOWED_HOSTS`.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("HOMEWARD_VAR_DIR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_flag("DEBUG", True)

_INSECURE_KEY = "django-insecure-homeward-laptop-only"
SECRET_KEY = os.environ.get("SECRET_KEY") or _INSECURE_KEY
if not DEBUG and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured(
        "Homeward runs in production mode (DEBUG=false) and needs a SECRET_KEY of at least 40 random characters."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Homeward runs in production mode (DEBUG=false) and needs ALLOWED_HOSTS.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

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
    "django_filters",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    "homeward.core",
    "homeward.organisations",
    "homeward.people",
    "homeward.cases",
    "homeward.eligibility",
    "homeward.exchange",
    "homeward.reports",
    "homeward.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "homeward.core.middleware.DomainErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "homeward.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "homeward.core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "homeward.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'homeward.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer saves; the busy timeout makes a second writer wait, not fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Many short queries from many users, not a few large ones: no parallel workers (each query of a page would
    # take the cores from the others: under 100 users the pages waited seconds on a server less than half busy), no
    # just-in-time compilation (it spent 0.9 s compiling the year report's 0.2 s queries), and the cost of reading
    # a page out of order as on SSDs and cached tables (1.1, not the 4 of spinning disks: the planner then follows
    # the indexes from a name's persons to their cases instead of reading every household). bench/results.md.
    # Options given in DATABASE_URL (?options=...) come after these and so win.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        ["-c max_parallel_workers_per_gather=0 -c jit=off -c random_page_cost=1.1", _options.get("options", "")]
    ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Argon2 for new and changed passwords; older hashes are still read and upgraded at the next login.
PASSWORD_HASHERS = [
    "homeward.core.hashers.Argon2idHasher",  # OWASP's parameters (core/hashers.py)
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a login while the account is locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Six wrong passwords lock the account (whatever the address they come from) for fifteen minutes. Not by address:
# behind the production proxy every request comes from the proxy's address, and one locked address would lock out
# the whole office (axes.W006 is silenced below for that reason).
AXES_FAILURE_LIMIT = 6
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Selects drawn in Python, not one template per option (core/forms.py): a quarter of a list page's time.
FORM_RENDERER = "homeward.core.forms.QuickSelectRenderer"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Kosovo has no ISO 3166-1 code yet; `XK` is the user-assigned code the EU and the exchange format use.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo (UNSC 1244)")}

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind a TLS-terminating proxy in production, which must set X-Forwarded-Proto (or every request would be
# redirected to HTTPS again and again; SECURE_SSL_REDIRECT=false if the proxy redirects itself). HSTS tells browsers
# to stay on HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading is a promise to browsers that is hard to take back: an operator's choice (security.W021 silenced below).
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", False)
# The year report's indexes carry columns for PostgreSQL's index-only reads (INCLUDE); on SQLite, which has no such
# columns, Django builds them as plain indexes and says so (models.W040) at every migrate: expected, so silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "security.W021", "models.W040"]

# Content-Security-Policy: only this site's own scripts and styles, no inline code (htmx needs none).
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
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# The import page takes files up to this size; the command line `homeward import-cases` has no limit.
IMPORT_UPLOAD_MAX_BYTES = int(os.environ.get("IMPORT_UPLOAD_MAX_BYTES", 20_000_000))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
