"""The /graphql/ endpoint: JWT bearer auth (Saleor), multipart uploads, GraphQL's standard validation, then a
depth limit and a cost limit.

Size limits come first (core/query_cost.py: body size before it is read, tokens, aliases, fields). Then every
document is checked in two passes before it runs: first graphql-core's specified rules (unknown
fields, arguments and types, missing required arguments, wrong variable types, fragment cycles…), so the
later passes only ever see well-formed documents; then our limits (depth, cost). A refused document gets
errors and no `data`, never a 500.

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
from graphene_django.settings import graphene_settings
from graphene_file_upload.django import FileUploadGraphQLView
from graphql import ExecutionResult, specified_rules, validate

from accounts.jwt import bearer_token, user_from_token
from core.query_cost import body_too_large, checked_document, cost_refusal


def _csrf_ok(request) -> bool:
    checker = CsrfViewMiddleware(lambda r: None)
    return checker.process_view(request, None, (), {}) is None


@method_decorator(csrf_exempt, name="dispatch")
class OcopGraphQLView(FileUploadGraphQLView):
    def __init__(self, *args, **kwargs):
        # graphene runs only these after our own pass with the standard rules (execute_graphql_request).
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
        if query:
            # size limits first (aliases, fields, tokens: cheap, before the costlier validation), then the rules
            document, refusal = checked_document(query)
            if refusal is not None:
                return ExecutionResult(data=None, errors=[refusal])
            errors = validate(self.schema.graphql_schema, document, specified_rules,
                              graphene_settings.MAX_VALIDATION_ERRORS)
            if errors:
                return ExecutionResult(data=None, errors=errors)
            if (refusal := cost_refusal(document, variables, operation_name)) is not None:
                return ExecutionResult(data=None, errors=[refusal])
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)
