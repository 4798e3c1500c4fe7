from django.core.management.base import BaseCommand

from search.backends import get_backend
from search.indexing import update_product_search


class Command(BaseCommand):
    help = "Recompute every product's search vector (and rebuild the Elasticsearch index when configured)."

    def handle(self, *args, **options) -> None:
        count = update_product_search(None, push=False)
        self.stdout.write(f"PostgreSQL: {count} products re-indexed")
        backend = get_backend()
        if backend.name != "postgres":
            self.stdout.write(f"{backend.name}: {backend.index(None)} products indexed")
