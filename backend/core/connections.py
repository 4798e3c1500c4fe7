"""Saleor-style countable connections: `XxxCountableConnection { edges { node cursor } pageInfo totalCount }`,
cursor pagination over querysets or lists, and a hard cap of 100 records per page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import graphene
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_relay import cursor_to_offset, offset_to_cursor

_connections: dict[str, type] = {}


def max_page_size() -> int:
    return int(getattr(settings, "GRAPHQL_MAX_PAGE_SIZE", 100))


def countable_connection(node: type, name: str | None = None) -> type:
    """The `<Node>CountableConnection` type for a node type (created once)."""
    name = name or f"{node._meta.name}CountableConnection"
    if name in _connections:
        return _connections[name]

    conn = type(name, (graphene.relay.Connection,), {
        "Meta": type("Meta", (), {"node": node, "name": name}),
        "total_count": graphene.Int(description="A total count of items in the collection."),
        "__doc__": f"A paginated list of {node._meta.name} objects.",
    })
    _connections[name] = conn
    return conn


def connection_args(**extra) -> dict[str, Any]:
    """The four Relay paging arguments plus any extra ones."""
    return {
        "first": graphene.Int(description="Return the first n elements from the list (at most 100)."),
        "after": graphene.String(description="Return the elements in the list that come after the specified cursor."),
        "last": graphene.Int(description="Return the last n elements from the list (at most 100)."),
        "before": graphene.String(description="Return the elements in the list that come before the specified cursor."),
        **extra,
    }


def _offset(cursor: str, name: str) -> int:
    offset = cursor_to_offset(cursor)
    if offset is None or offset < 0:
        raise GraphQLError(_("Con trỏ phân trang `%(arg)s` không hợp lệ.") % {"arg": name})
    return offset


def check_page_args(*, first: int | None, last: int | None, field: str) -> None:
    limit = max_page_size()
    if first is None and last is None:
        raise GraphQLError(_("Hãy cung cấp `first` hoặc `last` để phân trang kết nối `%(f)s`.") % {"f": field})
    for arg, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            raise GraphQLError(_("Tham số `%(arg)s` trên kết nối `%(f)s` không được âm.") % {"arg": arg, "f": field})
        if value > limit:
            raise GraphQLError(
                _("Yêu cầu %(n)s bản ghi trên kết nối `%(f)s` vượt quá giới hạn `%(arg)s` là %(max)s bản ghi.")
                % {"n": value, "f": field, "arg": arg, "max": limit}
            )


def paginate(items: QuerySet | Sequence, connection_type: type, *, field: str, first: int | None = None,
             after: str | None = None, last: int | None = None, before: str | None = None,
             wrap: Callable[[Any], Any] | None = None, on_page: Callable[[list], None] | None = None, **_ignored):
    """Slice a queryset (or list) into a connection. Costs one COUNT and one SELECT for a queryset."""
    check_page_args(first=first, last=last, field=field)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    start = _offset(after, "after") + 1 if after else 0
    end = min(_offset(before, "before"), total) if before else total
    start = min(start, end)
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    page = list(items[start:end])
    if on_page is not None:
        on_page(page)
    edge_cls = connection_type.Edge
    edges = [edge_cls(node=wrap(obj) if wrap else obj, cursor=offset_to_cursor(start + i))
             for i, obj in enumerate(page)]
    page_info = graphene.relay.PageInfo(
        has_next_page=end < total, has_previous_page=start > 0,
        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None,
    )
    return connection_type(edges=edges, page_info=page_info, total_count=total)
