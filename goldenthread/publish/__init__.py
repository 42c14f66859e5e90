"""Publish: open data, the checks of a built site, and the atomic swap into place.
"""
