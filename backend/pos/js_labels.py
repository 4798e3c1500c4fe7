"""Texts the POS app's JavaScript shows (status line, messages, result screens). The app shell
template renders them, translated into the request's language, as a JSON blob keyed by the
Vietnamese source text; `app.js` looks each text up there and falls back to the Vietnamese."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

JS_MESSAGES: tuple[str, ...] = (
    gettext_noop("Trực tuyến"),
    gettext_noop("Mất mạng – vẫn bán được"),
    gettext_noop("Đơn chưa đồng bộ được: %(e)s"),
    gettext_noop("Tiếp tục ca đang mở"),
    gettext_noop("Mở ca"),
    gettext_noop("Bạn chưa được phân công quầy nào."),
    gettext_noop("Đã mở ca."),
    gettext_noop("Tem này đã được quét trong đơn hiện tại."),
    gettext_noop("Không thể bán “%(name)s”: %(why)s"),
    gettext_noop("Không tìm thấy sản phẩm với mã “%(code)s”."),
    gettext_noop("Không tìm thấy sản phẩm “%(q)s”."),
    gettext_noop("Bớt"),
    gettext_noop("Thêm"),
    gettext_noop("Nhập số tiền chuyển khoản trước khi hiện mã QR."),
    gettext_noop("Chuyển khoản và thẻ không được vượt quá tổng tiền."),
    gettext_noop("Thanh toán chưa đủ: thiếu %(d)s."),
    gettext_noop("Hãy xác nhận đã nhận tiền chuyển khoản VietQR."),
    gettext_noop("Nhập mã giao dịch thẻ."),
    gettext_noop("Đã bán – hoá đơn #%(n)s"),
    gettext_noop("Tổng %(total)s · Tiền thừa %(change)s"),
    gettext_noop("Kho không đủ: đã ghi nhận để đối soát."),
    gettext_noop("Đơn chưa ghi nhận được"),
    gettext_noop("Đơn vẫn nằm trong hàng chờ."),
    gettext_noop("Đã lưu đơn – chờ đồng bộ"),
    gettext_noop("Đơn sẽ tự gửi lên khi có mạng."),
    gettext_noop("Không tìm thấy hoá đơn “%(c)s”."),
    gettext_noop("Đã mua %(q)s, đã trả %(r)s"),
    gettext_noop("Số lượng trả"),
    gettext_noop("Nhập lại kho"),
    gettext_noop("Đã trả hàng hoá đơn #%(n)s, hoàn %(a)s."),
    gettext_noop("Đã ghi nhận thu/chi."),
    gettext_noop("Cần có mạng để đóng ca."),
    gettext_noop("Đã đóng ca. Chênh lệch %(d)s."),
    gettext_noop("Không mở được camera."),
    gettext_noop("%(n)s đơn chưa ghi nhận được: %(e)s"),
    gettext_noop("Đã đồng bộ hết đơn."),
    gettext_noop("Vừa đủ"),
)


def js_labels() -> dict[str, str]:
    """{Vietnamese source text: text in the active language} for every JS message."""
    return {msg: gettext(msg) for msg in JS_MESSAGES}
