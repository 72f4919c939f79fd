package cz.proklik.bounces.fetch;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * An IMAP bounce mailbox. Handled messages are moved to the processed folder (created when missing) with IMAP MOVE
 * (RFC 6851) where the server has it, else COPY, \Deleted and EXPUNGE; nothing is deleted before its copy exists.
 */
public final class ImapSource implements BounceSource {
    private final MailboxSettings settings;
    private final String processedFolder;
    private final Store store;
    private final Folder inbox;

    public ImapSource(MailboxSettings settings, String processedFolder) throws IOException {
        if (!settings.isImap()) {
            throw new IllegalArgumentException("not an IMAP mailbox: " + settings.display());
        }
        this.settings = settings;
        this.processedFolder = processedFolder;
        try {
            store = MailStores.connect(settings);
            inbox = store.getFolder(settings.folder());
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
            int count = inbox.getMessageCount();
            List<SourceMessage> out = new ArrayList<>();
            for (int i = 1; i <= Math.min(max, count); i++) {
                Message m = inbox.getMessage(i);
                if (m.isExpunged() || m.isSet(Flags.Flag.DELETED)) {
                    continue;
                }
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                m.writeTo(raw);
                Date received = m.getReceivedDate();
                out.add(new SourceMessage(m, "#" + i, raw.toByteArray(),
                        received == null ? null : received.toInstant()));
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
        Message[] batch = messages.stream().map(m -> (Message) m.handle()).toArray(Message[]::new);
        try {
            Folder target = processed();
            if (inbox instanceof IMAPFolder imap && store instanceof IMAPStore s && s.hasCapability("MOVE")) {
                imap.moveMessages(batch, target);
            } else {
                inbox.copyMessages(batch, target);
                inbox.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
                inbox.expunge();
            }
        } catch (MessagingException e) {
            throw new IOException("moving to " + processedFolder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeProcessed(Instant before) throws IOException {
        try {
            Folder target = processed();
            target.open(Folder.READ_WRITE);
            try {
                Message[] old = target.search(new ReceivedDateTerm(ComparisonTerm.LT, Date.from(before)));
                if (old.length > 0) {
                    target.setFlags(old, new Flags(Flags.Flag.DELETED), true);
                    target.expunge();
                }
                return old.length;
            } finally {
                target.close(false);
            }
        } catch (MessagingException e) {
            throw new IOException("purging " + processedFolder + ": " + e.getMessage(), e);
        }
    }

    private Folder processed() throws MessagingException {
        Folder f = store.getFolder(processedFolder);
        if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder " + processedFolder);
        }
        return f;
    }

    @Override
    public void close() throws IOException {
        try {
            if (inbox.isOpen()) {
                inbox.close(false);
            }
            store.close();
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
