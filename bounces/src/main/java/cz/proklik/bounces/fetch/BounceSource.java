package cz.proklik.bounces.fetch;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where returned messages are read from: an IMAP or POP3 mailbox, or a folder of {@code .eml} files. A message is
 * moved out of the way only after what it says is committed ({@link #markProcessed}); messages that are not bounces
 * are never touched, so a person can read them where they are.
 */
public interface BounceSource extends AutoCloseable {

    /** Where the messages come from, for the ledger and the output: never a password. */
    String name();

    /** Up to {@code max} messages still waiting in the source. */
    List<SourceMessage> waiting(int max) throws IOException;

    /** Moves handled messages to the processed place (IMAP folder, local folder), where they stay until retention. */
    void markProcessed(List<SourceMessage> messages) throws IOException;

    /** Deletes processed messages that arrived before {@code before}. @return how many */
    int purgeProcessed(Instant before) throws IOException;

    @Override
    void close() throws IOException;
}
