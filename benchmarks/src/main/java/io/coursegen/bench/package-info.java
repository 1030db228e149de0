/**
 * The platform benchmark of issue 6: the five services and the embedded infrastructure in one JVM, the offline
 * provider with a simulated latency per call type, so that every figure measures the platform and can be set
 * against a bound computed from those latencies. It is a program, not a test: it is too slow and too noisy for
 * {@code verify}, and only its arithmetic is unit-tested.
 */
package io.coursegen.bench;
