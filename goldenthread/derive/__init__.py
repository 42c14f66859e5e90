"""Derive: facts computed from the road map, never typed by hand.

Trend and status of measures, escalation of blockages, review dates, the golden
thread's back-links, the audience filter and the text a reader will see.
"""
