from django.urls import path

from . import views

app_name = "core"
urlpatterns: list = [
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
]
