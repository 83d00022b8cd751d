from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import lifecycle, operations

app_name = "api"
urlpatterns = [
    path("carriers/<int:pk>/requests/<slug:kind>/", lifecycle.request_new, name="request-new"),
    path("requests/", lifecycle.requests_mine, name="requests"),
    path("requests/awaiting/", lifecycle.requests_awaiting, name="requests-awaiting"),
    path("requests/<int:pk>/", lifecycle.request_detail, name="request"),
    path("requests/<int:pk>/decide/", lifecycle.request_decision, name="request-decide"),
    path("requests/<int:pk>/execute/", lifecycle.request_execute, name="request-execute"),
    path("takeouts/<int:pk>/return/", lifecycle.takeout_back, name="takeout-return"),
    path("due/", lifecycle.due, name="due"),
    path("carriers/<int:pk>/recall/", lifecycle.action, {"slug": "thu-hoi"}, name="recall-issue"),
    path("carriers/<int:pk>/emergency-destruction/", lifecycle.action, {"slug": "tieu-huy-khan-cap"},
         name="emergency-destruction"),
    path("councils/", lifecycle.councils, name="councils"),
    path("councils/<int:pk>/", lifecycle.council_detail, name="council"),
    path("councils/<int:pk>/minutes/", lifecycle.action, {"slug": "bien-ban-hop"}, name="council-minutes"),
    path("councils/<int:pk>/decision/", lifecycle.action, {"slug": "quyet-dinh"}, name="council-decision"),
    path("councils/<int:pk>/destruction-record/", lifecycle.action, {"slug": "bien-ban-tieu-huy"},
         name="destruction-record"),
    path("councils/<int:pk>/confirmations/", lifecycle.action, {"slug": "xac-nhan-tieu-huy"},
         name="destruction-confirm"),
    path("recalls/", lifecycle.recalls, name="recalls"),
    path("recalls/<int:pk>/", lifecycle.recall_detail, name="recall"),
    path("recall-items/<int:pk>/return/", lifecycle.action, {"slug": "xac-nhan-tra"}, name="recall-return"),
    path("notices/", lifecycle.notices, name="notices"),
    path("notices/<int:pk>/sent/", lifecycle.action, {"slug": "da-gui"}, name="notice-sent"),
    path("meetings/", lifecycle.meetings, name="meetings"),
    path("meetings/<int:pk>/", lifecycle.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/approval/", lifecycle.action, {"slug": "phe-duyet-hop"}, name="meeting-approve"),
    path("meetings/<int:pk>/documents/", lifecycle.action, {"slug": "phat-tai-lieu"}, name="meeting-issue"),
    path("meetings/<int:pk>/seals/", lifecycle.action, {"slug": "niem-phong"}, name="meeting-seal"),
    path("meetings/<int:pk>/close/", lifecycle.action, {"slug": "ket-thuc-hop"}, name="meeting-close"),
    path("meeting-documents/<int:pk>/return/", lifecycle.action, {"slug": "thu-lai-tai-lieu"},
         name="meeting-return"),
    path("pending-classifications/", lifecycle.pending_classification, name="pending-classification"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *operations.urlpatterns(),
]
