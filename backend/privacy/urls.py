from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("tai-khoan/du-lieu-cua-toi/", views.my_data, name="my-data"),
    path("tai-khoan/xoa-tai-khoan/", views.delete_account, name="delete-account"),
]
