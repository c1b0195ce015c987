/**
 * JMH microbenchmarks of the engine's stages (chunker, SHA-256, sealing, zstd, pack assembly,
 * index lookups), each beside the machine's primitive limit for the same work (memory bandwidth,
 * raw AES-CTR, raw SHA-256), and the index scale runner ({@link dev.cairn.bench.IndexScale}).
 *
 * <p>Throughput benchmarks process a fixed number of bytes per invocation and declare it with
 * {@code @OperationsPerInvocation}, so that a score in ops/us reads directly as MB/s (10^6
 * bytes per second). Index benchmarks report nanoseconds per lookup. {@link
 * dev.cairn.bench.JmhReport} turns JMH's JSON result into the markdown table of
 * docs/performance.md. Built only with the Maven profile {@code bench}.
 */
package dev.cairn.bench;
