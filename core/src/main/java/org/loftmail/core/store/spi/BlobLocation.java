package org.loftmail.core.store.spi;

/** Where a record lives: file number, offset of the record's first byte, record length. */
public record BlobLocation(int file, long offset, long length) {
    public long end() {
        return offset + length;
    }
}
