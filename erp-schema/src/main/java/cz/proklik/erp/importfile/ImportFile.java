package cz.proklik.erp.importfile;

import java.time.Instant;
import java.util.Locale;

/**
 * A click-log file as the import job recorded it ({@code pkl_import_file}), known by its drop folder and name.
 * {@code sourceDir} is null for files recorded before schema 6.0, which did not keep the folder.
 */
public record ImportFile(long id, String sourceDir, String fileName, String node, String sha256, Long sizeBytes,
                         FileCounts counts, Instant startedAt, Instant finishedAt, Status status, String errorText) {

    /**
     * running = started and not finished (or the job died); imported = done; failed = stopped with an error;
     * refused = not a click-log file (its header), set aside without importing a line.
     */
    public enum Status {
        RUNNING, IMPORTED, FAILED, REFUSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
