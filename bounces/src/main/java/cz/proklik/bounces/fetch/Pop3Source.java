package cz.proklik.bounces.fetch;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A POP3 bounce mailbox. POP3 has no folders, so a handled message is first written (and fsynced) to the local
 * processed folder as {@code <sha-256>.eml}, and only then marked deleted; the server deletes it when the session
 * ends normally (QUIT). A run that dies leaves everything on the server, and the next run skips what it recorded.
 */
public final class Pop3Source implements BounceSource {
    private final MailboxSettings settings;
    private final Path processedDir;
    private final Store store;
    private final Folder inbox;

    public Pop3Source(MailboxSettings settings, Path processedDir) throws IOException {
        if (settings.isImap()) {
            throw new IllegalArgumentException("not a POP3 mailbox: " + settings.display());
        }
        this.settings = settings;
        this.processedDir = processedDir;
        try {
            store = MailStores.connect(settings);
            inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
        } catch (MessagingException e) {
            throw new IOException("cannot open " + settings.display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return settings.display();
    }

    @Override
    public List<SourceMessage> waiting(int max) throws IOException {
        try {
            List<SourceMessage> out = new ArrayList<>();
            int count = inbox.getMessageCount();
            for (int i = 1; i <= Math.min(max, count); i++) {
                Message m = inbox.getMessage(i);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                m.writeTo(raw);
                out.add(new SourceMessage(m, "#" + i, raw.toByteArray(), null));
            }
            return out;
        } catch (MessagingException e) {
            throw new IOException("reading " + settings.display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void markProcessed(List<SourceMessage> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        Files.createDirectories(processedDir);
        for (SourceMessage m : messages) {
            Path file = processedDir.resolve(sha256(m.raw()) + ".eml");
            Files.write(file, m.raw());
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.force(true);
            }
        }
        FolderSource.fsyncDir(processedDir);
        try {
            for (SourceMessage m : messages) {
                ((Message) m.handle()).setFlag(Flags.Flag.DELETED, true);
            }
        } catch (MessagingException e) {
            throw new IOException("marking deleted: " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeProcessed(Instant before) throws IOException {
        return FolderSource.purge(processedDir, before);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (inbox.isOpen()) {
                inbox.close(true); // expunge: the server deletes what was marked, all of it saved locally first
            }
            store.close();
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
