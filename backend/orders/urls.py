from django.urls import path

from . import views

app_name = "orders"
urlpatterns = [
    path("don-hang/<uuid:token>/", views.order_confirmation, name="confirmation"),
    path("quan-ly/don-hang/", views.staff_list, name="staff-list"),
    path("quan-ly/don-hang/<int:number>/", views.staff_detail, name="staff-detail"),
    path("quan-ly/don-hang/<int:number>/<slug:action>/", views.staff_action, name="staff-action"),
]
