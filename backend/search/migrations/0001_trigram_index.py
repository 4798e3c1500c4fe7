"""A GIN trigram index on catalog_product.search_document for typo-tolerant search.

It lives in the search app (which owns how products are searched) but indexes a catalog table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_extensions"),
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS search_product_document_trgm ON catalog_product "
            "USING gin (search_document gin_trgm_ops);",
            "DROP INDEX IF EXISTS search_product_document_trgm;",
        ),
    ]
