"""The catalogue's GraphQL API (Saleor 3 names and shapes)."""
