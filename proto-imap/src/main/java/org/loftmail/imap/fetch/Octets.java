package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;

/**
 * The octets of one FETCH item, readable from any offset as often as needed: a literal's length
 * must be known before its first octet goes out, so content whose size only reading tells is
 * read twice.
 */
interface Octets {
    /** A section that does not exist. */
    Octets EMPTY = new Octets() {
        @Override
        public long size() {
            return 0;
        }

        @Override
        public InputStream open(long offset, long length) {
            return InputStream.nullInputStream();
        }
    };

    /** How many octets there are, or -1 when only reading them tells. */
    long size();

    /** A fresh stream of at most {@code length} octets from {@code offset}; fewer if the content ends. */
    InputStream open(long offset, long length) throws IOException;

    /** Octets read from the start of a stream each time. */
    static Octets unsized(Source source) {
        return new Octets() {
            @Override
            public long size() {
                return -1;
            }

            @Override
            public InputStream open(long offset, long length) throws IOException {
                return WindowInputStream.of(source.open(), offset, length);
            }
        };
    }

    /** Opens a stream at the first octet. */
    interface Source {
        InputStream open() throws IOException;
    }
}
