from django.urls import path

from . import views

app_name = "checkout"
urlpatterns = [
    path("gio-hang/", views.cart, name="cart"),
    path("gio-hang/them/", views.cart_add, name="cart-add"),
    path("gio-hang/cap-nhat/", views.cart_update, name="cart-update"),
    path("gio-hang/ma-khuyen-mai/", views.cart_promo, name="cart-promo"),
    path("thanh-toan/", views.checkout_page, name="checkout"),
    path("dia-chi/xa-phuong/<str:province_code>/", views.wards_json, name="wards"),
]
