"""GraphQL for the certification app; composed into the root schema in ocop/schema.py."""

import graphene

from .api import Mutation as CertificateMutations


class Query(graphene.ObjectType):
    pass


class Mutation(CertificateMutations, graphene.ObjectType):
    pass
