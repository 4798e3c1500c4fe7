from django.urls import path, re_path

from .views import api, manage, public

app_name = "traceability"
urlpatterns = [
    # GS1 Digital Link: /01/<gtin>[/10/<lot>[/21/<serial>]] (values may hold percent-encoded "/").
    re_path(r"^01/(?P<rest>.+)$", public.digital_link, name="digital_link"),
    path("truy-xuat/san-pham/<slug:slug>/", public.product_summary, name="product"),
    path("truy-xuat/dia-diem/kho/<slug:slug>", public.warehouse_location, name="warehouse_location"),
    path("truy-xuat/dia-diem/chu-the/<slug:slug>", public.producer_location, name="producer_location"),
    path("truy-xuat/api/tem/", api.stamp_api, name="api_stamp"),
    path("truy-xuat/epcis/", api.epcis_export, name="epcis"),
    path("truy-xuat/quan-ly/", manage.batch_list, name="manage_batches"),
    path("truy-xuat/quan-ly/lo/moi/", manage.batch_create, name="manage_batch_create"),
    path("truy-xuat/quan-ly/lo/<int:pk>/", manage.batch_detail, name="manage_batch"),
    path("truy-xuat/quan-ly/lo/<int:pk>/phat-hanh/", manage.stamps_issue, name="manage_issue"),
    path("truy-xuat/quan-ly/lo/<int:pk>/tem.pdf", manage.stamps_pdf, name="manage_pdf"),
    path("truy-xuat/quan-ly/lo/<int:pk>/tem.csv", manage.stamps_csv, name="manage_csv"),
    path("truy-xuat/quan-ly/lo/<int:pk>/tai-lieu/", manage.document_upload, name="manage_document"),
    path("truy-xuat/quan-ly/lo/<int:pk>/da-dan/", manage.stamps_applied, name="manage_applied"),
    path("truy-xuat/quan-ly/tem/<str:serial>/huy/", manage.stamp_void, name="manage_void"),
    path("truy-xuat/quan-ly/canh-bao/", manage.alert_list, name="manage_alerts"),
    path("truy-xuat/quan-ly/canh-bao/<int:pk>/xong/", manage.alert_resolve, name="manage_alert_resolve"),
]
