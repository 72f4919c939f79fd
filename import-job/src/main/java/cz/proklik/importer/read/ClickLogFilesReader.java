package cz.proklik.importer.read;

import cz.proklik.tracking.clicklog.ClickLogReader;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamException;
import org.springframework.batch.item.ItemStreamReader;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads the lines of several click-log files in order. Its position (which file, how many lines of it) is saved
 * in the step's ExecutionContext at every chunk commit, so a restarted job goes on where the killed one had
 * committed; the lines between that commit and the kill are read again and skipped as duplicates by event id.
 * Not final: Spring Batch proxies step-scoped beans by subclassing.
 */
public class ClickLogFilesReader implements ItemStreamReader<LogLine> {
    static final String FILE_INDEX = "proklik.reader.file";
    static final String LINES_DONE = "proklik.reader.lines";

    private final List<LogFile> files;
    private final LongConsumer bytesRead;
    private int index;
    private long linesDone;
    private ClickLogReader current;

    /** @param bytesRead told how many bytes each read consumed, for a progress bar */
    public ClickLogFilesReader(List<LogFile> files, LongConsumer bytesRead) {
        this.files = List.copyOf(files);
        this.bytesRead = bytesRead;
    }

    @Override
    public void open(ExecutionContext context) {
        index = context.getInt(FILE_INDEX, 0);
        long skip = context.getLong(LINES_DONE, 0);
        if (index < files.size() && skip > 0) {
            openCurrent();
            try {
                for (long i = 0; i < skip && current.next() != null; i++) {
                    linesDone++;
                }
            } catch (IOException e) {
                throw new ItemStreamException("cannot re-read " + files.get(index).path(), e);
            }
        }
    }

    @Override
    public LogLine read() throws IOException {
        while (index < files.size()) {
            if (current == null) {
                openCurrent();
            }
            ClickLogReader.Entry entry = current.next();
            if (entry != null) {
                linesDone++;
                return new LogLine(files.get(index), entry);
            }
            current.close();
            current = null;
            index++;
            linesDone = 0;
        }
        return null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(FILE_INDEX, index);
        context.putLong(LINES_DONE, linesDone);
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new ItemStreamException(e);
            } finally {
                current = null;
            }
        }
    }

    private void openCurrent() {
        LogFile file = files.get(index);
        try {
            InputStream in = new CountingInputStream(Files.newInputStream(file.path()), bytesRead);
            current = new ClickLogReader(in);
        } catch (IOException e) {
            throw new ItemStreamException("cannot open click-log file " + file.path(), e);
        }
        linesDone = 0;
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final LongConsumer counter;

        CountingInputStream(InputStream in, LongConsumer counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.accept(n);
            }
            return n;
        }
    }
}
