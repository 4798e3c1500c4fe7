"""Settings from the environment, with safe defaults for the embedded demo."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .dbserver import PROJECT_ROOT, default_database
from .keys import derived_jwt_key, grace_until, previous_keys, secret_key

BASE_DIR = PROJECT_ROOT
THEME_DIR = PROJECT_ROOT / "storefront_theme"
VAR_DIR = Path(os.environ.get("OCOP_VAR_DIR", PROJECT_ROOT / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(os.environ, VAR_DIR, DEBUG)  # no fallback in the source (ocop/keys.py)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); nobody else's (core/client_ip.py).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Every domain app is listed once here; an app that has nothing yet is an empty package.
OCOP_APPS = [
    "core",
    "accounts",
    "channels",
    "producers",
    "catalog",
    "certification",
    "inventory",
    "orders",
    "checkout",
    "payments",
    "pos",
    "events",
    "campaigns",
    "traceability",
    "search",
    "storefront",
    "portal",
    "backoffice",
    "programme",
    "privacy",
    "audit",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "graphene_django",
    "axes",
    "csp",
    *OCOP_APPS,
]

MIDDLEWARE = [
    "core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.context.AuditContextMiddleware",
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEME_DIR / "templates"],
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
    }
]

DATABASES = {"default": default_database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/dang-nhap/"

# Brute force (accounts/throttling.py): axes on every login, django-ratelimit on other tries.
AUTHENTICATION_BACKENDS = ["accounts.throttling.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account and per address
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.axes_client_ip"
AXES_USERNAME_CALLABLE = "accounts.throttling.attempted_username"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_VERBOSE = False
RATE_LIMITS = {
    "password-reset": os.environ.get("RATE_LIMIT_PASSWORD_RESET", "5/h"),
    "register": os.environ.get("RATE_LIMIT_REGISTER", "10/h"),
    "promo-code": os.environ.get("RATE_LIMIT_PROMO_CODE", "10/h"),  # wrong codes only
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PROJECT_ROOT / "backend" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [THEME_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is run again (tasks are idempotent)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = not bool(REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "OCOP Thanh Hóa <no-reply@ocop.demo>")

GRAPHENE = {
    "SCHEMA": "ocop.schema.schema",
    "MIDDLEWARE": ["accounts.jwt.JWTMiddleware"],
    "RELAY_CONNECTION_MAX_LIMIT": 100,
}
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "10"))
# Cost = fields × the page sizes of the connections around them (core/query_cost.py).
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "50000"))
# Every field of every alias counts (fragments expanded); the body is capped before it is read.
GRAPHQL_MAX_FIELDS = int(os.environ.get("GRAPHQL_MAX_FIELDS", "1000"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "50"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "5000"))
GRAPHQL_MAX_BODY_BYTES = int(os.environ.get("GRAPHQL_MAX_BODY_BYTES", str(256 * 1024)))
JWT_ACCESS_TTL_SECONDS = int(os.environ.get("JWT_ACCESS_TTL_SECONDS", "900"))
JWT_REFRESH_TTL_SECONDS = int(os.environ.get("JWT_REFRESH_TTL_SECONDS", str(30 * 24 * 3600)))
# JWTs have their own key; rotate by moving the old one to JWT_PREVIOUS_SIGNING_KEYS until a date.
JWT_SIGNING_KEY = os.environ.get("JWT_SIGNING_KEY", "").strip() or derived_jwt_key(SECRET_KEY)
JWT_PREVIOUS_SIGNING_KEYS = previous_keys(os.environ)
JWT_PREVIOUS_KEYS_UNTIL = grace_until(os.environ)

# Images: content-sniffed types, size and pixel limits, WebP renditions.
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_RENDITION_SIZES = (128, 256, 512, 1024)

# Payments and integrations (all optional; features hide themselves when unset).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_WEBHOOK_TOLERANCE = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE", "300"))
# Online shop delivery (integer VND): fee by zone, free above the threshold (0 = never free).
SHIPPING_FEE_THANH_HOA = int(os.environ.get("SHIPPING_FEE_THANH_HOA", "20000"))
SHIPPING_FEE_OTHER = int(os.environ.get("SHIPPING_FEE_OTHER", "35000"))
SHIPPING_FREE_THRESHOLD = int(os.environ.get("SHIPPING_FREE_THRESHOLD", "500000"))
VIETQR_BANK_NAME = os.environ.get("VIETQR_BANK_NAME", "Agribank")
VIETQR_BANK_BIN = os.environ.get("VIETQR_BANK_BIN", "970405")
VIETQR_ACCOUNT_NUMBER = os.environ.get("VIETQR_ACCOUNT_NUMBER", "3600201001234")
VIETQR_ACCOUNT_NAME = os.environ.get("VIETQR_ACCOUNT_NAME", "TRUNG TAM XUC TIEN THUONG MAI THANH HOA")
BANK_WEBHOOK_SECRET = os.environ.get("BANK_WEBHOOK_SECRET", "")  # shared secret of the bank-notification service
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

CERTIFICATE_REMINDER_DAYS = 30
PRIVACY_NOTICE_VERSION = "2026-12"
GUEST_DATA_RETENTION_DAYS = int(os.environ.get("GUEST_DATA_RETENTION_DAYS", str(2 * 365)))  # then anonymised
PERSONAL_DATA_KEY = os.environ.get("PERSONAL_DATA_KEY", "")  # Fernet key for ID numbers (privacy/personal_id.py)
POS_RECEIPT_LINK_DAYS = int(os.environ.get("POS_RECEIPT_LINK_DAYS", "90"))  # the customer's receipt link

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    X_FRAME_OPTIONS = "DENY"

# HTTPS and headers, from the environment (docker-compose.yml sets the production values).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]  # container healthchecks speak plain HTTP inside
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
# X-Forwarded-Proto counts only when it comes from TRUSTED_PROXIES (core/security_headers.py drops it otherwise).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "strict-origin-when-cross-origin")
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=(), magnetometer=(), '
    'gyroscope=(), accelerometer=(), payment=(self "https://js.stripe.com")')
# Content-Security-Policy (django-csp): our scripts and nonce'd inline ones, Stripe's Payment Element,
# the POS app's service worker and camera. GraphiQL (the /graphql/ page) loads its own CDN assets.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/graphql/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, "https://js.stripe.com"],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https://*.stripe.com"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://api.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
        "media-src": [SELF, "blob:"],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
