"""A simple query cost limit: each selected field costs 1 × the product of the `first`/`last` page sizes of
the connections around it, so `products(first: 100) { edges { node { name } } }` costs about 300 and a
connection nested in a connection multiplies. Queries above GRAPHQL_MAX_COST are refused before running."""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
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
