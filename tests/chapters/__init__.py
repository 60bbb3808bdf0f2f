"""Per chapter: every value it displays, recomputed independently from the trace's raw arrays."""
