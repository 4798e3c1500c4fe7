from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]
    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS orders_order_number_seq START 1000;",
            "DROP SEQUENCE IF EXISTS orders_order_number_seq;",
        ),
    ]
