"""GraphQL for the inventory app; composed into the root schema in ocop/schema.py."""

import graphene

from .api_warehouses import Query as WarehouseQueries


class Query(WarehouseQueries, graphene.ObjectType):
    pass


class Mutation(graphene.ObjectType):
    pass
