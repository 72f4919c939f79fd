package cz.proklik.app.config;

import cz.proklik.mailer.send.pacing.AbTestSettings;
import cz.proklik.mailer.send.pacing.AutoPauseSettings;
import cz.proklik.mailer.send.pacing.DomainGroups;
import cz.proklik.mailer.send.pacing.PacerSettings;
import cz.proklik.mailer.send.pacing.PacingSettings;
import cz.proklik.mailer.send.pacing.RetrySettings;

import java.util.function.Supplier;

/** The pacing of a send from the configuration (proklik.mail.send.* of docs/mailer.md "Sending"). */
public final class SendPacingConfig {
    private static final String P = "proklik.mail.send.";

    private SendPacingConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is not valid */
    public static PacingSettings from(ProklikConfig config) {
        DomainGroups groups = checked(P + "domain-groups",
                () -> DomainGroups.parse(ConfigValues.list(config, P + "domain-groups")));
        PacerSettings pacer = checked(P + "batch-size, batch-interval, max-per-second, domain-cap-per-hour",
                () -> new PacerSettings(ConfigValues.integer(config, P + "batch-size"),
                        ConfigValues.duration(config, P + "batch-interval"),
                        ConfigValues.decimal(config, P + "max-per-second"),
                        ConfigValues.integer(config, P + "domain-cap-per-hour"), groups));
        RetrySettings retry = checked(P + "retry.*",
                () -> new RetrySettings(ConfigValues.integer(config, P + "retry.max-retries"),
                        ConfigValues.duration(config, P + "retry.initial-delay"),
                        ConfigValues.decimal(config, P + "retry.multiplier"),
                        ConfigValues.duration(config, P + "retry.max-delay")));
        AutoPauseSettings autoPause = checked(P + "auto-pause.*",
                () -> new AutoPauseSettings(ConfigValues.integer(config, P + "auto-pause.window"),
                        ConfigValues.integer(config, P + "auto-pause.min-messages"),
                        ConfigValues.decimal(config, P + "auto-pause.hard-bounce-rate") / 100,
                        ConfigValues.decimal(config, P + "auto-pause.error-rate") / 100));
        AbTestSettings ab = checked(P + "ab.*",
                () -> new AbTestSettings(ConfigValues.integer(config, P + "ab.test-share"),
                        ConfigValues.duration(config, P + "ab.decision-wait"),
                        ConfigValues.integer(config, P + "ab.min-delivered")));
        return new PacingSettings(pacer, retry, autoPause, ab);
    }

    /** A value error already names its key; a rule between values gets the keys it concerns. */
    private static <T> T checked(String keys, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("proklik.")) {
                throw e;
            }
            throw new IllegalArgumentException(keys + ": " + e.getMessage(), e);
        }
    }
}
