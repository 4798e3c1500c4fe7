from django.urls import path

from . import views

app_name = "inventory"
urlpatterns = [
    path("kho/", views.index, name="index"),
    path("kho/<int:pk>/", views.warehouse_detail, name="warehouse"),
    path("kho/<int:pk>/kiem-ke/", views.count_open, name="count_open"),
    path("kho/chuyen-hang/moi/", views.transfer_create, name="transfer_create"),
    path("kho/chuyen-hang/<int:pk>/", views.transfer_detail, name="transfer"),
    path("kho/kiem-ke/<int:pk>/", views.count_detail, name="count"),
]
