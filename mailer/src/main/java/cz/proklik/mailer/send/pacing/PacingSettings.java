package cz.proklik.mailer.send.pacing;

import java.util.Objects;

/** Everything that paces and guards one send, as configured ({@code proklik.mail.send.*}, app/config). */
public record PacingSettings(PacerSettings pacer, RetrySettings retry, AutoPauseSettings autoPause,
                             AbTestSettings abTest) {
    public PacingSettings {
        Objects.requireNonNull(pacer, "pacer");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(autoPause, "autoPause");
        Objects.requireNonNull(abTest, "abTest");
    }
}
