"""The page's service, without a browser."""

from __future__ import annotations

import asyncio
import shutil


def test_downloads_still_work_after_a_tmp_cleaner_removed_the_exports_folder(team_service):
    service, users = team_service
    shutil.rmtree(service._exports)
    path = asyncio.run(service.write_export(users["tess"], "team-progress.csv", "trainee\n"))
    assert path.read_text(encoding="utf-8") == "trainee\n" and path.parent.parent == service._exports
