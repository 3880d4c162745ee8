"""Tests of the build that need more than one build folder: standard-term imports across incremental builds."""
