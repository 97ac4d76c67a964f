package org.loftmail.perf.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** What IdleLoad measures about the JVM it runs in. */
final class JvmProbe {
    private JvmProbe() {
    }

    /**
     * Heap in use after full collections: {@link System#gc()} is a full, stop-the-world
     * collection with the JDK's collectors unless {@code -XX:+ExplicitGCInvokesConcurrent} or
     * {@code -XX:+DisableExplicitGC} is set (do not set them for this measurement). Several
     * rounds, so objects freed by finalization or reference processing of one round go in the next.
     */
    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Off-heap memory Netty's default allocator holds (pooled chunks included); -1 if unknown. */
    static long nettyDirectMemory() {
        ByteBufAllocator a = ByteBufAllocator.DEFAULT;
        return a instanceof ByteBufAllocatorMetricProvider
                ? ((ByteBufAllocatorMetricProvider) a).metric().usedDirectMemory() : -1;
    }

    /** This process's open-files limit ({@code ulimit -n}); -1 where the JDK cannot tell. */
    static long maxOpenFiles() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean
                ? ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount() : -1;
    }

    /**
     * Warns when {@code needed} descriptors will not fit in the open-files limit: past it,
     * connects fail with "Too many open files" and the numbers would be about the limit.
     */
    static boolean enoughFiles(long needed, String who, java.io.PrintStream log) {
        long max = maxOpenFiles();
        if (max >= 0 && max < needed) {
            log.printf("%s: the open-files limit (ulimit -n) is %d, this run needs about %d; raise it "
                    + "(ulimit -n %d, as root above the hard limit) or use fewer connections%n", who, max, needed,
                    Math.max(65536, needed));
            return false;
        }
        return true;
    }
}
