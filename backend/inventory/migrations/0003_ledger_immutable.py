from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION inventory_movement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock movements are immutable (ledger)';
END $$;
CREATE TRIGGER inventory_movement_no_update BEFORE UPDATE OR DELETE ON inventory_stockmovement
  FOR EACH ROW EXECUTE FUNCTION inventory_movement_immutable();
"""
REVERSE = """
DROP TRIGGER IF EXISTS inventory_movement_no_update ON inventory_stockmovement;
DROP FUNCTION IF EXISTS inventory_movement_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("inventory", "0002_initial")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
