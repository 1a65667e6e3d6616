"""Reusable widgets shared by the workbench tabs."""
