"""History: the road map at past git revisions, and plain-English change summaries.
"""
