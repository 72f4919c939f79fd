package cz.proklik.bounces.job;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.bounces.fetch.MailboxSettings;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.Properties;

/** A real IMAP and POP3 server (GreenMail) on free ports with the bounce mailbox's user. */
final class MailboxFixture implements AutoCloseable {
    static final String USER = "bounces";
    static final String PASSWORD = "secret-for-tests";

    final GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));
    final GreenMailUser user;

    MailboxFixture() {
        mail.start();
        user = mail.setUser("bounces@proklik.example", USER, PASSWORD);
    }

    void deliver(byte[] raw) throws MessagingException {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    MailboxSettings imap() {
        return new MailboxSettings("imap", "127.0.0.1", mail.getImap().getPort(), USER, PASSWORD, "INBOX");
    }

    MailboxSettings pop3() {
        return new MailboxSettings("pop3", "127.0.0.1", mail.getPop3().getPort(), USER, PASSWORD, "INBOX");
    }

    /** Messages in an IMAP folder now, read over a connection of its own (-1: no such folder). */
    int count(String folder) throws MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), USER, PASSWORD);
        try {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return -1;
            }
            f.open(Folder.READ_ONLY);
            try {
                return f.getMessageCount();
            } finally {
                f.close(false);
            }
        } finally {
            store.close();
        }
    }

    @Override
    public void close() {
        mail.stop();
    }
}
