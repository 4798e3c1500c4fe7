"""The root GraphQL schema: each domain app contributes `Query` and `Mutation` from its schema module."""

import graphene

from accounts import schema as accounts
from backoffice import schema as backoffice
from campaigns import schema as campaigns
from catalog import schema as catalog
from certification import schema as certification
from channels import schema as channels
from checkout import schema as checkout
from events import schema as events
from inventory import schema as inventory
from orders import schema as orders
from payments import schema as payments
from portal import schema as portal
from pos import schema as pos
from producers import schema as producers
from search import schema as search
from traceability import schema as traceability

_APPS = [accounts, channels, producers, catalog, certification, inventory, orders, checkout, payments,
         pos, events, campaigns, traceability, search, portal, backoffice]


class Query(*[m.Query for m in _APPS], graphene.ObjectType):
    ping = graphene.String(description="Health check.")

    @staticmethod
    def resolve_ping(root, info):
        return "pong"


_mutations = [m.Mutation for m in _APPS]


class Mutation(*_mutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
