"""Fixtures the registers tests share with the lifecycle tests."""

from tests.lifecycle.conftest import exam_paper, plan  # noqa: F401
