package cz.proklik.tracking.clicklog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading whole click-log folders back, for assertions. */
final class ClickLogFiles {
    private ClickLogFiles() {
    }

    static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<ClickLogReader.Entry> readAll(Path file) throws IOException {
        List<ClickLogReader.Entry> entries = new ArrayList<>();
        try (ClickLogReader reader = ClickLogReader.open(file)) {
            for (ClickLogReader.Entry e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
        }
        return entries;
    }

    static List<ClickLogReader.Entry> readAllClosed(Path dir) throws IOException {
        List<ClickLogReader.Entry> entries = new ArrayList<>();
        for (Path file : list(dir, LogFileNames.CLOSED_SUFFIX)) {
            entries.addAll(readAll(file));
        }
        return entries;
    }
}
