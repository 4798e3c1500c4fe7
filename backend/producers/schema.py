"""GraphQL for the producers app; composed into the root schema in ocop/schema.py."""

import graphene

from .api import Mutation as ProducerMutations
from .api import Query as ProducerQueries


class Query(ProducerQueries, graphene.ObjectType):
    pass


class Mutation(ProducerMutations, graphene.ObjectType):
    pass
