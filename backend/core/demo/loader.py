"""Load the demo data set. Idempotent: every object is looked up by its natural key (slug, SKU,
certificate number, e-mail, ledger reference) and only created when missing; nothing that exists
is rewritten, so running it twice changes nothing (and staff edits survive a reload)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Address, User
from catalog.media import media_create
from catalog.models import (
    Attribute,
    Category,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    ModerationStatus,
    Product,
    ProductAttributeValue,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from certification.models import CertificateStatus, CertificateStatusChange, IssuingLevel, OcopCertificate
from channels.models import Channel
from core.gtin import gtin_check_digit
from inventory.models import ChannelWarehouse, StockMovement, Warehouse
from inventory.services import Ref, stock_receive
from producers.models import MemberRole, Producer, ProducerMember

from .placeholders import placeholder_jpeg
from .places import ward_name

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
DEMO_PASSWORD = "ocop-demo-2026"
CENTRE_GROUP = "Trung tâm XTTM"
LEDGER_REF = "demo_data"
PUBLISHED_AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
FOOD_TYPES = {"thuc-pham-che-bien", "nong-san", "do-uong", "ruou", "duoc-lieu"}
ALL_CHANNELS = ("online", "tho-xuan-airport", "coopmart-thanh-hoa", "go-thanh-hoa")
DEFAULT_STORAGE = "Nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp."
VALIDITY_MONTHS = 36


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, created: bool) -> None:
        if created:
            self.created[key] = self.created.get(key, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())

    def summary(self) -> str:
        if not self.total:
            return "Demo data already loaded: nothing changed."
        parts = ", ".join(f"{k}: {v}" for k, v in sorted(self.created.items()))
        return f"Demo data loaded ({parts})."


def read_fixture(name: str) -> dict[str, Any]:
    with (FIXTURES_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def gtin13(producer_no: int, item_no: int) -> str:
    """A GTIN-13 under Vietnam's GS1 prefix 893 (demo company/item numbers), check digit computed."""
    payload = f"893{producer_no:04d}{item_no:05d}"
    return payload + str(gtin_check_digit(payload))


def demo_tax_code(index: int) -> str:
    """Demo tax codes: Thanh Hóa's prefix 28, then a made-up but well-formed number."""
    return f"2899{index:06d}"


def quantity_for(sku: str, warehouse_slug: str, price: int) -> int:
    """Plausible stock: fewer units of expensive goods; deterministic per SKU and warehouse."""
    spread = int(hashlib.sha256(f"{sku}@{warehouse_slug}".encode()).hexdigest()[:4], 16) % 40
    base = 8 if price >= 1_000_000 else 20 if price >= 200_000 else 40
    return base + spread


