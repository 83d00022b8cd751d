from django.urls import path

from .views import inspections as inspection_views
from .views import plans

app_name = "programme"
urlpatterns = [
    # Plans (P1)
    path("ke-hoach/", plans.plan_list, name="plans"),
    path("ke-hoach/moi/", plans.plan_new, name="plan-new"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/sua/", plans.plan_edit, name="plan-edit"),
    path("ke-hoach/<int:pk>/giao-nhiem-vu/", plans.task_add, name="task-add"),
    path("ke-hoach/<int:pk>/dinh-kem/", plans.plan_attach, name="plan-attach"),
    path("ke-hoach/<int:pk>/ban-hanh/", plans.plan_issue, name="plan-issue"),
    path("ke-hoach/<int:pk>/in.<str:fmt>", plans.plan_print, name="plan-print"),
    path("nhiem-vu-duoc-giao/", plans.tasks_assigned, name="tasks"),
    path("nhiem-vu-duoc-giao/<int:pk>/", plans.occurrence_detail, name="occurrence"),
    path("nhiem-vu-duoc-giao/<int:pk>/<slug:op>/", plans.occurrence_act, name="occurrence-act"),
    path("minh-chung/<int:pk>/", plans.evidence_file, name="evidence"),
    # Self-inspection (P2)
    path("tu-kiem-tra/", inspection_views.inspection_list, name="inspections"),
    path("tu-kiem-tra/moi/", inspection_views.inspection_new, name="inspection-new"),
    path("tu-kiem-tra/<int:pk>/", inspection_views.inspection_detail, name="inspection"),
    path("tu-kiem-tra/<int:pk>/noi-dung/<int:answer_pk>/", inspection_views.answer_save, name="inspection-answer"),
    path("tu-kiem-tra/<int:pk>/ton-tai/", inspection_views.finding_new, name="inspection-finding"),
    path("tu-kiem-tra/<int:pk>/ket-luan/", inspection_views.inspection_conclude, name="inspection-conclude"),
    path("ton-tai/", inspection_views.finding_list, name="findings"),
    path("ton-tai/<int:pk>/", inspection_views.finding_detail, name="finding"),
    path("ton-tai/<int:pk>/khac-phuc/", inspection_views.finding_close, name="finding-close"),
]
