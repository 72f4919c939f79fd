package cz.proklik.importer.job;

/** The import did not complete; the message says why and what happens to the files. */
public final class ImportFailedException extends RuntimeException {
    public ImportFailedException(String message) {
        super(message);
    }

    public ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
