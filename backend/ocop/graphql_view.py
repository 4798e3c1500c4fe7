"""The /graphql/ endpoint: JWT bearer auth (Saleor), multipart uploads, a depth limit and a cost limit.

A session cookie counts only with a valid CSRF token, so a foreign page cannot post mutations in a
logged-in user's name; requests with neither are anonymous.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene.validation import depth_limit_validator
from graphene_file_upload.django import FileUploadGraphQLView
from graphql import ExecutionResult

from accounts.jwt import bearer_token, user_from_token
from core.query_cost import body_too_large, request_refusal


def _csrf_ok(request) -> bool:
    checker = CsrfViewMiddleware(lambda r: None)
    return checker.process_view(request, None, (), {}) is None


@method_decorator(csrf_exempt, name="dispatch")
class OcopGraphQLView(FileUploadGraphQLView):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validation_rules", (depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),))
        super().__init__(*args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if (too_large := body_too_large(request)) is not None:
            return too_large
        token = bearer_token(request)
        if token:
            request.user = user_from_token(token) or AnonymousUser()
        elif request.method == "POST" and getattr(request, "user", None) and request.user.is_authenticated:
            if not _csrf_ok(request):
                request.user = AnonymousUser()
        return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if query and (refusal := request_refusal(query, variables, operation_name)) is not None:
            return ExecutionResult(data=None, errors=[refusal])  # refused before validation and execution
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)
