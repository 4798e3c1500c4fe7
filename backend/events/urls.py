from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("trung-tam/su-kien/", views.event_list, name="list"),
    path("trung-tam/su-kien/moi/", views.event_new, name="new"),
    path("trung-tam/su-kien/<int:pk>/", views.event_detail, name="detail"),
    path("trung-tam/su-kien/<int:pk>/bao-cao/", views.event_report_page, name="report"),
    path("trung-tam/su-kien/<int:pk>/bao-cao.csv", views.event_report_csv, name="report_csv"),
    path("trung-tam/su-kien/<int:pk>/bao-cao.pdf", views.event_report_pdf, name="report_pdf"),
]
