package org.loftmail.core.store;

import org.loftmail.core.model.Flags;

/** STORE's three modes: replace, add, remove. */
public record FlagUpdate(Mode mode, Flags flags) {
    public enum Mode { REPLACE, ADD, REMOVE }

    public Flags apply(Flags current) {
        return switch (mode) {
            case REPLACE -> flags;
            case ADD -> current.plus(flags);
            case REMOVE -> current.minus(flags);
        };
    }
}
