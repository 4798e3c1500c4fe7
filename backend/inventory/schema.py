"""GraphQL for the inventory app; composed into the root schema in ocop/schema.py."""

from .graphql.mutations import Mutation  # noqa: F401
from .graphql.queries import Query  # noqa: F401
