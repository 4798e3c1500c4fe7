from django.apps import AppConfig


class TraceabilityConfig(AppConfig):
    name = "traceability"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Truy xuất nguồn gốc"

    def ready(self) -> None:
        from . import signals  # noqa: F401
