from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from storefront.channel import storefront_channel
from storefront.views import render_listing


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/tim-kiem/?q=…: diacritic-insensitive, typo-tolerant search with the listing filters."""
    query = request.GET.get("q", "").strip()
    title = _("Kết quả tìm kiếm cho “%(q)s”") % {"q": query} if query else _("Tìm kiếm sản phẩm")
    return render_listing(request, channel=storefront_channel(), title=title, template="search/results.html")
