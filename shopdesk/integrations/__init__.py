"""Clients of outside services (platform APIs, group-robot webhooks): httpx, no Qt."""
