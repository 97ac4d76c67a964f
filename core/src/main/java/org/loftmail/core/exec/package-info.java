/** Executors: per-user serial execution of storage writes, batched for group commit. */
package org.loftmail.core.exec;
