"""Sequential order numbers from a PostgreSQL sequence (gap-free enough, never duplicated)."""

from django.db import connection


def next_order_number() -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT nextval('orders_order_number_seq')")
        return int(cur.fetchone()[0])
