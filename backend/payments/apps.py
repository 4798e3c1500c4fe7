from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Provider modules import orders' services, so they are registered once every app is loaded.
        from .providers import register_payment_provider
        from .providers.cod import CashOnDelivery
        from .providers.stripe import StripeCard
        from .providers.till import TillCard, TillCash, TillVietQR
        from .providers.vietqr import VietQRTransfer

        for provider in (CashOnDelivery(), VietQRTransfer(), StripeCard(), TillCash(), TillCard(), TillVietQR()):
            register_payment_provider(provider)
