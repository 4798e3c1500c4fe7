"""Account API: JWT tokens (Saleor's tokenCreate / tokenRefresh) and `me`."""

from __future__ import annotations

import graphene
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.graphql import BaseMutation, error_type

from .jwt import create_access_token, create_refresh_token, user_from_token

AccountError = error_type("AccountError")


class UserType(graphene.ObjectType):
    class Meta:
        name = "User"

    id = graphene.ID(required=True)
    email = graphene.String(required=True)
    full_name = graphene.String()
    is_staff = graphene.Boolean(required=True)
    user_permissions = graphene.List(graphene.NonNull(graphene.String), required=True)

    @staticmethod
    def resolve_id(root, info):
        from graphql_relay import to_global_id

        return to_global_id("User", root.pk)

    @staticmethod
    def resolve_user_permissions(root, info):
        return sorted(p.split(".", 1)[1].upper() for p in root.get_all_permissions() if p.startswith("accounts."))


class TokenCreate(BaseMutation):
    """Authenticate with e-mail and password; returns an access token and a refresh token."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    class Meta:
        error_type_class = AccountError

    token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(UserType)

    @classmethod
    def perform_mutation(cls, root, info, email, password):
        user = authenticate(info.context, username=email.strip().lower(), password=password)
        if user is None:
            raise DomainError(_("Email hoặc mật khẩu không đúng."), field="email", code="INVALID_CREDENTIALS")
        return {"token": create_access_token(user), "refresh_token": create_refresh_token(user), "user": user}


class TokenRefresh(BaseMutation):
    """Exchange a refresh token for a new access token."""

    class Arguments:
        refresh_token = graphene.String(required=True)

    class Meta:
        error_type_class = AccountError

    token = graphene.String()
    user = graphene.Field(UserType)

    @classmethod
    def perform_mutation(cls, root, info, refresh_token):
        user = user_from_token(refresh_token, token_type="refresh")
        if user is None:
            raise DomainError(_("Mã làm mới không hợp lệ hoặc đã hết hạn."), field="refreshToken",
                              code="JWT_INVALID_TOKEN")
        return {"token": create_access_token(user), "user": user}


class Query(graphene.ObjectType):
    me = graphene.Field(UserType, description="The logged-in user.")

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None


class Mutation(graphene.ObjectType):
    token_create = TokenCreate.Field()
    token_refresh = TokenRefresh.Field()
