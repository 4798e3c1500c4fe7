"""The province's OCOP programme: annual cycles, registrations (dossiers) with their documents and
status history, criteria sets as versioned data, councils and their scores, decisions, central
proposals, rewards, star-upgrade support, supervision after rating and frozen report snapshots.

Certificates themselves stay in `certification`; a decision creates them through its services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.storage import private_storage

USER = settings.AUTH_USER_MODEL


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ OCOP xã/phường")
    OFFICE = "office", _("Văn phòng Điều phối NTM tỉnh")
    COUNCIL_MEMBER = "council_member", _("Thành viên hội đồng")


class ProgrammeRole(models.Model):
    """A user's programme role; commune officers carry the ward code of their commune/ward."""

    user = models.ForeignKey(USER, related_name="programme_roles", on_delete=models.CASCADE)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    ward_code = models.CharField(_("mã xã/phường"), max_length=10, blank=True)
    ward_name = models.CharField(_("xã/phường"), max_length=100, blank=True)

    class Meta:
        unique_together = (("user", "role", "ward_code"),)
        verbose_name = _("vai trò chương trình")
        verbose_name_plural = _("vai trò chương trình")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} {self.ward_name}".strip()


class Cycle(models.Model):
    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    name = models.CharField(_("tên chu trình"), max_length=200)
    opens_on = models.DateField(_("mở đăng ký"))
    closes_on = models.DateField(_("hạn đăng ký"))
    ends_on = models.DateField(_("kết thúc chu trình"))
    target_certified = models.PositiveIntegerField(_("mục tiêu sản phẩm được công nhận"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-year",)
        verbose_name = _("chu trình OCOP")
        verbose_name_plural = _("chu trình OCOP")
        constraints = [models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                              name="cycle_dates_order")]

    def __str__(self) -> str:
        return self.name


class Part(models.TextChoices):
    A = "A", _("Phần A: Sản phẩm và sức mạnh cộng đồng")
    B = "B", _("Phần B: Khả năng tiếp thị")
    C = "C", _("Phần C: Chất lượng sản phẩm")


PART_MAXIMA: dict[str, int] = {"A": 40, "B": 25, "C": 35}


class ScoringRule(models.TextChoices):
    AVERAGE = "average", _("Trung bình cộng điểm các thành viên")


class CriteriaSet(models.Model):
    """One version of the criteria of a product group / sub-group (Decision 148/QĐ-TTg, Appendix III)."""

    code = models.CharField(_("mã bộ tiêu chí"), max_length=40)
    version = models.CharField(_("phiên bản"), max_length=20)
    name = models.CharField(_("tên"), max_length=255)
    group = models.ForeignKey("catalog.Category", null=True, blank=True, related_name="criteria_sets",
                              on_delete=models.SET_NULL, verbose_name=_("nhóm/phân nhóm OCOP"))
    group_code = models.CharField(_("mã nhóm OCOP"), max_length=10)
    rule = models.CharField(_("cách tính điểm hội đồng"), max_length=16, choices=ScoringRule.choices,
                            default=ScoringRule.AVERAGE)
    required_cap_stars = models.PositiveSmallIntegerField(_("hạng tối đa khi trượt tiêu chí bắt buộc"), default=2)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("số liệu minh hoạ"), default=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("code", "-created_at")
        unique_together = (("code", "version"),)
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, related_name="criteria", on_delete=models.CASCADE)
    part = models.CharField(_("phần"), max_length=1, choices=Part.choices)
    code = models.CharField(_("mã"), max_length=20)
    text = models.TextField(_("nội dung"))
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    required = models.BooleanField(_("bắt buộc"), default=False)
    min_points = models.PositiveSmallIntegerField(_("điểm tối thiểu để đạt"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("criteria_set", "position", "pk")
        unique_together = (("criteria_set", "code"),)
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")

    def __str__(self) -> str:
        return f"{self.code} ({self.max_points})"


class DossierKind(models.TextChoices):
    NEW = "new", _("Đánh giá mới")
    RENEWAL = "renewal", _("Đánh giá lại (gia hạn)")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã nộp, chờ xã kiểm tra")
    RETURNED = "returned", _("Xã trả lại để bổ sung")
    FORWARDED = "forwarded", _("Xã đã chuyển lên tỉnh")
    IN_EVALUATION = "in_evaluation", _("Hội đồng đang chấm")
    SCORED = "scored", _("Có kết quả hội đồng")
    CERTIFIED = "certified", _("Đã có quyết định công nhận")
    NOT_CERTIFIED = "not_certified", _("Không đạt")
    PROPOSED_CENTRAL = "proposed_central", _("Đề nghị Trung ương đánh giá 5 sao")


class Dossier(models.Model):
    """A registration (phiếu đăng ký) and its dossier for one product in one cycle."""

    cycle = models.ForeignKey(Cycle, related_name="dossiers", on_delete=models.PROTECT)
    kind = models.CharField(_("loại hồ sơ"), max_length=10, choices=DossierKind.choices, default=DossierKind.NEW)
    producer = models.ForeignKey("producers.Producer", related_name="ocop_dossiers", on_delete=models.PROTECT)
    product = models.ForeignKey("catalog.Product", related_name="ocop_dossiers", on_delete=models.PROTECT)
    group = models.ForeignKey("catalog.Category", related_name="ocop_dossiers", on_delete=models.PROTECT,
                              verbose_name=_("nhóm/phân nhóm OCOP"))
    description = models.TextField(_("mô tả sản phẩm"), blank=True)
    ward_code = models.CharField(_("mã xã/phường"), max_length=10, db_index=True)
    ward_name = models.CharField(_("xã/phường"), max_length=100)
    previous_certificate = models.ForeignKey("certification.OcopCertificate", null=True, blank=True,
                                             related_name="renewal_dossiers", on_delete=models.PROTECT)
    status = models.CharField(_("trạng thái"), max_length=20, choices=DossierStatus.choices,
                              default=DossierStatus.DRAFT, db_index=True)
    status_reason = models.TextField(_("lý do"), blank=True)
    criteria_set = models.ForeignKey(CriteriaSet, null=True, blank=True, related_name="dossiers",
                                     on_delete=models.PROTECT)
    council = models.ForeignKey("Council", null=True, blank=True, related_name="dossiers", on_delete=models.PROTECT)
    result_score = models.PositiveSmallIntegerField(_("điểm hội đồng"), null=True, blank=True)
    result_stars = models.PositiveSmallIntegerField(_("hạng sao"), null=True, blank=True)
    result_capped = models.BooleanField(_("bị giới hạn do tiêu chí bắt buộc"), default=False)
    decision = models.ForeignKey("Decision", null=True, blank=True, related_name="dossiers",
                                 on_delete=models.PROTECT)
    certificate = models.ForeignKey("certification.OcopCertificate", null=True, blank=True,
                                    related_name="programme_dossiers", on_delete=models.PROTECT)
    created_by = models.ForeignKey(USER, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("số liệu minh hoạ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("hồ sơ OCOP")
        verbose_name_plural = _("hồ sơ OCOP")

    def __str__(self) -> str:
        return f"#{self.pk} {self.product} ({self.cycle.year})"


class DocumentKind(models.TextChoices):
    BUSINESS_REGISTRATION = "business_registration", _("Giấy đăng ký kinh doanh")
    QUALITY = "quality", _("Giấy tờ an toàn thực phẩm / chất lượng")
    LABEL = "label", _("Nhãn sản phẩm")
    STORY = "story", _("Câu chuyện sản phẩm")
    PHOTO = "photo", _("Ảnh sản phẩm")
    OTHER = "other", _("Tài liệu khác")


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, related_name="documents", on_delete=models.CASCADE)
    kind = models.CharField(_("loại giấy tờ"), max_length=24, choices=DocumentKind.choices)
    file = models.FileField(storage=private_storage, upload_to="programme/dossiers/")
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind", "pk")
        verbose_name = _("giấy tờ hồ sơ")
        verbose_name_plural = _("giấy tờ hồ sơ")


class DossierStatusChange(models.Model):
    """Append-only history of every step of a dossier (who, when, why)."""

    dossier = models.ForeignKey(Dossier, related_name="history", on_delete=models.CASCADE)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    reason = models.TextField(blank=True)
    user = models.ForeignKey(USER, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")


class CouncilStatus(models.TextChoices):
    OPEN = "open", _("Đang chấm")
    CLOSED = "closed", _("Đã kết thúc")


class Council(models.Model):
    cycle = models.ForeignKey(Cycle, related_name="councils", on_delete=models.PROTECT)
    name = models.CharField(_("tên hội đồng"), max_length=200)
    members = models.ManyToManyField(USER, related_name="ocop_councils", verbose_name=_("thành viên"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=CouncilStatus.choices,
                              default=CouncilStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("hội đồng đánh giá")
        verbose_name_plural = _("hội đồng đánh giá")

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """Which council member scores which dossier (members see and score only these)."""

    dossier = models.ForeignKey(Dossier, related_name="assignments", on_delete=models.CASCADE)
    member = models.ForeignKey(USER, related_name="ocop_assignments", on_delete=models.CASCADE)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = (("dossier", "member"),)


class Score(models.Model):
    dossier = models.ForeignKey(Dossier, related_name="scores", on_delete=models.CASCADE)
    member = models.ForeignKey(USER, related_name="ocop_scores", on_delete=models.CASCADE)
    criterion = models.ForeignKey(Criterion, related_name="scores", on_delete=models.PROTECT)
    points = models.PositiveSmallIntegerField(_("điểm"))
    note = models.TextField(_("nhận xét"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = (("dossier", "member", "criterion"),)


class DecisionLevel(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh")
    CENTRAL = "central", _("Trung ương")


class Decision(models.Model):
    cycle = models.ForeignKey(Cycle, related_name="decisions", on_delete=models.PROTECT)
    level = models.CharField(_("cấp"), max_length=10, choices=DecisionLevel.choices, default=DecisionLevel.PROVINCE)
    number = models.CharField(_("số quyết định"), max_length=64, unique=True)
    date = models.DateField(_("ngày quyết định"))
    signer = models.CharField(_("người ký"), max_length=200)
    created_by = models.ForeignKey(USER, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-date", "-pk")
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")

    def __str__(self) -> str:
        return self.number


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Chờ Trung ương")
    RECORDED = "recorded", _("Đã có kết quả Trung ương")


class CentralProposal(models.Model):
    dossier = models.OneToOneField(Dossier, related_name="central_proposal", on_delete=models.PROTECT)
    proposed_on = models.DateField(_("ngày đề nghị"))
    letter_number = models.CharField(_("số văn bản đề nghị"), max_length=64, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.PENDING)
    central_score = models.PositiveSmallIntegerField(_("điểm Trung ương"), null=True, blank=True)
    central_stars = models.PositiveSmallIntegerField(_("hạng Trung ương"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị 5 sao")
        verbose_name_plural = _("đề nghị 5 sao")


class RewardRate(models.Model):
    year = models.PositiveSmallIntegerField(_("năm"))
    stars = models.PositiveSmallIntegerField(_("hạng sao"))
    amount = models.BigIntegerField(_("mức thưởng (đồng)"))
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("số liệu minh hoạ"), default=False)

    class Meta:
        unique_together = (("year", "stars"),)
        ordering = ("-year", "stars")
        verbose_name = _("mức thưởng")
        verbose_name_plural = _("mức thưởng")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ chi")
    PAID = "paid", _("Đã chi")


class RewardLine(models.Model):
    """One reward per newly certified product (never a second one for the same certificate)."""

    dossier = models.OneToOneField(Dossier, related_name="reward", on_delete=models.PROTECT)
    certificate = models.OneToOneField("certification.OcopCertificate", related_name="reward",
                                       on_delete=models.PROTECT)
    producer = models.ForeignKey("producers.Producer", related_name="ocop_rewards", on_delete=models.PROTECT)
    stars = models.PositiveSmallIntegerField(_("hạng sao"))
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    decision_number = models.CharField(_("quyết định"), max_length=64)
    decided_on = models.DateField(_("ngày quyết định"))
    status = models.CharField(_("thanh toán"), max_length=10, choices=PaymentStatus.choices,
                              default=PaymentStatus.PENDING)
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True)
    payment_reference = models.CharField(_("chứng từ chi"), max_length=100, blank=True)

    class Meta:
        ordering = ("-decided_on", "pk")
        verbose_name = _("khoản thưởng")
        verbose_name_plural = _("khoản thưởng")


class UpgradeStatus(models.TextChoices):
    PLANNED = "planned", _("Kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    UPGRADED = "upgraded", _("Đã lên 4 sao")
    NOT_UPGRADED = "not_upgraded", _("Chưa đạt 4 sao")


class UpgradePlan(models.Model):
    """Support for a 3★ product aiming at 4★ (Circular 08/2019/TT-BTC items); outcome at the next evaluation."""

    product = models.ForeignKey("catalog.Product", related_name="upgrade_plans", on_delete=models.PROTECT)
    certificate = models.ForeignKey("certification.OcopCertificate", related_name="upgrade_plans",
                                    on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    target_stars = models.PositiveSmallIntegerField(_("hạng mục tiêu"), default=4)
    status = models.CharField(_("trạng thái"), max_length=16, choices=UpgradeStatus.choices,
                              default=UpgradeStatus.PLANNED)
    outcome_dossier = models.ForeignKey(Dossier, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    is_demo = models.BooleanField(_("số liệu minh hoạ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-year", "pk")
        verbose_name = _("kế hoạch nâng hạng sao")
        verbose_name_plural = _("kế hoạch nâng hạng sao")


class SupportKind(models.TextChoices):
    CONSULTING = "consulting", _("Tư vấn, đào tạo")
    PACKAGING = "packaging", _("Thiết kế bao bì, nhãn mác")
    TESTING = "testing", _("Kiểm nghiệm, tiêu chuẩn chất lượng")
    PROMOTION = "promotion", _("Xúc tiến thương mại, quảng bá")
    EQUIPMENT = "equipment", _("Máy móc, thiết bị")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Đăng ký sở hữu trí tuệ")


class UpgradeItem(models.Model):
    plan = models.ForeignKey(UpgradePlan, related_name="items", on_delete=models.CASCADE)
    kind = models.CharField(_("nội dung hỗ trợ"), max_length=24, choices=SupportKind.choices)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    amount = models.BigIntegerField(_("kinh phí (đồng)"))
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)

    class Meta:
        ordering = ("plan", "pk")
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="upgrade_progress_0_100")]


class InspectionOutcome(models.TextChoices):
    PENDING = "pending", _("Chưa kết luận")
    CONFORMING = "conforming", _("Đạt yêu cầu")
    WARNING = "warning", _("Nhắc nhở, cảnh báo")
    SUSPENDED = "suspended", _("Tạm đình chỉ chứng nhận")
    REVOKED = "revoked", _("Thu hồi chứng nhận")


class Inspection(models.Model):
    certificate = models.ForeignKey("certification.OcopCertificate", related_name="inspections",
                                    on_delete=models.PROTECT)
    planned_on = models.DateField(_("ngày dự kiến"))
    inspected_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    inspectors = models.CharField(_("đoàn kiểm tra"), max_length=255, blank=True)
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    outcome = models.CharField(_("kết luận"), max_length=12, choices=InspectionOutcome.choices,
                               default=InspectionOutcome.PENDING)
    outcome_reason = models.TextField(_("lý do"), blank=True)
    is_demo = models.BooleanField(_("số liệu minh hoạ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-planned_on", "-pk")
        verbose_name = _("kiểm tra, giám sát")
        verbose_name_plural = _("kiểm tra, giám sát")


class SampleResult(models.TextChoices):
    PENDING = "pending", _("Chờ kết quả")
    PASS = "pass", _("Đạt")
    FAIL = "fail", _("Không đạt")


class Sample(models.Model):
    inspection = models.ForeignKey(Inspection, related_name="samples", on_delete=models.CASCADE)
    name = models.CharField(_("mẫu"), max_length=200)
    laboratory = models.CharField(_("đơn vị kiểm nghiệm"), max_length=200, blank=True)
    result = models.CharField(_("kết quả"), max_length=10, choices=SampleResult.choices,
                              default=SampleResult.PENDING)
    result_note = models.TextField(_("chỉ tiêu, ghi chú"), blank=True)
    document = models.FileField(storage=private_storage, upload_to="programme/samples/", blank=True)
    document_type = models.CharField(max_length=64, blank=True)


class NonConformity(models.Model):
    inspection = models.ForeignKey(Inspection, related_name="nonconformities", on_delete=models.CASCADE)
    description = models.TextField(_("nội dung không phù hợp"))
    deadline = models.DateField(_("hạn khắc phục"))
    resolved_on = models.DateField(_("ngày khắc phục"), null=True, blank=True)

    class Meta:
        ordering = ("deadline", "pk")


class ReportPeriod(models.TextChoices):
    HALF_YEAR = "HALF_YEAR", _("Báo cáo 6 tháng")
    YEAR = "YEAR", _("Báo cáo năm")


class ReportSnapshot(models.Model):
    """A submitted report, frozen: later changes to the data do not change it."""

    year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=10, choices=ReportPeriod.choices)
    data = models.JSONField()
    submitted_by = models.ForeignKey(USER, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = (("year", "period"),)
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = _("báo cáo đã nộp")


class ReportReminder(models.Model):
    """One reminder e-mail per report and days-left mark (the beat task runs daily)."""

    year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=10, choices=ReportPeriod.choices)
    days_left = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = (("year", "period", "days_left"),)
