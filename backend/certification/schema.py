"""GraphQL for the certification app; composed into the root schema in ocop/schema.py."""

import graphene


class Query(graphene.ObjectType):
    pass


class Mutation(graphene.ObjectType):
    pass
