"""core.query_cost: fields × the page sizes of the connections around them."""

from graphql import parse

from core.query_cost import query_cost


def test_cost_multiplies_nested_connections():
    doc = parse("{ products(first: 10) { edges { node { name variants { sku } } } } }")
    # products 1, edges 10, node 10, name 10, variants 10, sku 10
    assert query_cost(doc) == 51
    nested = parse("{ categories(first: 10) { edges { node { products(first: 20) { edges { node { name } } } } } } }")
    assert query_cost(nested) == 1 + 10 + 10 + 10 + 200 + 200 + 200


def test_cost_uses_variables_fragments_and_the_chosen_operation():
    doc = parse("""
      query A($n: Int) { products(last: $n) { edges { ...F } } }
      query B { ping }
      fragment F on ProductCountableEdge { node { name } }
    """)
    assert query_cost(doc, {"n": 100}, "A") == 1 + 100 + 100 + 100
    assert query_cost(doc, {"n": 100}, "B") == 1
    assert query_cost(parse("{ __typename ping }")) == 1
