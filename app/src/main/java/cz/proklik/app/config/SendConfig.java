package cz.proklik.app.config;

import cz.proklik.mailer.send.DkimSigning;
import cz.proklik.mailer.send.SendSettings;
import cz.proklik.mailer.send.SmtpSettings;
import cz.proklik.mailer.send.pacing.PacingSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** The sending engine's settings from the configuration (proklik.smtp.*, proklik.mailer.*; the pacing: proklik.mail.send.*). */
public final class SendConfig {
    /** The relay, what the sender adds to the mails, and its pacing. */
    public record Send(SmtpSettings smtp, SendSettings settings, PacingSettings pacing) {
    }

    private SendConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is not valid */
    public static Send from(ProklikConfig config) {
        String security = config.get("proklik.smtp.security").strip().toLowerCase(Locale.ROOT);
        SmtpSettings.Security sec = switch (security) {
            case "none" -> SmtpSettings.Security.NONE;
            case "starttls" -> SmtpSettings.Security.STARTTLS_OPTIONAL;
            case "starttls-required" -> SmtpSettings.Security.STARTTLS_REQUIRED;
            case "tls" -> SmtpSettings.Security.TLS;
            default -> throw new IllegalArgumentException("proklik.smtp.security must be none, starttls, "
                    + "starttls-required or tls: " + security);
        };
        int connections = ConfigValues.integer(config, "proklik.smtp.connections");
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("proklik.smtp.connections must be 1..64: " + connections);
        }
        SmtpSettings smtp = new SmtpSettings(config.get("proklik.smtp.host").strip(),
                ConfigValues.integer(config, "proklik.smtp.port"), sec, config.get("proklik.smtp.username").strip(),
                config.get("proklik.smtp.password"), connections,
                ConfigValues.duration(config, "proklik.smtp.connect-timeout"),
                ConfigValues.duration(config, "proklik.smtp.read-timeout"),
                config.get("proklik.smtp.ssl-trust").strip(), config.get("proklik.smtp.helo-name").strip());
        String idDomain = config.get("proklik.mailer.message-id-domain").strip();
        if (idDomain.isEmpty()) {
            idDomain = URI.create(config.get("proklik.link.base-url").strip()).getHost();
        }
        SendSettings settings = new SendSettings(idDomain, config.get("proklik.mailer.bounce-box").strip(),
                config.get("proklik.mailer.bounce-domain").strip(),
                config.get("proklik.mailer.unsubscribe-mailto").strip(),
                ConfigValues.duration(config, "proklik.mailer.send.lease"),
                ConfigValues.duration(config, "proklik.mailer.send.heartbeat"), connections,
                config.get("proklik.mailer.test-tag").strip(), dkim(config),
                Path.of(config.get("proklik.mailer.send.journal-dir").strip()));
        return new Send(smtp, settings, SendPacingConfig.from(config));
    }

    /** proklik.mailer.dkim.*: off while the domain is empty; then selector and key file are required. */
    private static DkimSigning dkim(ProklikConfig config) {
        String domain = config.get("proklik.mailer.dkim.domain").strip();
        if (domain.isEmpty()) {
            return null;
        }
        String selector = config.get("proklik.mailer.dkim.selector").strip();
        String keyFile = config.get("proklik.mailer.dkim.key-file").strip();
        if (selector.isEmpty() || keyFile.isEmpty()) {
            throw new IllegalArgumentException("proklik.mailer.dkim.domain is set: proklik.mailer.dkim.selector and"
                    + " proklik.mailer.dkim.key-file are needed too");
        }
        return DkimSigning.of(domain, selector, Path.of(keyFile));
    }
}
