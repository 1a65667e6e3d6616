"""Database layer: SQLAlchemy 2 models, engine/session factory and migrations (Qt-free)."""
