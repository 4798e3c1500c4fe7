app_name = "storefront"
urlpatterns: list = []
