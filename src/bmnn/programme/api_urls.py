from django.urls import path

from . import api

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
]
