"""Editor tooling: JSON Schemas, new-item stubs and editor settings.
"""
