from django.urls import path

from . import lifecycle, views

app_name = "api"
urlpatterns = [
    path("carriers/", views.CarrierList.as_view(), name="carriers"),
    path("carriers/counts/", views.carrier_counts, name="carrier-counts"),
    path("carriers/outgoing/", views.outgoing_register, name="outgoing"),
    path("carriers/incoming/", views.incoming_receive, name="incoming"),
    path("carriers/<int:pk>/", views.carrier_detail, name="carrier"),
    path("carriers/<int:pk>/history/", views.carrier_history, name="carrier-history"),
    path("carriers/<int:pk>/sign-off/", views.incoming_sign_off, name="sign-off"),
    path("carriers/<int:pk>/handovers/", views.handover_create, name="handover-create"),
    path("handovers/awaiting/", views.handovers_awaiting, name="handovers-awaiting"),
    path("handovers/<int:pk>/confirm/", views.handover_confirm, name="handover-confirm"),
    path("carriers/<int:pk>/requests/<slug:kind>/", lifecycle.request_new, name="request-new"),
    path("requests/", lifecycle.requests_mine, name="requests"),
    path("requests/awaiting/", lifecycle.requests_awaiting, name="requests-awaiting"),
    path("requests/<int:pk>/", lifecycle.request_detail, name="request"),
    path("requests/<int:pk>/decide/", lifecycle.request_decision, name="request-decide"),
    path("requests/<int:pk>/execute/", lifecycle.request_execute, name="request-execute"),
    path("takeouts/<int:pk>/return/", lifecycle.takeout_back, name="takeout-return"),
    path("due/", lifecycle.due, name="due"),
    path("organisations/", views.OrganisationList.as_view(), name="organisations"),
    path("people/", views.PersonList.as_view(), name="people"),
]
