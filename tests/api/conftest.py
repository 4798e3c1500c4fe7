from __future__ import annotations

import json

import pytest

from accounts.permissions import Perm
from tests.factories import make_user


@pytest.fixture
def staff(db):
    return make_user("staff@example.vn", is_staff=True, perms=[p.value for p in Perm])


@pytest.fixture
def staff_token(staff, token_for):
    return token_for(staff)


@pytest.fixture
def consumer_token(db, token_for):
    return token_for(make_user("khach@example.vn"))


@pytest.fixture
def gql_upload(client):
    """A GraphQL multipart request (graphql-multipart-request-spec), as Saleor's dashboard sends it."""

    def run(query: str, variables: dict, files: dict, *, token: str | None = None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        file_map = {str(i): [path] for i, path in enumerate(files)}
        data = {"operations": json.dumps({"query": query, "variables": variables}), "map": json.dumps(file_map)}
        for i, upload in enumerate(files.values()):
            data[str(i)] = upload
        return client.post("/graphql/", data, **headers).json()

    return run


def errors_of(result: dict, name: str) -> list[dict]:
    assert "errors" not in result, result
    return result["data"][name]["errors"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
