"""Database plumbing: the read-replica router and the partitioning of the largest tables."""
