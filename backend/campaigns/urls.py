from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("trung-tam/chien-dich/", views.campaign_list, name="list"),
    path("trung-tam/chien-dich/moi/", views.campaign_new, name="new"),
    path("trung-tam/chien-dich/<int:pk>/", views.campaign_detail, name="detail"),
    path("trung-tam/chien-dich/<int:pk>/ket-qua.csv", views.campaign_results_csv, name="results_csv"),
    path("trung-tam/chien-dich/<int:pk>/khuyen-mai/", views.promotion_new, name="promotion_new"),
    path("trung-tam/chien-dich/<int:pk>/ma-giam-gia/", views.voucher_new, name="voucher_new"),
]
