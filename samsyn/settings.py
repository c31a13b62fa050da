"""Django settings for Samsyn, read from the environment (see .env.example)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from samsyn.env import env_bool, env_int, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
load_env_file(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", default=False)
SAMSYN_DEMO = env_bool("SAMSYN_DEMO", default=False)
if SAMSYN_DEMO and not DEBUG:
    raise ImproperlyConfigured("SAMSYN_DEMO=1 is refused when DEBUG is off: demo mode skips 2FA.")
# Samsyn's own error pages even with DEBUG on: the demo's users are not developers and should
# see a Swedish 404, not Django's debug page (docs/error-pages.md). A developer who wants the
# debug pages sets SAMSYN_OWN_ERROR_PAGES=0. Without DEBUG the own pages are always used.
SAMSYN_OWN_ERROR_PAGES = env_bool("SAMSYN_OWN_ERROR_PAGES", default=SAMSYN_DEMO)

_INSECURE_PREFIX = "django-insecure"
SECRET_KEY = env_str(
    "SECRET_KEY", default=f"{_INSECURE_PREFIX}-development-only" if DEBUG else None
)
if not DEBUG and (SECRET_KEY.startswith(_INSECURE_PREFIX) or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be a real random key of at least 50 characters.")

# Field encryption keys "id:base64,id:base64"; the first one encrypts (see samsyn/core/crypto.py).
SAMSYN_FIELD_KEYS = env_str("SAMSYN_FIELD_KEYS", default="" if DEBUG else None)
SAMSYN_BLIND_INDEX_KEY = env_str("SAMSYN_BLIND_INDEX_KEY", default="" if DEBUG else None)
if not DEBUG:
    # Fail at start-up, not at the first save of a personnummer, when a key is malformed.
    from samsyn.core.crypto import parse_keyring

    parse_keyring(SAMSYN_FIELD_KEYS)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "samsyn.stats",
    "samsyn.core",
    "samsyn.audit",
    "samsyn.interventions",
    "samsyn.participants",
    "samsyn.reporting",
    "samsyn.ips",
    "samsyn.assessments",
    "samsyn.applications",
    "samsyn.surveys",
    "samsyn.collaboration",
    "samsyn.api",
    "samsyn.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samsyn.core.middleware.RequestIdMiddleware",
    "samsyn.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samsyn.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Own error pages while DEBUG is on in the demo (docs/error-pages.md); a no-op otherwise.
    "samsyn.core.middleware.OwnErrorPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the idle timeout, which tells the user why they were logged out.
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samsyn.core.middleware.IdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "samsyn.core.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes last, as its documentation asks, so it sees the outcome of every log-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samsyn.urls"
WSGI_APPLICATION = "samsyn.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samsyn" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "samsyn.site.context_processors.samsyn",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a few people at once: readers never wait for a writer (WAL),
    # a writer waits up to 20 s for another instead of failing with "database is locked", and a
    # transaction takes its write lock when it begins, so two never deadlock upgrading a read.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica for the reports (docs/performance.md, "Beyond one machine"): with
# DATABASE_REPLICA_URL set, the reporting selectors read from the alias "reports"; unset, there
# is one database and the router changes nothing. In tests the alias mirrors "default".
if env_str("DATABASE_REPLICA_URL", default=""):
    DATABASES["reports"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0)
    )
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["samsyn.core.db.routers.ReplicaRouter"]
# PostgreSQL's JIT compiles every large report aggregate and made the reports 2-4 times
# slower, never faster (docs/performance.md, "Reports"): off on the app's connections (the
# replica's too, where the reports run) unless SAMSYN_DATABASE_JIT=1.
SAMSYN_DATABASE_JIT = env_bool("SAMSYN_DATABASE_JIT", default=False)
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and not SAMSYN_DATABASE_JIT:
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "core:login"

# Sessions end after a period without activity (HSLF-FS 2016:40 asks for it on shared screens).
SAMSYN_IDLE_TIMEOUT = timedelta(minutes=env_int("SAMSYN_IDLE_TIMEOUT_MINUTES", 30))
# IdleTimeoutMiddleware enforces the idle limit. The stored session lives a working day longer
# so that the middleware, not a silent expiry, ends it: with a message and an audited log-out.
SESSION_COOKIE_AGE = int((SAMSYN_IDLE_TIMEOUT + timedelta(hours=10)).total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: three counts over the last AXES_COOLOFF_TIME, each with its own limit
# (samsyn/core/login_lockout.py, docs/security/login-and-api.md): one user name from one
# address, one address across user names, one user name across addresses.
AXES_HANDLER = "samsyn.core.login_lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env_int("SAMSYN_LOCKOUT_ATTEMPTS", 5)
SAMSYN_LOCKOUT_ADDRESS_ATTEMPTS = env_int("SAMSYN_LOCKOUT_ADDRESS_ATTEMPTS", 20)
SAMSYN_LOCKOUT_ACCOUNT_ATTEMPTS = env_int("SAMSYN_LOCKOUT_ACCOUNT_ATTEMPTS", 50)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SAMSYN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = "samsyn.core.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "samsyn.core.views.auth.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The public survey page's rate limit per client address (samsyn/surveys/rate_limit.py,
# docs/surveys.md): requests per window, counted in the cache, never in a table.
SAMSYN_SURVEY_RATE_LIMIT = env_int("SAMSYN_SURVEY_RATE_LIMIT", 120)
SAMSYN_SURVEY_RATE_WINDOW_SECONDS = env_int("SAMSYN_SURVEY_RATE_WINDOW_SECONDS", 600)

OTP_TOTP_ISSUER = "Samsyn"

# One-time links (samsyn/core/services/activation.py; sources in docs/security/login-and-api.md).
# NIST SP 800-63A (rev. 3, 4.4.1): an enrolment code handed over directly is valid for at most
# 7 days, one sent to an e-mail address for at most 24 hours. A password link: our choice.
SAMSYN_ACTIVATION_LINK_HOURS = env_int("SAMSYN_ACTIVATION_LINK_HOURS", 72)
SAMSYN_EMAILED_ACTIVATION_LINK_HOURS = env_int("SAMSYN_EMAILED_ACTIVATION_LINK_HOURS", 24)
SAMSYN_PASSWORD_RESET_LINK_MINUTES = env_int("SAMSYN_PASSWORD_RESET_LINK_MINUTES", 60)

# E-mail: only when EMAIL_HOST is set are activation links mailed and "Glömt lösenordet?" offered.
EMAIL_HOST = env_str("EMAIL_HOST", default="")
SAMSYN_EMAIL_ENABLED = bool(EMAIL_HOST)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="samsyn@localhost")

# OIDC sign-in through an e-identification broker (mozilla-django-oidc), off unless configured.
# Accounts are matched by a claim, never created (samsyn/core/oidc.py, docs/security).
SAMSYN_OIDC_ENABLED = bool(env_str("SAMSYN_OIDC_CLIENT_ID", default=""))
if SAMSYN_OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = env_str("SAMSYN_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("SAMSYN_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("SAMSYN_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("SAMSYN_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("SAMSYN_OIDC_USERINFO_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("SAMSYN_OIDC_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("SAMSYN_OIDC_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env_str("SAMSYN_OIDC_SCOPES", default="openid email")
    OIDC_CREATE_USER = False
    OIDC_STORE_ID_TOKEN = False
    OIDC_USE_NONCE = True
    LOGIN_REDIRECT_URL_FAILURE = "core:login"
    OIDC_AUTHENTICATION_CALLBACK_URL = "core:oidc_callback"
    AUTHENTICATION_BACKENDS.append("samsyn.core.oidc.SamsynOIDCBackend")
# The claim that names the account, compared with User.email (case-insensitive).
SAMSYN_OIDC_MATCH_CLAIM = env_str("SAMSYN_OIDC_MATCH_CLAIM", default="email")
# The broker's sign-in replaces password and TOTP only if it is multi-factor (e.g. BankID).
SAMSYN_OIDC_COUNTS_AS_TWO_FACTOR = env_bool("SAMSYN_OIDC_COUNTS_AS_TWO_FACTOR", default=True)

# Where the accessibility statement tells people to report problems.
SAMSYN_ACCESSIBILITY_CONTACT = env_str(
    "SAMSYN_ACCESSIBILITY_CONTACT", default="tillganglighet@exempeldalen.example"
)

# Security headers. HSTS and secure cookies only outside DEBUG, where TLS is assumed.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
if env_bool("SAMSYN_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SAMSYN_SSL_REDIRECT", default=False)

# Swedish first: the UI language is Swedish unless the user picks English.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

# Uploaded documents (signed consent forms). Never served directly: downloads go through a
# view that checks scope and writes an audit event.
MEDIA_ROOT = Path(env_str("SAMSYN_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/dokument/"
# Sealed with the field keys before they reach the disk (samsyn/core/files/encrypted_storage.py),
# readable by the service account only.
STORAGES = {
    "default": {"BACKEND": "samsyn.core.files.encrypted_storage.EncryptedFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The one size limit of every upload and import (samsyn/core/files): 10 MiB. Django keeps an
# upload up to the same size in memory and streams a larger one to a temporary file, which
# the size check then refuses without reading it.
SAMSYN_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = SAMSYN_MAX_UPLOAD_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

STATIC_URL = "static/"
# The project package is not an app, so its static directory must be named for the finders.
STATICFILES_DIRS = [BASE_DIR / "samsyn" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"samsyn": {"level": "INFO"}},
}
