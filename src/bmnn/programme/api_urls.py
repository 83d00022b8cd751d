from django.urls import path

from . import api, api_inspections

# The operations' endpoints (POST /api/plans/, /api/plans/<id>/tasks/, /api/plan-tasks/<id>/report/,
# /api/inspections/<id>/conclude/ ...) are made from their declarations in programme.operations.
app_name = "programme-api"
urlpatterns = [
    # Plans (P1)
    path("plans/<int:pk>/", api.plan_detail, name="plan"),
    path("plans/<int:pk>/document.<str:fmt>", api.plan_print, name="document"),
    path("plan-tasks/", api.occurrence_list, name="occurrences"),
    path("plan-tasks/<int:pk>/", api.occurrence_detail, name="occurrence"),
    # Self-inspection (P2)
    path("checklists/", api_inspections.checklist_list, name="checklists"),
    path("inspections/<int:pk>/", api_inspections.inspection_detail, name="inspection"),
    path("inspection-findings/", api_inspections.finding_list, name="findings"),
    path("inspection-findings/<int:pk>/", api_inspections.finding_detail, name="finding"),
]
