"""Limits checked before a GraphQL request runs.

- Cost: each selected field costs 1 × the product of the `first`/`last` page sizes of the connections around
  it, so `products(first: 100) { edges { node { name } } }` costs about 300 and a connection nested in a
  connection multiplies. Above GRAPHQL_MAX_COST the request is refused.
- Size: every field of every alias counts, fragments expanded where they are spread: at most
  GRAPHQL_MAX_FIELDS fields and GRAPHQL_MAX_ALIASES aliases per request; the document at most
  GRAPHQL_MAX_TOKENS tokens; a JSON body at most GRAPHQL_MAX_BODY_BYTES (checked before it is read).
  Batches (a list of operations) are not accepted at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    parse,
    value_from_ast_untyped,
)

PAGE_ARGS = ("first", "last")


def _page_size(field: FieldNode, variables: dict[str, Any]) -> int:
    size = 1
    for arg in field.arguments or ():
        if arg.name.value not in PAGE_ARGS:
            continue
        if isinstance(arg.value, VariableNode):
            value = variables.get(arg.value.name.value)
        else:
            value = value_from_ast_untyped(arg.value, variables)
        if isinstance(value, int) and value > 0:
            size = max(size, value)
    return size


def _selection_cost(selection_set: SelectionSetNode | None, multiplier: int, fragments: dict[str, Any],
                    variables: dict[str, Any], seen: frozenset[str]) -> int:
    if selection_set is None:
        return 0
    total = 0
    for sel in selection_set.selections:
        if isinstance(sel, FieldNode):
            if sel.name.value.startswith("__"):
                continue
            total += multiplier
            total += _selection_cost(sel.selection_set, multiplier * _page_size(sel, variables), fragments,
                                     variables, seen)
        elif isinstance(sel, InlineFragmentNode):
            total += _selection_cost(sel.selection_set, multiplier, fragments, variables, seen)
        elif isinstance(sel, FragmentSpreadNode):
            name = sel.name.value
            frag = fragments.get(name)
            if frag is not None and name not in seen:  # fragment cycles are rejected by validation anyway
                total += _selection_cost(frag.selection_set, multiplier, fragments, variables, seen | {name})
    return total


def query_cost(document: DocumentNode, variables: dict[str, Any] | None = None,
               operation_name: str | None = None) -> int:
    """The cost of the operation that would run (the named one, or the only one)."""
    variables = variables or {}
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [op for op in operations if op.name and op.name.value == operation_name]
    return max((_selection_cost(op.selection_set, 1, fragments, variables, frozenset()) for op in operations),
               default=0)


@dataclass(frozen=True)
class Size:
    fields: int = 0
    aliases: int = 0

    def __add__(self, other: Size) -> Size:
        return Size(self.fields + other.fields, self.aliases + other.aliases)


def document_size(document: DocumentNode) -> Size:
    """Fields and aliases of every operation, each fragment counted every time it is spread (memoised, so a
    fragment spread twice in a fragment spread twice… costs no time to count)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    memo: dict[str, Size] = {}

    def size(selection_set: SelectionSetNode | None, visiting: frozenset[str]) -> Size:
        total = Size()
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                total += Size(1, 1 if sel.alias else 0) + size(sel.selection_set, visiting)
            elif isinstance(sel, InlineFragmentNode):
                total += size(sel.selection_set, visiting)
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                if name in visiting or name not in fragments:
                    continue  # cycles and unknown fragments are validation errors
                if name not in memo:
                    memo[name] = size(fragments[name].selection_set, visiting | {name})
                total += memo[name]
        return total

    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return sum((size(op.selection_set, frozenset()) for op in ops), Size())


def _refusal(message: str, code: str, **extensions: int) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extensions})


def checked_document(query: str) -> tuple[DocumentNode | None, GraphQLError | None]:
    """The parsed document, or why it must not run: a syntax error (as graphql-core reports it), more than
    GRAPHQL_MAX_TOKENS tokens (parsing stops there), too many aliases or fields. Runs before validation."""
    try:
        document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
    except GraphQLSyntaxError as exc:
        if "more than" in exc.message and "tokens" in exc.message:
            return None, _refusal(_("Truy vấn quá dài: hơn %(limit)s ký hiệu.") % {"limit": settings.GRAPHQL_MAX_TOKENS},
                                  "QUERY_TOO_LARGE", limit=settings.GRAPHQL_MAX_TOKENS)
        return None, exc
    found = document_size(document)
    if found.aliases > settings.GRAPHQL_MAX_ALIASES:
        return None, _refusal(_("Truy vấn có %(n)s bí danh (alias), tối đa %(limit)s.")
                              % {"n": found.aliases, "limit": settings.GRAPHQL_MAX_ALIASES},
                              "QUERY_TOO_MANY_ALIASES", aliases=found.aliases, limit=settings.GRAPHQL_MAX_ALIASES)
    if found.fields > settings.GRAPHQL_MAX_FIELDS:
        return None, _refusal(_("Truy vấn có %(n)s trường, tối đa %(limit)s.")
                              % {"n": found.fields, "limit": settings.GRAPHQL_MAX_FIELDS},
                              "QUERY_TOO_MANY_FIELDS", fields=found.fields, limit=settings.GRAPHQL_MAX_FIELDS)
    return document, None


def cost_refusal(document: DocumentNode, variables: Any, operation_name: str | None) -> GraphQLError | None:
    """QUERY_COST_LIMIT when the operation costs more than GRAPHQL_MAX_COST (run on a validated document)."""
    cost = query_cost(document, variables if isinstance(variables, dict) else {}, operation_name)
    limit = settings.GRAPHQL_MAX_COST
    if cost <= limit:
        return None
    return _refusal(_("Truy vấn quá nặng: chi phí %(cost)s vượt giới hạn %(limit)s. Hãy lấy ít bản ghi mỗi "
                      "trang hoặc bớt các kết nối lồng nhau.") % {"cost": cost, "limit": limit},
                    "QUERY_COST_LIMIT", cost=cost, limit=limit)


def body_too_large(request) -> JsonResponse | None:
    """A 413 answer for a JSON/GraphQL body above GRAPHQL_MAX_BODY_BYTES, judged by Content-Length before the
    body is read (multipart uploads have their own limits: IMAGE_MAX_BYTES, DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    if request.method != "POST" or request.content_type not in ("application/json", "application/graphql"):
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.GRAPHQL_MAX_BODY_BYTES
    if length <= limit:
        return None
    message = _("Yêu cầu quá lớn: %(size)s byte, tối đa %(limit)s byte.") % {"size": length, "limit": limit}
    return JsonResponse({"errors": [{"message": message, "extensions": {"code": "REQUEST_TOO_LARGE",
                                                                        "limit": limit}}]},
                        status=413, json_dumps_params={"ensure_ascii": False})
