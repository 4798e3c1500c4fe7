"""The /graphql/ endpoint: JWT bearer auth (Saleor), multipart uploads, GraphQL's standard validation, then a
depth limit and a cost limit.

Every document is checked in two passes before it runs: first graphql-core's specified rules (unknown
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
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene.validation import depth_limit_validator
from graphene_django.settings import graphene_settings
from graphene_file_upload.django import FileUploadGraphQLView
from graphql import DocumentNode, ExecutionResult, GraphQLError, GraphQLSyntaxError, parse, specified_rules, validate

from accounts.jwt import bearer_token, user_from_token
from core.query_cost import query_cost


def _csrf_ok(request) -> bool:
    checker = CsrfViewMiddleware(lambda r: None)
    return checker.process_view(request, None, (), {}) is None


def _cost_error(document: DocumentNode, variables, operation_name) -> GraphQLError | None:
    cost = query_cost(document, variables if isinstance(variables, dict) else {}, operation_name)
    limit = settings.GRAPHQL_MAX_COST
    if cost <= limit:
        return None
    return GraphQLError(
        _("Truy vấn quá nặng: chi phí %(cost)s vượt giới hạn %(limit)s. Hãy lấy ít bản ghi mỗi trang "
          "hoặc bớt các kết nối lồng nhau.") % {"cost": cost, "limit": limit},
        extensions={"code": "QUERY_COST_LIMIT", "cost": cost, "limit": limit},
    )


@method_decorator(csrf_exempt, name="dispatch")
class OcopGraphQLView(FileUploadGraphQLView):
    def __init__(self, *args, **kwargs):
        # graphene runs only these after our own pass with the standard rules (execute_graphql_request).
        kwargs.setdefault("validation_rules", (depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),))
        super().__init__(*args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        token = bearer_token(request)
        if token:
            request.user = user_from_token(token) or AnonymousUser()
        elif request.method == "POST" and getattr(request, "user", None) and request.user.is_authenticated:
            if not _csrf_ok(request):
                request.user = AnonymousUser()
        return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if query:
            try:
                document = parse(query)
            except GraphQLSyntaxError as error:
                return ExecutionResult(data=None, errors=[error])
            errors = validate(self.schema.graphql_schema, document, specified_rules,
                              graphene_settings.MAX_VALIDATION_ERRORS)
            if errors:
                return ExecutionResult(data=None, errors=errors)
            cost_error = _cost_error(document, variables, operation_name)
            if cost_error:
                return ExecutionResult(data=None, errors=[cost_error])
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)
