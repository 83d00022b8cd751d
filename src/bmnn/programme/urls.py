from django.urls import path

from .views import inspections as inspection_views
from .views import plans

# The operations' screens (write a plan, hand out a task, issue, report, open an inspection, ...) are made
# from their declarations in programme.operations, under the same paths: ke-hoach/<id>/ban-hanh/ and so on.
app_name = "programme"
urlpatterns = [
    # Plans (P1)
    path("ke-hoach/", plans.plan_list, name="plans"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/in.<str:fmt>", plans.plan_print, name="plan-print"),
    path("nhiem-vu-duoc-giao/", plans.tasks_assigned, name="tasks"),
    path("nhiem-vu-duoc-giao/<int:pk>/", plans.occurrence_detail, name="occurrence"),
    path("minh-chung/<int:pk>/", plans.evidence_file, name="evidence"),
    # Self-inspection (P2)
    path("tu-kiem-tra/", inspection_views.inspection_list, name="inspections"),
    path("tu-kiem-tra/<int:pk>/", inspection_views.inspection_detail, name="inspection"),
    path("ton-tai/", inspection_views.finding_list, name="findings"),
    path("ton-tai/<int:pk>/", inspection_views.finding_detail, name="finding"),
]
