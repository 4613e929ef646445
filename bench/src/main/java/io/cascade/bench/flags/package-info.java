/**
 * JMH benchmarks of the flag hot path: compiled rules, bucketing, segment membership and whole-flag
 * evaluation, each expected to run in tens of nanoseconds without allocating.
 */
package io.cascade.bench.flags;
