from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from .graphql_view import OcopGraphQLView

admin.site.site_header = "OCOP Thanh Hóa – Quản trị"
admin.site.site_title = "OCOP Thanh Hóa"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", OcopGraphQLView.as_view(graphiql=True), name="graphql"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    # Each app owns its URL prefixes; the storefront (root paths) comes last.
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("privacy.urls")),
    path("", include("checkout.urls")),
    path("", include("orders.urls")),
    path("", include("payments.urls")),
    path("", include("inventory.urls")),
    path("", include("pos.urls")),
    path("", include("events.urls")),
    path("", include("campaigns.urls")),
    path("", include("traceability.urls")),
    path("", include("portal.urls")),
    path("", include("backoffice.urls")),
    path("", include("search.urls")),
    path("", include("catalog.urls")),
    path("", include("storefront.urls")),
]
