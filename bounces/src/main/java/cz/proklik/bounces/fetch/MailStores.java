package cz.proklik.bounces.fetch;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.Properties;

/** Opens a jakarta.mail store with time limits, so a mailbox that stops answering fails the run instead of hanging. */
final class MailStores {
    static final int TIMEOUT_MS = 30_000;

    private MailStores() {
    }

    static Store connect(MailboxSettings s) throws MessagingException {
        Properties p = new Properties();
        String prefix = "mail." + s.protocol() + ".";
        p.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put(prefix + "timeout", String.valueOf(TIMEOUT_MS));
        p.put(prefix + "writetimeout", String.valueOf(TIMEOUT_MS));
        if (s.protocol().endsWith("s")) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(p).getStore(s.protocol());
        store.connect(s.host(), s.port(), s.user(), s.password());
        return store;
    }
}
