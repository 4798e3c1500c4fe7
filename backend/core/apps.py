from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import graphql_scalars  # noqa: F401  (registers the model-field converters before any schema is built)
