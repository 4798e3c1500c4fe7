from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("payments/bank/webhook/", views.bank_webhook, name="bank-webhook"),
]
