"""GraphQL documents shared by the API tests."""

PRODUCT_FIELDS = """
  id name slug description channel
  thumbnail(size: 256) { url alt }
  media { id url(size: 128) alt type }
  ocop { stars score certificateNumber decisionNumber issuedOn expiresOn status issuingLevel group { slug } }
  producer { id name slug address { wardCode wardName provinceName } }
  pricing { onSale priceRange { start { gross { amount currency } net { amount } tax { amount } }
                                stop { gross { amount currency } } } }
  isAvailable
  category { id name parent { name } }
  collections { id name }
  productType { name taxRate }
  metadata { key value }
  attributes { attribute { slug name } values { name } }
  variants { id sku gtin name quantityAvailable
             pricing { onSale price { gross { amount currency } } priceUndiscounted { gross { amount } } } }
"""

PRODUCTS = """
query Products($channel: String, $first: Int, $after: String, $last: Int, $before: String,
               $filter: ProductFilterInput, $sortBy: ProductOrder) {
  products(channel: $channel, first: $first, after: $after, last: $last, before: $before,
           filter: $filter, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { PRODUCT_FIELDS } }
  }
}
""".replace("PRODUCT_FIELDS", PRODUCT_FIELDS)

PRODUCT_SLUGS = """
query($channel: String, $first: Int, $after: String, $last: Int, $before: String,
      $filter: ProductFilterInput, $sortBy: ProductOrder) {
  products(channel: $channel, first: $first, after: $after, last: $last, before: $before,
           filter: $filter, sortBy: $sortBy) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}
"""


def slugs(result: dict) -> list[str]:
    assert "errors" not in result, result
    return [e["node"]["slug"] for e in result["data"]["products"]["edges"]]
