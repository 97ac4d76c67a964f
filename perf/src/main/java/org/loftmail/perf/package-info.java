/** Benchmarks (JMH) and load generators; never part of the test timing. */
package org.loftmail.perf;
