"""Table models that serve big grids from columns (numpy), not row objects."""
