"""Prefect 3 flows: thin orchestration of the plain functions in `litcurate.ingest`."""
