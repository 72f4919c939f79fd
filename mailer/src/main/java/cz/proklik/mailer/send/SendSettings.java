package cz.proklik.mailer.send;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a campaign send adds to the rendered mails and how it paces its own bookkeeping.
 *
 * @param messageIdDomain   the right-hand side of every Message-ID
 * @param bounceBox         local part of the bounce mailbox for the signed Return-Path (VERP), null: no VERP, the
 *                          envelope sender is the From address
 * @param bounceDomain      domain of the bounce mailbox
 * @param unsubscribeMailto address of the mailto unsubscribe in List-Unsubscribe, null: https only
 * @param lease             how long a sender's heartbeat holds the campaign against another sender
 * @param heartbeat         how often the sender renews its lease and reads the pause flag
 * @param maxInDoubt        a run pauses when more messages than this became in doubt through broken connections
 *                          (keeps the promise "in doubt at most the number of connections")
 * @param testTag           subject prefix of a test message
 * @param dkim              DKIM signing of every message (campaign and test), null: none (the relay signs)
 * @param journalDir        where each run keeps its hand-off journal (docs/mailer-sending.md, "The hand-off
 *                          journal"); it must outlive the process, so the CLI always sets it. Null (an embedding
 *                          or test without a data folder): a temporary folder per sender, which a crash loses
 */
public record SendSettings(String messageIdDomain, String bounceBox, String bounceDomain, String unsubscribeMailto,
                           Duration lease, Duration heartbeat, int maxInDoubt, String testTag, DkimSigning dkim,
                           Path journalDir) {
    /** Without a journal folder of its own (a temporary one). */
    public SendSettings(String messageIdDomain, String bounceBox, String bounceDomain, String unsubscribeMailto,
                        Duration lease, Duration heartbeat, int maxInDoubt, String testTag, DkimSigning dkim) {
        this(messageIdDomain, bounceBox, bounceDomain, unsubscribeMailto, lease, heartbeat, maxInDoubt, testTag, dkim,
                null);
    }

    /** Without DKIM signing. */
    public SendSettings(String messageIdDomain, String bounceBox, String bounceDomain, String unsubscribeMailto,
                        Duration lease, Duration heartbeat, int maxInDoubt, String testTag) {
        this(messageIdDomain, bounceBox, bounceDomain, unsubscribeMailto, lease, heartbeat, maxInDoubt, testTag, null);
    }

    /** The same settings with the hand-off journals kept in {@code dir}. */
    public SendSettings withJournalDir(Path dir) {
        return new SendSettings(messageIdDomain, bounceBox, bounceDomain, unsubscribeMailto, lease, heartbeat,
                maxInDoubt, testTag, dkim, dir);
    }

    /** The message as handed over: signed when DKIM signing is on. */
    MimeMessage signed(MimeMessage message) throws MessagingException {
        return dkim == null ? message : dkim.sign(message);
    }

    public SendSettings {
        Objects.requireNonNull(messageIdDomain, "messageIdDomain");
        bounceBox = bounceBox == null || bounceBox.isBlank() ? null : bounceBox;
        unsubscribeMailto = unsubscribeMailto == null || unsubscribeMailto.isBlank() ? null : unsubscribeMailto;
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (bounceBox != null && (bounceDomain == null || bounceDomain.isBlank())) {
            throw new IllegalArgumentException("a bounce box needs its domain");
        }
        testTag = testTag == null ? "[TEST]" : testTag;
    }
}
