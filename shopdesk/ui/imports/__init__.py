"""导入 — the import dialog (dry-run preview, then import), the import history
with undo, and the status-mapping dialog. The work itself is done by the
Qt-free :mod:`shopdesk.services.imports`; these widgets run it on the task runner
and show what it says."""
