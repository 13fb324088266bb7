"""The model: entities, the framework, and the results of its queries (knows no files)."""
