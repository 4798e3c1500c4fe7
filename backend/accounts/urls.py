from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-ky/", views.register, name="register"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(
        template_name="account/password_reset_done.html"), name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="account/password_reset_confirm.html", success_url="/dat-lai-mat-khau/xong/"),
        name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(
        template_name="account/password_reset_complete.html"), name="password_reset_complete"),
    path("tai-khoan/", views.home, name="home"),
    path("tai-khoan/don-hang/", views.orders, name="orders"),
    path("tai-khoan/don-hang/<int:number>/", views.order_detail, name="order-detail"),
    path("tai-khoan/dia-chi/", views.addresses, name="addresses"),
    path("tai-khoan/dia-chi/<int:pk>/xoa/", views.address_delete, name="address-delete"),
]
