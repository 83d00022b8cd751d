from django.urls import path

from . import api

app_name = "registry-api"
urlpatterns = [
    path("carriers/", api.CarrierList.as_view(), name="carriers"),
    path("carriers/counts/", api.carrier_counts, name="carrier-counts"),
    path("carriers/<int:pk>/", api.carrier_detail, name="carrier"),
    path("carriers/<int:pk>/history/", api.carrier_history, name="carrier-history"),
    path("handovers/awaiting/", api.handovers_awaiting, name="handovers-awaiting"),
]
