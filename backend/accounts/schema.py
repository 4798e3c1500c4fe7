"""Account API: JWT tokens (Saleor's tokenCreate / tokenRefresh) and `me`."""

from __future__ import annotations

import graphene
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from graphene.types.generic import GenericScalar

from core.errors import DomainError
from core.graphql import BaseMutation, error_type

from .jwt import create_access_token, create_refresh_token, rotate_refresh_token, verify
from .throttling import is_locked_out, lockout_message, lockout_seconds, throttled
from .tokens import tokens_deactivate_all

AccountError = error_type("AccountError", ["LOGIN_ATTEMPT_DELAYED", "TOO_MANY_REQUESTS"])


class UserType(graphene.ObjectType):
    class Meta:
        name = "User"

    id = graphene.ID(required=True)
    email = graphene.String(required=True)
    full_name = graphene.String()
    is_staff = graphene.Boolean(required=True)
    user_permissions = graphene.List(graphene.NonNull(graphene.String), required=True)
    orders = graphene.List(graphene.NonNull("orders.schema.OrderType"), required=True,
                           first=graphene.Int(default_value=20), description="The user's own orders, newest first.")

    @staticmethod
    def resolve_id(root, info):
        from graphql_relay import to_global_id

        return to_global_id("User", root.pk)

    @staticmethod
    def resolve_user_permissions(root, info):
        return sorted(p.split(".", 1)[1].upper() for p in root.get_all_permissions() if p.startswith("accounts."))


    @staticmethod
    def resolve_orders(root, info, first=20):
        from orders.selectors import customer_orders

        viewer = info.context.user
        if not viewer.is_authenticated or viewer.pk != root.pk:
            return []
        return list(customer_orders(root).prefetch_related("lines")[: max(1, min(first, 100))])


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
    def mutate(cls, root, info, email, password):
        """Authenticates outside the mutation's transaction: a failed try must stay recorded (axes)."""
        user = authenticate(info.context, username=email.strip().lower(), password=password)
        if is_locked_out(info.context):
            error = DomainError(lockout_message(lockout_seconds()), field="email", code="LOGIN_ATTEMPT_DELAYED")
            return cls._error(error.as_field_errors())
        if user is None:
            error = DomainError(_("Email hoặc mật khẩu không đúng."), field="email", code="INVALID_CREDENTIALS")
            return cls._error(error.as_field_errors())
        return cls(token=create_access_token(user), refresh_token=create_refresh_token(user), user=user, errors=[])


class TokenRefresh(BaseMutation):
    """Exchange a refresh token for a new access token and a new refresh token (each refresh token works once)."""

    class Arguments:
        refresh_token = graphene.String(required=True)

    class Meta:
        error_type_class = AccountError

    token = graphene.String()
    refresh_token = graphene.String(description="The next refresh token; the one sent is used up.")
    user = graphene.Field(UserType)

    @classmethod
    def perform_mutation(cls, root, info, refresh_token):
        user, new_refresh = rotate_refresh_token(refresh_token)
        if user is None:
            raise DomainError(_("Mã làm mới không hợp lệ hoặc đã hết hạn."), field="refreshToken",
                              code="JWT_INVALID_TOKEN")
        return {"token": create_access_token(user), "refresh_token": new_refresh, "user": user}


class TokenVerify(BaseMutation):
    """Check an access token: valid, expired, or ended (new password, logout, tokensDeactivateAll)."""

    class Arguments:
        token = graphene.String(required=True)

    class Meta:
        error_type_class = AccountError

    is_valid = graphene.Boolean(required=True)
    payload = GenericScalar()
    user = graphene.Field(UserType)

    @classmethod
    def perform_mutation(cls, root, info, token):
        found = verify(token)
        if found.user is None:
            message = (_("Mã truy cập đã hết hạn.") if found.code == "JWT_SIGNATURE_EXPIRED"
                       else _("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
            result = cls._error(DomainError(message, field="token", code=found.code).as_field_errors())
            result.is_valid = False
            return result
        return {"is_valid": True, "payload": found.payload, "user": found.user}


class TokensDeactivateAll(BaseMutation):
    """End every access and refresh token of the logged-in user (and their sessions)."""

    class Meta:
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info):
        user = info.context.user
        if not user.is_authenticated:
            raise DomainError(_("Bạn cần đăng nhập."), code="PERMISSION_DENIED")
        tokens_deactivate_all(user)
        return {}


class AccountRegisterInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    full_name = graphene.String()
    phone = graphene.String()


class AccountRegister(BaseMutation):
    """Create a customer account (Saleor's accountRegister); active at once, no e-mail confirmation."""

    class Arguments:
        input = AccountRegisterInput(required=True)

    class Meta:
        error_type_class = AccountError

    user = graphene.Field(UserType)
    requires_confirmation = graphene.Boolean(required=True)

    @classmethod
    def perform_mutation(cls, root, info, input):
        from .forms import RegisterForm
        from .models import User

        if (throttle := throttled(info.context, "register")).limited:
            raise DomainError(throttle.message, code="TOO_MANY_REQUESTS")
        form = RegisterForm({"email": input.get("email", ""), "password1": input.get("password", ""),
                             "password2": input.get("password", ""), "full_name": input.get("full_name") or "-",
                             "phone": input.get("phone") or ""})
        if not form.is_valid():
            field, errs = next(iter(form.errors.as_data().items()))
            code = {"email": "UNIQUE" if errs[0].code == "unique" else "INVALID", "phone": "INVALID_PHONE",
                    "password1": "INVALID", "password2": "INVALID"}.get(field, "INVALID")
            raise DomainError(" ".join(m for e in errs for m in e.messages), field={"password1": "password", "password2": "password",
                                                     "full_name": "fullName"}.get(field, field), code=code)
        d = form.cleaned_data
        user = User.objects.create_user(d["email"], d["password1"], full_name=input.get("full_name") or "",
                                        phone=d["phone"])
        return {"user": user, "requires_confirmation": False}


class Query(graphene.ObjectType):
    me = graphene.Field(UserType, description="The logged-in user.")

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None


class Mutation(graphene.ObjectType):
    token_create = TokenCreate.Field()
    account_register = AccountRegister.Field()
    token_refresh = TokenRefresh.Field()
    token_verify = TokenVerify.Field()
    tokens_deactivate_all = TokensDeactivateAll.Field()
