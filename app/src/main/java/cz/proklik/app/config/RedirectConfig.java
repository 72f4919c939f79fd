package cz.proklik.app.config;

import cz.proklik.redirect.RedirectSettings;
import cz.proklik.redirect.junk.JunkLimits;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The redirect page's settings from the configuration (proklik.redirect.*, proklik.node). */
public final class RedirectConfig {
    private RedirectConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is not valid */
    public static RedirectSettings from(ProklikConfig config) {
        int ioThreads = ConfigValues.integer(config, "proklik.redirect.io-threads");
        return new RedirectSettings(config.get("proklik.redirect.host"),
                ConfigValues.integer(config, "proklik.redirect.port"),
                ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors(),
                config.get("proklik.redirect.fallback-url"),
                ConfigValues.list(config, "proklik.redirect.trusted-proxies"),
                ConfigValues.list(config, "proklik.redirect.admin-allowed-from"),
                Math.toIntExact(ConfigValues.size(config, "proklik.redirect.max-header-size")), config.node(),
                junkLimits(config));
    }

    /** What rejected requests may take (proklik.redirect.rejected.*). */
    public static JunkLimits junkLimits(ProklikConfig config) {
        return new JunkLimits(ConfigValues.decimal(config, "proklik.redirect.rejected.lines-per-second"),
                ConfigValues.size(config, "proklik.redirect.rejected.bytes-per-second"),
                ConfigValues.integer(config, "proklik.redirect.rejected.sample-one-in"),
                ConfigValues.decimal(config, "proklik.redirect.rejected.per-client-per-second"),
                ConfigValues.size(config, "proklik.redirect.rejected.reserve-free"));
    }

    /** How often a running redirect page reads its key file again (proklik.keys.reload-interval). */
    public static Duration keysReloadInterval(ProklikConfig config) {
        Duration every = ConfigValues.duration(config, "proklik.keys.reload-interval");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("proklik.keys.reload-interval: must be positive: " + every);
        }
        return every;
    }

    /** Hosts a click may lead to, lower case; empty = any (the link codec enforces it when it signs and checks). */
    public static Set<String> allowedTargetHosts(ProklikConfig config) {
        return ConfigValues.list(config, "proklik.redirect.allowed-target-hosts").stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
