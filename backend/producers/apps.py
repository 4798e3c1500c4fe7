from django.apps import AppConfig


class ProducersConfig(AppConfig):
    name = "producers"
    default_auto_field = "django.db.models.BigAutoField"
