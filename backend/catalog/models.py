"""Catalogue in Saleor 3's shape: ProductType, Category (OCOP groups), Collection, Product,
ProductVariant, channel listings with integer VND prices, media, and label-fact attributes."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import validate_gtin13


class ProductType(models.Model):
    name = models.CharField(_("tên"), max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    vat_rate = models.PositiveSmallIntegerField(_("thuế GTGT (%)"), default=8, validators=[MaxValueValidator(10)])

    class Meta:
        ordering = ("slug",)
        verbose_name = _("loại sản phẩm")
        verbose_name_plural = _("loại sản phẩm")

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """OCOP groups (Decision 148/QĐ-TTg) and their sub-groups as a two-level tree."""

    name = models.CharField(_("tên"), max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.CASCADE)
    ocop_group_code = models.CharField(_("mã nhóm OCOP"), max_length=10, blank=True)
    description = models.TextField(blank=True)
    level = models.PositiveSmallIntegerField(default=0)
    sort_order = models.PositiveIntegerField(default=0)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("sort_order", "slug")
        verbose_name = _("danh mục")
        verbose_name_plural = _("danh mục")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.level = (self.parent.level + 1) if self.parent_id and self.parent else 0
        super().save(*args, **kwargs)

    @property
    def root(self) -> Category:
        return self.parent if self.parent_id else self


class Collection(models.Model):
    name = models.CharField(_("tên"), max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    background_image = models.ImageField(upload_to="collections/", blank=True)
    products = models.ManyToManyField("Product", through="CollectionProduct", related_name="collections", blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("slug",)
        verbose_name = _("bộ sưu tập")
        verbose_name_plural = _("bộ sưu tập")

    def __str__(self) -> str:
        return self.name


class CollectionChannelListing(models.Model):
    collection = models.ForeignKey(Collection, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channels.Channel", related_name="collection_listings", on_delete=models.CASCADE)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = (("collection", "channel"),)


class CollectionProduct(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE)
    product = models.ForeignKey("Product", on_delete=models.CASCADE)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = (("collection", "product"),)
        ordering = ("sort_order", "pk")


class ModerationStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")


class Product(models.Model):
    name = models.CharField(_("tên sản phẩm"), max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    short_name = models.CharField(_("tên ngắn (in tem)"), max_length=40, blank=True)
    description = models.TextField(_("mô tả (HTML đã làm sạch)"), blank=True)
    description_plaintext = models.TextField(blank=True)
    product_type = models.ForeignKey(ProductType, related_name="products", on_delete=models.PROTECT)
    category = models.ForeignKey(Category, related_name="products", null=True, blank=True, on_delete=models.SET_NULL)
    producer = models.ForeignKey("producers.Producer", related_name="products", on_delete=models.PROTECT)
    moderation_status = models.CharField(_("trạng thái duyệt"), max_length=16, choices=ModerationStatus.choices,
                                         default=ModerationStatus.DRAFT)
    moderation_reason = models.TextField(_("lý do"), blank=True)
    vat_rate = models.PositiveSmallIntegerField(_("thuế GTGT (%)"), null=True, blank=True,
                                                validators=[MaxValueValidator(10)])
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    is_featured = models.BooleanField(_("nổi bật"), default=False)
    search_document = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("slug",)
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        indexes = [GinIndex(fields=["search_vector"], name="product_search_gin")]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_vat_rate(self) -> int:
        return self.vat_rate if self.vat_rate is not None else self.product_type.vat_rate


class ProductVariant(models.Model):
    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    name = models.CharField(_("tên phân loại"), max_length=255, blank=True)
    sku = models.CharField(max_length=64, unique=True)
    gtin = models.CharField(_("mã GTIN-13"), max_length=13, null=True, blank=True, unique=True,
                            validators=[validate_gtin13])
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("sort_order", "sku")
        verbose_name = _("phân loại sản phẩm")
        verbose_name_plural = _("phân loại sản phẩm")

    def __str__(self) -> str:
        return f"{self.product.name} – {self.name}" if self.name else self.product.name


class ProductChannelListing(models.Model):
    product = models.ForeignKey(Product, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channels.Channel", related_name="product_listings", on_delete=models.CASCADE)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = (("product", "channel"),)
        verbose_name = _("niêm yết sản phẩm")
        verbose_name_plural = _("niêm yết sản phẩm")


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(ProductVariant, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channels.Channel", related_name="variant_listings", on_delete=models.CASCADE)
    currency = models.CharField(max_length=3, default="VND")
    price_amount = models.PositiveBigIntegerField(_("giá (VND, đã gồm VAT)"))
    cost_price_amount = models.PositiveBigIntegerField(_("giá vốn (VND)"), null=True, blank=True)

    class Meta:
        unique_together = (("variant", "channel"),)
        verbose_name = _("giá theo kênh")
        verbose_name_plural = _("giá theo kênh")


class ProductMedia(models.Model):
    product = models.ForeignKey(Product, related_name="media", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="products/", blank=True)
    alt = models.CharField(max_length=250, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    is_placeholder = models.BooleanField(_("ảnh minh hoạ tạo tự động"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("sort_order", "pk")
        verbose_name = _("ảnh sản phẩm")
        verbose_name_plural = _("ảnh sản phẩm")


class ProductMediaRendition(models.Model):
    """A cached WebP of a media item at one of the fixed sizes; made once, then reused."""

    media = models.ForeignKey(ProductMedia, related_name="renditions", on_delete=models.CASCADE)
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=8, default="WEBP")
    image = models.ImageField(upload_to="thumbnails/")

    class Meta:
        unique_together = (("media", "size", "format"),)


class Attribute(models.Model):
    """Label facts (Decree 43/2017/NĐ-CP): ingredients, net quantity, shelf life, origin, …"""

    name = models.CharField(_("tên"), max_length=250)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "slug")
        verbose_name = _("thuộc tính")
        verbose_name_plural = _("thuộc tính")

    def __str__(self) -> str:
        return self.name


class ProductAttributeValue(models.Model):
    product = models.ForeignKey(Product, related_name="attribute_values", on_delete=models.CASCADE)
    attribute = models.ForeignKey(Attribute, related_name="values", on_delete=models.CASCADE)
    value = models.TextField()

    class Meta:
        unique_together = (("product", "attribute"),)
        ordering = ("attribute__sort_order",)
