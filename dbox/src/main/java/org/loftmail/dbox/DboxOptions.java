package org.loftmail.dbox;

/**
 * How a {@link DboxBlobStore} writes. {@code rotateSize} is the size at which a new {@code m.<n>}
 * file is started (between records, never inside one). {@code fsync = false} gives up durability
 * and exists only for tests and benchmarks that say so.
 */
public record DboxOptions(long rotateSize, boolean fsync) {
    public static final long DEFAULT_ROTATE_SIZE = 64L << 20;

    public DboxOptions {
        if (rotateSize <= DboxRecordFormat.FILE_HEADER_SIZE) {
            throw new IllegalArgumentException("rotateSize must exceed the file header: " + rotateSize);
        }
    }

    public static DboxOptions defaults() {
        return new DboxOptions(DEFAULT_ROTATE_SIZE, true);
    }
}
