from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "inventory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .hooks import register_stock_change_hook
        from .thresholds import check_low_stock

        register_stock_change_hook(check_low_stock)
