from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import lookup, operations

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("lookup/people/", lookup.PeopleLookup.as_view(), name="lookup-people"),
    path("lookup/units/", lookup.UnitsLookup.as_view(), name="lookup-units"),
    *operations.urlpatterns(),
]
