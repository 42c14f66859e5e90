"""Check: whole-road-map checks beyond validity.

:mod:`.registry` holds the list of checks; :mod:`.rules` imports every rule module so
that its checks register; :mod:`.pipeline` reads a data folder and runs them all.
"""
