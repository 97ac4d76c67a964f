package org.loftmail.core.store;

/**
 * The one exception family of the store. {@link #temporary()} failures (I/O errors, a busy or
 * full disk, an unreachable database) map to {@code NO [UNAVAILABLE]} / {@code 4xx}; permanent
 * ones (no such mailbox, bad name, corrupt data) to {@code NO} / {@code 5xx}.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed, as a protocol would tell the client. */
    public enum Kind { NOT_FOUND, ALREADY_EXISTS, INVALID, CORRUPT, LIMIT, TEMPORARY }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean temporary() {
        return kind == Kind.TEMPORARY;
    }

    public static StorageException notFound(String what) {
        return new StorageException(Kind.NOT_FOUND, what);
    }

    public static StorageException invalid(String what) {
        return new StorageException(Kind.INVALID, what);
    }

    public static StorageException io(String what, Throwable cause) {
        return new StorageException(Kind.TEMPORARY, what + ": " + cause.getMessage(), cause);
    }
}
