"""GraphQL for the catalog app; composed into the root schema in ocop/schema.py."""

import graphene

from .api.mutations import Mutation as CatalogMutations
from .api.queries import Query as CatalogQueries


class Query(CatalogQueries, graphene.ObjectType):
    pass


class Mutation(CatalogMutations, graphene.ObjectType):
    pass
