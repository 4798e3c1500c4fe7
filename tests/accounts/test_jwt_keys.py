"""Item 1 of issue 14: JWTs have their own signing key, rotation keeps the retired key valid for verification
during a grace period only, and a token forged with the key once in the source is refused."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
import pytest
from django.utils import timezone

from accounts.jwt import create_access_token
from tests.factories import make_user

ME = "{ me { email isStaff } }"
SOURCE_KEY = "ocop-demo-insecure-key-change-me-in-production"


def forged(user, key: str) -> str:
    now = int(time.time())
    return jwt.encode({"sub": str(user.pk), "email": user.email, "type": "access", "iat": now, "exp": now + 600,
                       "is_staff": True}, key, algorithm="HS256")


@pytest.mark.django_db
def test_forged_tokens_are_refused(gql, settings):
    staff = make_user("staff@ocop.demo", is_staff=True, is_superuser=True)
    assert gql(ME, token=create_access_token(staff))["data"]["me"]["email"] == "staff@ocop.demo"
    for key in (SOURCE_KEY, settings.SECRET_KEY):  # the old source key, and SECRET_KEY is not the JWT key
        assert gql(ME, token=forged(staff, key))["data"]["me"] is None
    assert settings.JWT_SIGNING_KEY != settings.SECRET_KEY


@pytest.mark.django_db
def test_rotation_old_key_verifies_during_grace_period_only(gql, settings):
    user = make_user("khach@ocop.demo")
    settings.JWT_SIGNING_KEY = "old-jwt-key-" + "o" * 40
    old_token = create_access_token(user)
    settings.JWT_SIGNING_KEY = "new-jwt-key-" + "n" * 40
    settings.JWT_PREVIOUS_SIGNING_KEYS = ["old-jwt-key-" + "o" * 40]
    settings.JWT_PREVIOUS_KEYS_UNTIL = timezone.now() + timedelta(days=1)
    assert gql(ME, token=old_token)["data"]["me"]["email"] == "khach@ocop.demo"
    new_token = create_access_token(user)
    assert jwt.decode(new_token, "new-jwt-key-" + "n" * 40, algorithms=["HS256"])["sub"] == str(user.pk)

    settings.JWT_PREVIOUS_KEYS_UNTIL = timezone.now() - timedelta(seconds=1)
    assert gql(ME, token=old_token)["data"]["me"] is None
    assert gql(ME, token=new_token)["data"]["me"]["email"] == "khach@ocop.demo"
