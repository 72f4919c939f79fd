package cz.proklik.bounces.job;

import cz.proklik.bounces.suppress.SuppressionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The bounce import's settings (proklik.bounces.*): the mailbox (empty URL = none), where handled reports go, our
 * own From addresses, how many messages per run and per durable batch, the suppression thresholds, and how long
 * handled reports and bounce diagnostics are kept (zero = for ever).
 */
public record BounceSettings(String mailboxUrl, String mailboxPassword, String processedFolder, Path processedDir,
                             Set<String> ownSenders, int maxMessages, int batchSize, SuppressionSettings suppression,
                             Duration retention) {
    public BounceSettings {
        Objects.requireNonNull(mailboxUrl, "mailboxUrl");
        Objects.requireNonNull(processedFolder, "processedFolder");
        Objects.requireNonNull(processedDir, "processedDir");
        ownSenders = Set.copyOf(ownSenders);
        if (processedFolder.isBlank()) {
            throw new IllegalArgumentException("proklik.bounces.processed-folder must name a folder");
        }
        if (maxMessages < 1 || batchSize < 1) {
            throw new IllegalArgumentException("proklik.bounces.max-messages and batch-size must be at least 1");
        }
        Objects.requireNonNull(suppression, "suppression");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("proklik.bounces.retention-days must be 0 (for ever) or more");
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "BounceSettings[" + mailboxUrl + ", processed " + processedFolder + " / " + processedDir + "]";
    }
}
