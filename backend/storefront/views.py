"""Storefront pages: home, product lists (all, OCOP group, collection, producer), product page.
Views only translate HTTP to selectors/services and back."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog.models import Category
from channels.models import Channel
from checkout.session import SESSION_KEY
from producers.models import Producer, ProducerStatus
from search.services import search_products
from search.types import ProductFilters, Sort

from .channel import storefront_channel
from .forms import ListingFilterForm
from .selectors import (
    commune_options,
    featured_product_ids,
    ocop_groups,
    point_of_sale_options,
    producer_stories,
    product_cards,
    product_page,
    published_collections,
)
from .seo import json_ld, product_json_ld, traceability_url


def page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return "?" + params.urlencode()


def render_listing(request: HttpRequest, *, channel: Channel, title: str, base: ProductFilters | None = None,
                   template: str = "storefront/listing.html", context: dict | None = None,
                   show_group: bool = True) -> HttpResponse:
    """Filter, sort, paginate and render a product list (shared by every listing and search)."""
    base = base or ProductFilters()
    groups = ocop_groups()
    points = point_of_sale_options()
    form = ListingFilterForm(request.GET, groups=groups, communes=commune_options(),
                             points_of_sale=points, show_group=show_group)
    form.is_valid()
    query = form.value("q", "").strip()
    category_ids = base.category_ids
    group = form.value("group") if show_group else None
    if group:
        category_ids = tuple(Category.objects.filter(Q(slug=group) | Q(parent__slug=group))
                             .values_list("pk", flat=True))
    at = form.value("at")
    filters = ProductFilters(
        stars=tuple(int(s) for s in form.value("stars", [])), category_ids=category_ids,
        collection_id=base.collection_id, producer_id=base.producer_id, ward_code=form.value("commune", ""),
        price_min=form.value("price_min"), price_max=form.value("price_max"),
        warehouse_id=next((w.pk for w in points if w.slug == at), None) if at else None,
    )
    sort = Sort(form.value("sort", Sort.RELEVANCE.value if query else Sort.STARS.value))
    result = search_products(channel=channel, query=query, filters=filters, sort=sort,
                             page=form.value("page", 1))
    selects, numbers = form.widgets()
    ctx = {
        "title": title, "form": form, "query": query, "result": result,
        "selected_stars": [str(s) for s in filters.stars],
        "filter_selects": selects, "filter_numbers": numbers,
        "cards": product_cards(result.ids, channel),
        "prev_url": page_url(request, result.page - 1) if result.has_previous else "",
        "next_url": page_url(request, result.page + 1) if result.has_next else "",
        "active_filters": any([filters.stars, group, filters.ward_code, filters.price_min is not None,
                               filters.price_max is not None, filters.warehouse_id]),
    }
    ctx.update(context or {})
    return render(request, template, ctx)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    channel = storefront_channel()
    return render(request, "storefront/home.html", {
        "channel": channel,
        "featured": product_cards(featured_product_ids(channel), channel),
        "collections": list(published_collections(channel).order_by("name")[:6]),
        "groups": ocop_groups(),
        "stories": producer_stories(channel),
    })


@require_GET
def product_list(request: HttpRequest) -> HttpResponse:
    return render_listing(request, channel=storefront_channel(), title=_("Tất cả sản phẩm OCOP"))


@require_GET
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    ids = (category.pk, *Category.objects.filter(parent=category).values_list("pk", flat=True))
    return render_listing(request, channel=storefront_channel(), title=category.name,
                          base=ProductFilters(category_ids=ids), show_group=False,
                          context={"category": category, "heading_description": category.description})


@require_GET
def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    channel = storefront_channel()
    collection = published_collections(channel).filter(slug=slug).first()
    if collection is None:
        raise Http404(_("Không tìm thấy bộ sưu tập."))
    return render_listing(request, channel=channel, title=collection.name,
                          base=ProductFilters(collection_id=collection.pk),
                          context={"collection": collection, "heading_description": collection.description})


@require_GET
def producer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    channel = storefront_channel()
    producer = get_object_or_404(Producer, slug=slug, is_active=True, status=ProducerStatus.APPROVED)
    return render_listing(request, channel=channel, title=producer.name, template="storefront/producer.html",
                          base=ProductFilters(producer_id=producer.pk), context={"producer": producer})


@require_GET
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    channel = storefront_channel()
    page = product_page(slug, channel, checkout_token=request.session.get(SESSION_KEY))
    if page is None:
        raise Http404(_("Sản phẩm không tồn tại hoặc đã ngừng bán."))
    return render(request, "storefront/product.html", {
        "page": page, "product": page.product, "certificate": page.certificate,
        "json_ld": json_ld(product_json_ld(page, request)),
        "trace_url": traceability_url(page.product.slug),
        "stars_text": "★" * page.certificate.stars if page.certificate else "",
        "canonical_url": request.build_absolute_uri(request.path),
    })

