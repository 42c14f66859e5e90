"""Read: the data folder's YAML files, strictly, into a typed, resolved road map.

Every value keeps its file, line and column; every problem is collected.
"""
