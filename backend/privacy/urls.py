from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("chinh-sach-du-lieu-ca-nhan/", views.notice, name="notice"),
    path("tai-khoan/du-lieu-cua-toi/", views.my_data, name="my-data"),
    path("tai-khoan/xoa-tai-khoan/", views.delete_account, name="delete-account"),
]
