from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(
            # An IMMUTABLE wrapper so unaccent can be used in indexes and generated columns.
            "CREATE OR REPLACE FUNCTION ocop_unaccent(text) RETURNS text "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent', $1) $$;",
            "DROP FUNCTION IF EXISTS ocop_unaccent(text);",
        ),
    ]
