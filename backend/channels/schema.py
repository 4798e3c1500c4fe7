"""GraphQL for the channels app; composed into the root schema in ocop/schema.py."""

import graphene

from .api import Query as ChannelQueries


class Query(ChannelQueries, graphene.ObjectType):
    pass


class Mutation(graphene.ObjectType):
    pass
