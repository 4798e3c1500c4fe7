"""Standard GraphQL validation runs before anything else: a malformed document gets validation errors, no
`data` and nothing executed — never a partial answer, never a 500."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

REFUSED = {
    "unknown field": ('{ products(channel: "online", first: 1) { edges { node { name nope } } } }',
                      {}, "Cannot query field 'nope' on type 'Product'"),
    "unknown root field": ("{ ping notARootField }", {}, "Cannot query field 'notARootField'"),
    "unknown argument": ('{ products(channel: "online", first: 1, colour: "red") { totalCount } }',
                         {}, "Unknown argument 'colour'"),
    "unknown input field": ('{ products(channel: "online", first: 1, filter: {nope: true}) { totalCount } }',
                            {}, "Field 'nope' is not defined by type 'ProductFilterInput'"),
    "unknown type": ("query($x: NoSuchInput) { ping }", {}, "Unknown type 'NoSuchInput'"),
    "missing required argument": ("{ stamp { uri } }", {}, "argument 'uri' of type 'String!' is required"),
    "wrong variable type": ('query($n: String) { products(channel: "online", first: $n) { totalCount } }',
                            {"n": "1"}, "Variable '$n' of type 'String' used in position expecting type 'Int'"),
    "named fragment cycle": ("fragment A on Category { parent { ...B } } fragment B on Category { parent { ...A } } "
                             '{ category(slug: "x") { ...A } }', {}, "Cannot spread fragment 'A' within itself"),
    "self-spread fragment": ('fragment A on Category { name ...A } { category(slug: "x") { ...A } }', {},
                             "Cannot spread fragment 'A' within itself"),
    "unused variable": ("query($unused: Int) { ping }", {}, "Variable '$unused' is never used"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(REFUSED))
def test_invalid_documents_are_refused_before_running(client, case):
    query, variables, expected = REFUSED[case]
    with CaptureQueriesContext(connection) as ctx:
        resp = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json")
    assert resp.status_code == 400  # graphene's status for errors without a path
    body = resp.json()
    assert "data" not in body
    assert any(expected in e["message"] for e in body["errors"]), body
    assert all(e.get("locations") for e in body["errors"])
    assert not [q for q in ctx.captured_queries if "ocop" in q["sql"] or "catalog" in q["sql"]]


@pytest.mark.django_db
def test_syntax_error_is_a_400_not_a_500(client):
    resp = client.post("/graphql/", {"query": "{ ping "}, content_type="application/json")
    assert resp.status_code == 400
    assert "Syntax Error" in resp.json()["errors"][0]["message"]


@pytest.mark.django_db
def test_valid_document_still_runs(gql):
    assert gql("{ ping }") == {"data": {"ping": "pong"}}


@pytest.mark.django_db
def test_limits_still_apply_after_standard_rules(gql):
    nested = "name " + "".join("parent { " for _ in range(12)) + "name" + " }" * 12
    result = gql('{ category(slug: "x") { ' + nested + " } }")
    assert "data" not in result or result["data"] is None
    assert "depth" in result["errors"][0]["message"].lower()
