from django.urls import path

from . import api, api_inspections

app_name = "programme-api"
urlpatterns = [
    # Plans (P1)
    path("plans/", api.plan_list, name="plans"),
    path("plans/<int:pk>/", api.plan_detail, name="plan"),
    path("plans/<int:pk>/tasks/", api.task_add, name="tasks"),
    path("plans/<int:pk>/attachments/", api.plan_attach, name="attachments"),
    path("plans/<int:pk>/issue/", api.plan_issue, name="issue"),
    path("plans/<int:pk>/document.<str:fmt>", api.plan_print, name="document"),
    path("plan-tasks/", api.occurrence_list, name="occurrences"),
    path("plan-tasks/<int:pk>/", api.occurrence_detail, name="occurrence"),
    path("plan-tasks/<int:pk>/<slug:op>/", api.occurrence_act, name="occurrence-act"),
    # Self-inspection (P2)
    path("checklists/", api_inspections.checklist_list, name="checklists"),
    path("inspections/", api_inspections.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", api_inspections.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/answers/<int:answer_pk>/", api_inspections.answer_save, name="inspection-answer"),
    path("inspections/<int:pk>/findings/", api_inspections.finding_new, name="inspection-findings"),
    path("inspections/<int:pk>/conclude/", api_inspections.inspection_conclude, name="inspection-conclude"),
    path("inspection-findings/", api_inspections.finding_list, name="findings"),
    path("inspection-findings/<int:pk>/", api_inspections.finding_detail, name="finding"),
    path("inspection-findings/<int:pk>/close/", api_inspections.finding_close, name="finding-close"),
]
