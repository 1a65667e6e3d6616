"""Qt only: the main window, table models and one package per workbench tab.

Views are thin: they build widgets, wire signals and hand work to ``services``
through ``tasks.runner``; no SQL runs on the GUI thread.
"""