class DemoLoader:
    def __init__(self, *, today: dt.date | None = None, log: Callable[[str], None] | None = None):
        self.today = today or timezone.localdate()
        self.log = log or (lambda _msg: None)
        self.report = LoadReport()
        self.taxonomy = read_fixture("taxonomy.yaml")
        self.producer_data = read_fixture("producers.yaml")
        self.product_data = read_fixture("products.yaml")
        self.channels: dict[str, Channel] = {}
        self.categories: dict[str, Category] = {}
        self.types: dict[str, ProductType] = {}
        self.attributes: dict[str, Attribute] = {}
        self.producers: dict[str, Producer] = {}
        self.warehouses: dict[str, Warehouse] = {}
        self.collections: dict[str, Collection] = {}

    # -- helpers ---------------------------------------------------------------------------------
    def _get_or_create(self, model, key: str, defaults: dict | None = None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.report.add(key, created)
        return obj, created

    # -- steps -----------------------------------------------------------------------------------
    def load(self) -> LoadReport:
        with transaction.atomic():
            self.load_taxonomy()
            self.load_channels()
            self.load_producers()
            self.load_warehouses()
            self.load_collections()
            for index, item in enumerate(self.product_data["products"], start=1):
                self.load_product(index, item)
            self.load_accounts()
        self.expire_past_certificates()
        self.load_area_demos()
        return self.report

    def load_area_demos(self) -> None:
        """The demo objects other areas define (each idempotent): POS registers for the showroom and
        supermarket counters, the "Tuần lễ OCOP xứ Thanh" campaign, the Lam Sơn square fair."""
        from campaigns.demo import ensure_demo_campaign
        from campaigns.models import Campaign
        from events.demo import ensure_demo_event
        from events.models import Event
        from pos.demo import ensure_demo_registers
        from pos.models import PosRegister

        for key, model, ensure in (("pos_registers", PosRegister, ensure_demo_registers),
                                   ("campaigns", Campaign, lambda: ensure_demo_campaign(self.today)),
                                   ("events", Event, lambda: ensure_demo_event(self.today))):
            before = model.objects.count()
            ensure()
            created = model.objects.count() - before
            if created:
                self.report.created[key] = created

    def load_taxonomy(self) -> None:
        for order, group in enumerate(self.taxonomy["categories"]):
            parent, _ = self._get_or_create(
                Category, "categories", slug=group["slug"],
                defaults={"name": group["name"], "ocop_group_code": group["code"], "sort_order": order,
                          "description": "Nhóm sản phẩm OCOP theo Quyết định 148/QĐ-TTg."},
            )
            self.categories[group["slug"]] = parent
            for sub_order, child in enumerate(group.get("children", [])):
                sub, _ = self._get_or_create(
                    Category, "categories", slug=child["slug"],
                    defaults={"name": child["name"], "parent": parent, "ocop_group_code": child["code"],
                              "sort_order": sub_order},
                )
                self.categories[child["slug"]] = sub
        for item in self.taxonomy["product_types"]:
            self.types[item["slug"]], _ = self._get_or_create(
                ProductType, "product_types", slug=item["slug"],
                defaults={"name": item["name"], "vat_rate": item["vat_rate"],
                          "is_shipping_required": item.get("is_shipping_required", True)},
            )
        for order, item in enumerate(self.taxonomy["attributes"]):
            self.attributes[item["slug"]], _ = self._get_or_create(
                Attribute, "attributes", slug=item["slug"], defaults={"name": item["name"], "sort_order": order}
            )

    def load_channels(self) -> None:
        for item in self.taxonomy["channels"]:
            self.channels[item["slug"]], _ = self._get_or_create(
                Channel, "channels", slug=item["slug"],
                defaults={"name": item["name"], "kind": item["kind"], "currency_code": "VND",
                          "reservation_minutes": item.get("reservation_minutes", 0)},
            )

    def load_producers(self) -> None:
        for index, item in enumerate(self.producer_data["producers"], start=1):
            metadata = {
                "demo_values": ["tax_code", "phone", "email", "representative", "street_address"],
                "locality_before_2025": item["locality"],
                "ward_mapping": item["ward_mapping"],
                "source": item.get("source", "demo"),
                "number": index,
            }
            if item.get("name_is_demo"):
                metadata["name_is_demo"] = True
            if item.get("demo"):
                metadata["demo"] = True
            if item.get("mapping_note"):
                metadata["ward_mapping_note"] = item["mapping_note"]
            former_district = item["locality"].split("(")[0].strip() if item["locality"] != "demo" else ""
            self.producers[item["slug"]], _ = self._get_or_create(
                Producer, "producers", slug=item["slug"],
                defaults={
                    "name": item["name"], "legal_form": item["legal_form"], "tax_code": demo_tax_code(index),
                    "street_address": item.get("street_address", ""), "ward_code": item["ward_code"],
                    "ward_name": ward_name(item["ward_code"]), "former_district": former_district,
                    "representative": item.get("representative", ""), "phone": f"0912{index:06d}",
                    "email": f"{item['slug']}@producers.ocop.demo", "story": item.get("story", ""),
                    "metadata": metadata,
                },
            )

    def load_warehouses(self) -> None:
        for item in self.taxonomy["warehouses"]:
            producer = self.producers.get(item["producer"]) if item.get("producer") else None
            metadata = {"ward_note": item["ward_note"]} if item.get("ward_note") else {}
            warehouse, _ = self._get_or_create(
                Warehouse, "warehouses", slug=item["slug"],
                defaults={"name": item["name"], "kind": item["kind"], "street_address": item["street_address"],
                          "ward_code": item["ward_code"], "ward_name": ward_name(item["ward_code"]),
                          "producer": producer, "metadata": metadata,
                          "click_and_collect_option": item.get("click_and_collect", "disabled")},
            )
            self.warehouses[item["slug"]] = warehouse
            for channel_slug, sort_order in item["channels"].items():
                self._get_or_create(ChannelWarehouse, "channel_warehouses", channel=self.channels[channel_slug],
                                    warehouse=warehouse, defaults={"sort_order": sort_order})

    def load_collections(self) -> None:
        for item in self.product_data["collections"]:
            collection, _ = self._get_or_create(
                Collection, "collections", slug=item["slug"],
                defaults={"name": item["name"], "description": item["description"]},
            )
            self.collections[item["slug"]] = collection
            for slug in ("online", "tho-xuan-airport"):
                self._get_or_create(CollectionChannelListing, "collection_listings", collection=collection,
                                    channel=self.channels[slug],
                                    defaults={"is_published": True, "published_at": PUBLISHED_AT})

    def product_channels(self, item: dict) -> list[str]:
        if item.get("channels"):
            return list(item["channels"])
        if item["type"] in FOOD_TYPES:
            return list(ALL_CHANNELS)
        return ["online", "tho-xuan-airport"]

    def load_product(self, index: int, item: dict) -> None:
        producer = self.producers[item["producer"]]
        category = self.categories[item["category"]]
        metadata = {"source": "demo" if item.get("demo") else item.get("source", "csv"),
                    "demo_values": ["prices", "sizes", "label_facts", "stock", "certificate_numbers"]}
        if item.get("demo"):
            metadata["demo"] = True
        product, created = self._get_or_create(
            Product, "products", slug=item["slug"],
            defaults={"name": item["name"], "description": f"<p>{item['description']}</p>",
                      "description_plaintext": item["description"], "product_type": self.types[item["type"]],
                      "category": category, "producer": producer, "moderation_status": ModerationStatus.APPROVED,
                      "is_featured": bool(item.get("featured")), "metadata": metadata,
                      "weight_grams": item["variants"][0][2] or None},
        )
        self.load_label_facts(product, item, producer)
        channel_slugs = self.product_channels(item)
        for slug in channel_slugs:
            self._get_or_create(ProductChannelListing, "product_listings", product=product,
                                channel=self.channels[slug],
                                defaults={"is_published": True, "published_at": PUBLISHED_AT,
                                          "available_for_purchase_at": PUBLISHED_AT})
        producer_no = producer.metadata.get("number", producer.pk)
        for v_index, (name, price, weight) in enumerate(item["variants"], start=1):
            sku = f"TH-{producer_no:03d}-{index:03d}-{v_index}"
            variant, _ = self._get_or_create(
                ProductVariant, "variants", sku=sku,
                defaults={"product": product, "name": name, "gtin": gtin13(producer_no, index * 10 + v_index),
                          "weight_grams": weight or None, "sort_order": v_index,
                          "track_inventory": item.get("track_inventory", True)},
            )
            for slug in channel_slugs:
                self._get_or_create(ProductVariantChannelListing, "variant_listings", variant=variant,
                                    channel=self.channels[slug],
                                    defaults={"price_amount": price, "cost_price_amount": price * 7 // 10})
            if variant.track_inventory:
                self.load_stock(variant, price, channel_slugs, producer)
        self.load_certificates(product, index, item, category)
        for slug in item.get("collections", []):
            self._get_or_create(CollectionProduct, "collection_products", collection=self.collections[slug],
                                product=product, defaults={"sort_order": index})
        if not ProductMedia.objects.filter(product=product, is_placeholder=True).exists():
            jpeg = placeholder_jpeg(name=item["name"], subtitle=producer.name,
                                  group_code=category.root.ocop_group_code)
            media_create(product=product, upload=ContentFile(jpeg, name=f"{product.slug}.jpg"),
                         alt=f"{item['name']} – ảnh minh hoạ", is_placeholder=True)
            self.report.add("media", True)

    def load_label_facts(self, product: Product, item: dict, producer: Producer) -> None:
        origin = ", ".join(p for p in (producer.ward_name, "tỉnh Thanh Hóa", "Việt Nam") if p)
        net = "; ".join(name for name, _price, _weight in item["variants"])
        facts = {
            "thanh-phan": item["ingredients"],
            "khoi-luong-tinh": net,
            "han-su-dung": item["shelf_life"],
            "xuat-xu": origin,
            "huong-dan-bao-quan": item.get("storage", DEFAULT_STORAGE),
        }
        for slug, value in facts.items():
            self._get_or_create(ProductAttributeValue, "label_facts", product=product,
                                attribute=self.attributes[slug], defaults={"value": value})

    def stock_places(self, channel_slugs: list[str], producer: Producer) -> list[Warehouse]:
        places = [self.warehouses["vcci-91-nguyen-chi-thanh"]]
        if "tho-xuan-airport" in channel_slugs:
            places.append(self.warehouses["showroom-tho-xuan-airport"])
        for slug in ("coopmart-thanh-hoa", "go-thanh-hoa"):
            if slug in channel_slugs:
                places.append(self.warehouses[slug])
        places += [w for w in self.warehouses.values() if w.producer_id == producer.pk]
        return places

    def load_stock(self, variant: ProductVariant, price: int, channel_slugs: list[str], producer: Producer) -> None:
        for warehouse in self.stock_places(channel_slugs, producer):
            ref_id = f"{variant.sku}@{warehouse.slug}"
            if StockMovement.objects.filter(reference_type=LEDGER_REF, reference_id=ref_id).exists():
                continue
            stock_receive(variant_id=variant.pk, warehouse_id=warehouse.pk,
                          quantity=quantity_for(variant.sku, warehouse.slug, price),
                          ref=Ref(LEDGER_REF, ref_id), note="Nhập kho ban đầu (dữ liệu demo)")
            self.report.add("stock_receipts", True)

    def load_certificates(self, product: Product, index: int, item: dict, category: Category) -> None:
        for c_index, cert in enumerate(item["certs"], start=1):
            issued: dt.date = cert["issued"]
            stars = int(cert["stars"])
            if stars == 5:
                level = IssuingLevel.CENTRAL
                decision = f"{300 + index}/QĐ-{'BNNMT' if issued >= dt.date(2025, 3, 1) else 'BNN-KTHT'}"
            elif stars == 4 or issued >= dt.date(2025, 7, 1):
                level, decision = IssuingLevel.PROVINCE, f"{4000 + index}/QĐ-UBND"
            else:
                level, decision = IssuingLevel.DISTRICT, f"{1000 + index}/QĐ-UBND"
            number = f"OCOP-TH-{issued.year}-{index:03d}{c_index}"
            status = cert.get("status", CertificateStatus.VALID)
            certificate, created = self._get_or_create(
                OcopCertificate, "certificates", product=product, certificate_number=number,
                defaults={"stars": stars, "score": int(cert["score"]), "decision_number": decision,
                          "decision_date": issued, "issuing_level": level, "group": category,
                          "issued_on": issued, "expires_on": add_months(issued, VALIDITY_MONTHS),
                          "status": status, "status_reason": cert.get("reason", ""), "is_demo": True},
            )
            if created:
                changes = [CertificateStatusChange(certificate=certificate, from_status="",
                                                   to_status=CertificateStatus.VALID,
                                                   reason="Cấp giấy chứng nhận (dữ liệu demo)")]
                if status != CertificateStatus.VALID:
                    changes.append(CertificateStatusChange(
                        certificate=certificate, from_status=CertificateStatus.VALID, to_status=status,
                        reason=cert.get("reason") or "Hết thời hạn 36 tháng (dữ liệu demo)"))
                CertificateStatusChange.objects.bulk_create(changes)

    def load_accounts(self) -> None:
        group, _ = self._get_or_create(Group, "groups", name=CENTRE_GROUP)
        wanted = set(Permission.objects.filter(content_type__app_label="accounts").values_list("pk", flat=True))
        missing = wanted - set(group.permissions.values_list("pk", flat=True))
        if missing:
            group.permissions.add(*missing)
            self.report.add("group_permissions", True)
        staff = self._user("staff@ocop.demo", "Trung tâm XTTM (demo)", is_staff=True, is_superuser=True)
        if not staff.groups.filter(pk=group.pk).exists():
            staff.groups.add(group)
        pos = self._user("pos.thoxuan@ocop.demo", "Nhân viên showroom Thọ Xuân (demo)")
        showroom = self.warehouses["showroom-tho-xuan-airport"]
        if not showroom.staff.filter(pk=pos.pk).exists():
            showroom.staff.add(pos)
            self.report.add("warehouse_staff", True)
        self._user("pos.hoicho@ocop.demo", "Nhân viên gian hàng hội chợ Lam Sơn (demo)")  # the fair's team
        owner = self._user("legia@ocop.demo", "Chủ cơ sở Lê Gia (demo)")
        self._get_or_create(ProducerMember, "producer_members", producer=self.producers["le-gia"], user=owner,
                            defaults={"role": MemberRole.OWNER})
        customer = self._user("khach@ocop.demo", "Nguyễn Thị Khách (demo)", phone="0912345678")
        self._get_or_create(
            Address, "addresses", user=customer, street_address="25 Lê Lợi",
            defaults={"full_name": customer.full_name, "phone": "0912345678", "ward_code": "14797",
                      "ward_name": ward_name("14797"), "province_code": "38", "province_name": "Thanh Hóa",
                      "is_default_shipping": True},
        )

    def _user(self, email: str, full_name: str, **extra) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name, **extra)
            self.report.add("users", True)
        return user

    def expire_past_certificates(self) -> None:
        """Certificates whose date has passed are expired the same way the daily job does it."""
        from certification.expiry import certificates_expire

        result = certificates_expire(today=self.today)
        if result["expired"]:
            self.report.created["certificates_expired"] = result["expired"]


def load_demo_data(*, today: dt.date | None = None, log: Callable[[str], None] | None = None) -> LoadReport:
    return DemoLoader(today=today, log=log).load()
