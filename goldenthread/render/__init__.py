"""Render: views, charts and our own autoescaped templates, into page HTML.
"""
