package org.loftmail.core.store;

/**
 * Tuning of the store composition.
 *
 * @param maxBatch        most writes committed together (one fsync, one index commit)
 * @param purgeLiveRatio  a sealed blob file whose live bytes fall below this share of its size
 *                        is compacted by the background purge
 */
public record StoreOptions(int maxBatch, double purgeLiveRatio) {
    public static final StoreOptions DEFAULTS = new StoreOptions(512, 0.5);

    public StoreOptions {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        if (purgeLiveRatio < 0 || purgeLiveRatio > 1) {
            throw new IllegalArgumentException("purgeLiveRatio must be in 0..1");
        }
    }
}
