"""Background work: progress reporting and cancellation (``progress`` is Qt-free,
``runner`` runs a job on a worker thread for the GUI)."""
