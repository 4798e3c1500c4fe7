from django.urls import path, register_converter

from .views import auth, centre, files, producer


class MonthConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MonthConverter, "month")

app_name = "portal"
P = "kenh-nguoi-ban/"
C = "trung-tam/"
urlpatterns = [
    path(P, producer.home, name="home"),
    path(P + "dang-nhap/", auth.PortalLoginView.as_view(), name="login"),
    path(P + "dang-xuat/", auth.PortalLogoutView.as_view(), name="logout"),
    path(P + "dang-ky/", producer.apply, name="apply"),
    path(P + "loi-moi/<uuid:token>/", producer.invitation, name="invitation"),
    path(P + "san-pham/", producer.product_list, name="products"),
    path(P + "san-pham/moi/", producer.product_create, name="product-create"),
    path(P + "san-pham/<int:pk>/", producer.product_detail, name="product"),
    path(P + "san-pham/<int:pk>/phan-loai/", producer.variant_save, name="variant-add"),
    path(P + "san-pham/<int:pk>/phan-loai/<int:variant_pk>/", producer.variant_save, name="variant-edit"),
    path(P + "san-pham/<int:pk>/anh/", producer.image_add, name="image-add"),
    path(P + "san-pham/<int:pk>/anh/<str:kind>/<int:item_pk>/xoa/", producer.image_remove, name="image-remove"),
    path(P + "san-pham/<int:pk>/gui-duyet/", producer.product_submit, name="product-submit"),
    path(P + "san-pham/<int:pk>/chung-nhan/", producer.certificate_upload, name="certificate-upload"),
    path(P + "chung-nhan/", producer.certificate_list, name="certificates"),
    path(P + "ton-kho/", producer.stock_page, name="stock"),
    path(P + "doanh-so/", producer.sales_page, name="sales"),
    path(P + "doi-soat/", producer.statement_page, name="statement"),
    path(P + "doi-soat/<month:month>.<str:fmt>", producer.statement_file, name="statement-file"),
    path(P + "thanh-vien/", producer.team, name="team"),
    path(P + "tep/anh/<int:pk>/", files.pending_image, name="pending-image"),
    path(P + "tep/chung-nhan/<int:pk>/", files.certificate_scan, name="certificate-scan"),
    path(C + "kiem-duyet/", centre.queue, name="centre-queue"),
    path(C + "kiem-duyet/san-pham/<int:pk>/", centre.product_review, name="centre-product"),
    path(C + "kiem-duyet/chung-nhan/<int:pk>/", centre.certificate_review, name="centre-certificate"),
    path(C + "kiem-duyet/dang-ky/<int:pk>/", centre.application_decide, name="centre-application"),
    path(C + "hoa-hong/", centre.commission_rates, name="centre-rates"),
    path(C + "chu-the/", centre.producers, name="centre-producers"),
]
