package cz.proklik.erp.importfile;

/**
 * Line counts of one file: every physical line (header excluded) ends up imported, duplicate (already stored) or
 * quarantined (a bad line), so lines = imported + duplicates + quarantined once the file is done.
 */
public record FileCounts(long lines, long imported, long duplicates, long quarantined) {
    public static final FileCounts ZERO = new FileCounts(0, 0, 0, 0);

    public FileCounts plus(FileCounts other) {
        return new FileCounts(lines + other.lines, imported + other.imported, duplicates + other.duplicates,
                quarantined + other.quarantined);
    }
}
