from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("san-pham/", views.product_list, name="products"),
    path("san-pham/<slug:slug>/", views.product_detail, name="product"),
    path("danh-muc/<slug:slug>/", views.category_detail, name="category"),
    path("bo-suu-tap/<slug:slug>/", views.collection_detail, name="collection"),
    path("chu-the/<slug:slug>/", views.producer_detail, name="producer"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
