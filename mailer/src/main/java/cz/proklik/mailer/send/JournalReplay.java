package cz.proklik.mailer.send;

import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At the start of a send, before anything is queued or handed over: the hand-off journals earlier runs of the
 * campaign left (a crash, a kill, a database that failed) are written into the database, which is then made
 * durable, and the journals are deleted (docs/mailer-sending.md, "The hand-off journal"). Each delivery's last
 * journalled step wins, and only over a row the database still shows queued or handing over: an outcome the
 * database lost is written again (accepted with its pkl_send row, failed, queued for a retry), and a message the
 * journal shows handing over without an outcome becomes in doubt, never resent on its own.
 */
final class JournalReplay {
    static final String IN_DOUBT_REPLY = "the sender stopped while handing this message over; it may have been"
            + " delivered (hand-off journal)";

    /** What a replay did: journals read, outcomes the database did not have yet, messages now in doubt. */
    record Result(int journals, int recovered, int inDoubt) {
    }

    private JournalReplay() {
    }

    /**
     * @param makeDurable makes the database's commits durable (before a journal is deleted)
     * @throws IllegalStateException when a journal is damaged before its last line, is not this campaign's, or
     *                               names a delivery of another recipient than the database: it is kept, and the
     *                               send does not start
     */
    static Result replay(Path dir, String campaignId, DeliveryDao deliveries, Runnable makeDurable, Instant now)
            throws IOException {
        List<Path> journals = HandOffJournal.leftBehind(dir, campaignId);
        if (journals.isEmpty()) {
            return new Result(0, 0, 0);
        }
        Map<Long, HandOffJournal.Entry> last = new LinkedHashMap<>();
        for (Path journal : journals) {
            last.putAll(HandOffJournal.read(journal, campaignId));
        }
        List<DeliveryDao.Step> steps = new ArrayList<>();
        int inDoubt = 0;
        for (Delivery row : deliveries.byIds(campaignId, last.keySet())) {
            HandOffJournal.Entry e = last.get(row.id());
            if (!e.recipientId().equals(row.recipientId())) {
                throw new IllegalStateException("hand-off journal of campaign " + campaignId + " names delivery "
                        + row.id() + " for recipient " + e.recipientId() + ", the database has " + row.recipientId()
                        + ": the journal is not this database's (" + dir + "); move it aside");
            }
            if (row.state() != DeliveryState.QUEUED && row.state() != DeliveryState.HANDING_OVER) {
                continue; // the database has this step or a later one
            }
            boolean open = e.state() == DeliveryState.HANDING_OVER;
            inDoubt += open ? 1 : 0;
            steps.add(new DeliveryDao.Step(row, open ? DeliveryState.IN_DOUBT : e.state(), e.messageId(),
                    e.attempts(), e.handedOverAt(), open ? null : e.nextAttemptAt(),
                    open ? IN_DOUBT_REPLY : e.reply(), open ? now : e.at(),
                    e.messageId() != null && !e.messageId().equals(row.messageId())));
        }
        deliveries.record(steps);
        makeDurable.run();
        for (Path journal : journals) {
            HandOffJournal.delete(journal);
        }
        return new Result(journals.size(), steps.size() - inDoubt, inDoubt);
    }
}
