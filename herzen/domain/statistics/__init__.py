"""Honest statistics: measures as data, one measure per table, the privacy budget, post-processing of noisy
counts, and Bloom-filter linkage keys for counting people rather than files (issue 21; ADR 0140)."""
