from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "pos"
urlpatterns = [
    path("pos/", views.app, name="app"),
    path("pos/manifest.webmanifest", views.manifest, name="manifest"),
    path("pos/sw.js", views.service_worker, name="sw"),
    path("pos/dang-nhap/", auth_views.LoginView.as_view(template_name="pos/login.html"), name="login"),
    path("pos/dang-xuat/", auth_views.LogoutView.as_view(next_page="/pos/dang-nhap/"), name="logout"),
    path("pos/quay/<int:register_id>/danh-muc.json", views.catalogue, name="catalogue"),
    path("pos/quay/<int:register_id>/tra-cuu/", views.lookup, name="lookup"),
    path("pos/hoa-don/<uuid:token>/", views.receipt, name="receipt"),
    path("pos/hoa-don/<uuid:token>/pdf/", views.receipt_pdf_view, name="receipt_pdf"),
    path("pos/hoa-don/<uuid:token>/email/", views.receipt_email, name="receipt_email"),
    path("pos/bao-cao/", views.reports_index, name="reports"),
    path("pos/bao-cao/ca/<int:shift_id>/", views.shift_report, name="shift_report"),
    path("pos/bao-cao/ca/<int:shift_id>/csv/", views.shift_report_csv, name="shift_report_csv"),
    path("pos/bao-cao/ngay/", views.daily, name="daily"),
    path("pos/bao-cao/ngay/csv/", views.daily_csv, name="daily_csv"),
    path("pos/bao-cao/doi-soat/", views.reconciliation, name="reconciliation"),
]
