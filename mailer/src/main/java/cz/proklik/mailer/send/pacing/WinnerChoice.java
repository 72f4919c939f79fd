package cz.proklik.mailer.send.pacing;

import java.util.Objects;

/**
 * The variant the rest of the list gets, and why (shown by {@code campaign status}).
 *
 * @param fallback true when the rule could not decide (too small a sample, no results) and took the first variant
 */
public record WinnerChoice(String variant, String reason, boolean fallback) {
    public WinnerChoice {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(reason, "reason");
    }
}
