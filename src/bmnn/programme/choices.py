"""States and kinds of the programme: plans, tasks, progress, inspections, findings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Dự thảo")
    ISSUED = "ISSUED", _("Đã ban hành")


class Role(models.TextChoices):
    LEAD = "LEAD", _("Chủ trì")
    COORDINATOR = "COORDINATOR", _("Phối hợp")


class Recurrence(models.TextChoices):
    NONE = "NONE", _("Một lần (theo hạn)")
    MONTHLY = "MONTHLY", _("Hằng tháng")
    QUARTERLY = "QUARTERLY", _("Hằng quý")
    YEARLY = "YEARLY", _("Hằng năm")


class TaskStatus(models.TextChoices):
    PENDING = "PENDING", _("Chưa báo cáo")
    IN_PROGRESS = "IN_PROGRESS", _("Đang thực hiện")
    DONE = "DONE", _("Hoàn thành")
    RETURNED = "RETURNED", _("Bị trả lại")


class EventKind(models.TextChoices):
    REPORT = "REPORT", _("Báo cáo tiến độ")
    REMIND = "REMIND", _("Nhắc thực hiện")
    RETURN = "RETURN", _("Trả lại báo cáo")


class InspectionStatus(models.TextChoices):
    OPEN = "OPEN", _("Đang kiểm tra")
    CONCLUDED = "CONCLUDED", _("Đã kết luận")


class Answer(models.TextChoices):
    MET = "MET", _("Đạt")
    NOT_MET = "NOT_MET", _("Chưa đạt")
    NOT_APPLICABLE = "NA", _("Không áp dụng")


class FindingStatus(models.TextChoices):
    OPEN = "OPEN", _("Đang khắc phục")
    CLOSED = "CLOSED", _("Đã khắc phục")
