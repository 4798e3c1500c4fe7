from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checkout_hooks, discounts  # noqa: F401  (registers the catalogue discount provider)

        checkout_hooks.register()
