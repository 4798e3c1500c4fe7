app_name = "pos"
urlpatterns: list = []
