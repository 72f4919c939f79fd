package cz.proklik.bounces.job;

import java.util.Locale;

/** What one run of the bounce import did; every message read is in exactly one of the message counts. */
public record ImportSummary(int read, int bounces, int complaints, int autoReplies, int notices, int notBounces,
                            int alreadySeen, int recipients, int hard, int soft, int alerts, int unmatched,
                            int suppressed, int purged) {

    public String line() {
        return String.format(Locale.ROOT,
                "Bounces: %d messages read: %d bounces, %d complaints, %d auto-replies, %d notices, %d left "
                        + "(not bounces), %d seen before; %d recipients: %d hard, %d soft (%d blocks against the "
                        + "sender: alerts), %d without a send; %d addresses newly suppressed; %d processed "
                        + "messages past retention deleted",
                read, bounces, complaints, autoReplies, notices, notBounces, alreadySeen, recipients, hard, soft,
                alerts, unmatched, suppressed, purged);
    }
}
