from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GateConfig(AppConfig):
    name = "bmnn.gate"
    verbose_name = _("Check before publishing")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo`: the web editor checks two files before publishing them (R29)."""
        from .services import file_check

        editor = people["chuyenvien"]
        notice = "THÔNG BÁO\nLịch tiếp công dân tháng 12/2026 của Sở Giáo dục và Đào tạo.\n"
        draft = "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/KH-SGDĐT\n\nMẬT\n\nKẾ HOẠCH\nVận chuyển đề thi năm 2026\n"
        for name, text in (("thong-bao-tiep-cong-dan.txt", notice), ("ke-hoach-van-chuyen.txt", draft)):
            file_check(actor=editor, name=name, chunks=[text.encode("utf-8")])
