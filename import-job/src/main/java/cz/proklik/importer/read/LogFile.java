package cz.proklik.importer.read;

import java.nio.file.Path;

/** A closed click-log file chosen for this import run, with its pkl_import_file row id. */
public record LogFile(long fileId, Path path) {

    /** One line of the job's file list: {@code fileId|path}. */
    public String encode() {
        return fileId + "|" + path;
    }

    public static LogFile decode(String line) {
        int bar = line.indexOf('|');
        return new LogFile(Long.parseLong(line.substring(0, bar)), Path.of(line.substring(bar + 1)));
    }
}
