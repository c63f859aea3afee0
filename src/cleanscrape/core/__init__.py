"""The core of a cleaning: value types, segments, the walk over removals, the safety net, purity."""
