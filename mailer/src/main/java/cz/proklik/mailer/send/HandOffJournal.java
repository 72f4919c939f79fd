package cz.proklik.mailer.send;

import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.tracking.clicklog.Durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The hand-off journal of one send run (docs/mailer-sending.md, "The hand-off journal"): a file written front to
 * back in which every step of a hand-off is written before the database has it. A "handing over" line is fsynced before a
 * byte of its message goes to the relay, one fsync for every sending thread waiting ({@link GroupFlush}); the
 * outcome lines after it are written at once (they reach the operating system, so they survive the process being
 * killed) and ride on the next fsync. The database is then written in batches beside it. At the next start the
 * journals a run left are replayed ({@link JournalReplay}), so the database learns every outcome the run knew, and
 * a message the journal shows handing over without an outcome becomes in doubt.
 *
 * <p>One line per step, UTF-8, tab-separated, escaped ({@code \\}, {@code \t}, {@code \n}, {@code \r}, {@code \0}), ended by the
 * CRC-32C of the line's bytes before it: {@code state id recipient attempts message-id handed-over-at next-attempt-at
 * at reply crc}, times in epoch milliseconds ({@code -} for none). The first line names the format and the campaign.
 * A last line without its newline or with a wrong checksum was cut by a crash while being written: it was never
 * fsynced, so its message was not handed over, and it is ignored. A damaged line before the last is refused.
 *
 * <p>Format 2 (since mailer-sending version 4) allocates the file ahead in zero-filled, fsynced stretches of
 * {@link #STRETCH} bytes and writes the lines over them, so the fsync before a hand-off writes only the data, not
 * also the file's new size (bench/RESULTS.md: 0.57x the fdatasync of a growing file on this disk, and the wait for
 * it was over half of the sending threads' time with a busy disk). The lines end at the first zero byte; what comes
 * after one was not fsynced (an fsync would have made all before it durable), so it is nothing to replay. Format 1
 * (appended, no zero tail) reads as before.
 */
final class HandOffJournal implements AutoCloseable {
    static final String FORMAT = "proklik-send-journal 2";
    private static final String FORMAT_1 = "proklik-send-journal 1";
    /** Allocated ahead at a time: about 10,000 messages' lines, one metadata fsync for each such stretch. */
    static final int STRETCH = 4 << 20;
    static final String SUFFIX = ".journal";

    /** One step as journalled; {@code state} {@link DeliveryState#HANDING_OVER} is the line before a hand-off. */
    record Entry(long deliveryId, String recipientId, DeliveryState state, String messageId, int attempts,
                 Instant handedOverAt, Instant nextAttemptAt, Instant at, String reply) {
    }

    private final Path file;
    private final FileChannel channel;
    private final GroupFlush durable;
    /** Where the next line goes, and how far the file is allocated (zero-filled and fsynced); both under the lock. */
    private long position;
    private long allocated;

    private HandOffJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.durable = new GroupFlush(() -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The folder of one campaign's journals under {@code dir}: a file-name-safe form of its id, and its hash. */
    static Path folder(Path dir, String campaignId) {
        CRC32C crc = new CRC32C();
        crc.update(campaignId.getBytes(StandardCharsets.UTF_8));
        String safe = campaignId.replaceAll("[^A-Za-z0-9_-]", "_");
        return dir.resolve((safe.length() > 64 ? safe.substring(0, 64) : safe) + "-"
                + hex8(crc));
    }

    /** A new journal for a run of {@code campaignId}: created, its header fsynced, and its name made durable. */
    static HandOffJournal create(Path dir, String campaignId, String runner, Instant now) throws IOException {
        Path folder = Files.createDirectories(folder(dir, campaignId));
        String name = String.format("%015d-%s%s", now.toEpochMilli(),
                runner.replaceAll("[^A-Za-z0-9_-]", "_").replaceAll("^.*_", ""), SUFFIX);
        Path file = folder.resolve(name);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        HandOffJournal journal = new HandOffJournal(file, channel);
        try {
            journal.write(line(FORMAT, campaignId, runner, Long.toString(now.toEpochMilli())));
            channel.force(true); // the header and the first stretch, with the file's size
            Durable.syncDirectory(folder);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
        return journal;
    }

    Path file() {
        return file;
    }

    /** The line before a hand-off, durable (fsynced) when this returns. */
    void handingOver(Entry entry) throws IOException, InterruptedException {
        write(encode(entry));
        try {
            durable.awaitDurable();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** An outcome line: written to the file now, fsynced with the next hand-off's line or at the end. */
    void outcome(Entry entry) throws IOException {
        write(encode(entry));
    }

    private synchronized void write(byte[] line) throws IOException {
        if (position + line.length > allocated) {
            allocate(line.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /**
     * Zero-fills the next stretch and fsyncs it with the file's new size, so that the lines written over it need
     * only their data fsynced. The lines before it are fsynced by the same call, which is no harm.
     */
    private void allocate(int atLeast) throws IOException {
        long size = Math.max(STRETCH, atLeast);
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long at = allocated; at < allocated + size; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), allocated + size - at));
            at += channel.write(zeros, at);
        }
        channel.force(true);
        allocated += size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes the journal and removes it: only once the database holds every step durably. */
    void closeAndDelete() throws IOException {
        channel.close();
        delete(file);
    }

    /** Removes a journal whose steps the database holds durably, and its campaign folder when that is empty. */
    static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        Path folder = file.getParent();
        try (DirectoryStream<Path> left = Files.newDirectoryStream(folder)) {
            if (!left.iterator().hasNext()) {
                Files.deleteIfExists(folder);
                Durable.syncDirectory(folder.getParent());
                return;
            }
        }
        Durable.syncDirectory(folder);
    }

    /** The journals earlier runs of {@code campaignId} left under {@code dir}, oldest first. */
    static List<Path> leftBehind(Path dir, String campaignId) throws IOException {
        Path folder = folder(dir, campaignId);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            all.forEach(files::add);
        }
        files.sort(null); // the names start with the creation time
        return files;
    }

    /**
     * The last step of every delivery in a journal, in the order first seen.
     *
     * @throws IllegalStateException when the file is not a journal of this campaign, or a line before the last is
     *                               damaged (never guessed around: it might be a hand-off)
     */
    static Map<Long, Entry> read(Path file, String campaignId) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<Long, Entry> last = new LinkedHashMap<>();
        int start = 0;
        int number = 0;
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++; // format 2: the lines end at the zero-filled rest (see the class comment)
        }
        while (start < length) {
            int end = start;
            while (end < length && bytes[end] != '\n') {
                end++;
            }
            number++;
            boolean lastLine = end >= length - 1;
            List<String> fields = end < length ? checked(bytes, start, end) : null;
            if (fields == null) {
                if (lastLine) {
                    break; // cut by a crash while being written: never fsynced, nothing was handed over after it
                }
                throw new IllegalStateException("hand-off journal " + file + " is damaged at line " + number
                        + " (not the last): check it against the relay's log (docs/mailer-sending.md, 'The hand-off"
                        + " journal'), then move it aside");
            }
            if (number == 1) {
                boolean known = fields.size() >= 2 && (fields.get(0).equals(FORMAT) || fields.get(0).equals(FORMAT_1));
                if (!known || !fields.get(1).equals(campaignId)) {
                    throw new IllegalStateException("hand-off journal " + file + " is not one of campaign "
                            + campaignId + " (" + FORMAT + ")");
                }
            } else {
                Entry e = decode(fields, file, number);
                last.remove(e.deliveryId());
                last.put(e.deliveryId(), e);
            }
            start = end + 1;
        }
        return last;
    }

    private static byte[] encode(Entry e) {
        return line(code(e.state()), Long.toString(e.deliveryId()), e.recipientId(), Integer.toString(e.attempts()),
                dash(e.messageId()), millis(e.handedOverAt()), millis(e.nextAttemptAt()), millis(e.at()),
                e.reply() == null ? "" : e.reply());
    }

    private static Entry decode(List<String> f, Path file, int number) {
        try {
            if (f.size() != 9) {
                throw new IllegalArgumentException(f.size() + " fields");
            }
            return new Entry(Long.parseLong(f.get(1)), f.get(2), state(f.get(0)), undash(f.get(4)),
                    Integer.parseInt(f.get(3)), instant(f.get(5)), instant(f.get(6)), instant(f.get(7)), f.get(8));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("hand-off journal " + file + " line " + number + " is not a step: "
                    + e.getMessage());
        }
    }

    private static String code(DeliveryState s) {
        return switch (s) {
            case HANDING_OVER -> "H";
            case ACCEPTED -> "A";
            case FAILED -> "F";
            case QUEUED -> "Q";
            case IN_DOUBT -> "U";
            case SKIPPED -> throw new IllegalArgumentException("a skip is no hand-off step");
        };
    }

    private static DeliveryState state(String code) {
        return switch (code) {
            case "H" -> DeliveryState.HANDING_OVER;
            case "A" -> DeliveryState.ACCEPTED;
            case "F" -> DeliveryState.FAILED;
            case "Q" -> DeliveryState.QUEUED;
            case "U" -> DeliveryState.IN_DOUBT;
            default -> throw new IllegalArgumentException("unknown step " + code);
        };
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String undash(String s) {
        return s.equals("-") ? null : s;
    }

    private static String millis(Instant at) {
        return at == null ? "-" : Long.toString(at.toEpochMilli());
    }

    private static Instant instant(String s) {
        return s.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(s));
    }

    /** The checksum as 8 lowercase hex digits (String.format was 1.4 % of a sending thread's time). */
    private static String hex8(CRC32C crc) {
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** Fields escaped and joined by tabs, then a tab, the CRC-32C of those bytes in hex, and the newline. */
    private static byte[] line(String... fields) {
        StringBuilder b = new StringBuilder(128);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            escape(fields[i], b);
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] tail = ("\t" + hex8(crc) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + tail.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return all;
    }

    /** The fields of the line from {@code start} to {@code end} (its newline), null when its checksum is wrong. */
    private static List<String> checked(byte[] bytes, int start, int end) {
        int tab = end - 9;
        if (tab < start || bytes[tab] != '\t') {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, start, tab - start);
        String stored = new String(bytes, tab + 1, 8, StandardCharsets.US_ASCII);
        if (!stored.equals(hex8(crc))) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        String body = new String(bytes, start, tab - start, StandardCharsets.UTF_8);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\t') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                f.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\0' -> b.append("\\0"); // a zero byte ends the lines of format 2
                default -> b.append(c);
            }
        }
    }
}
