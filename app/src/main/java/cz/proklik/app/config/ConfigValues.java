package cz.proklik.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Typed configuration values in the formats people type ({@link Converters}); a bad one names its key. */
final class ConfigValues {
    private ConfigValues() {
    }

    static int integer(ProklikConfig config, String key) {
        String v = config.get(key);
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + v);
        }
    }

    static double decimal(ProklikConfig config, String key) {
        String v = config.get(key);
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + v);
        }
    }

    static long size(ProklikConfig config, String key) {
        return parsed(key, () -> Converters.size(config.get(key)));
    }

    static Duration duration(ProklikConfig config, String key) {
        return parsed(key, () -> Converters.duration(config.get(key)));
    }

    static List<String> list(ProklikConfig config, String key) {
        return Converters.list(config.get(key));
    }

    static boolean bool(ProklikConfig config, String key) {
        String v = config.get(key).strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + ": must be true or false: " + config.get(key));
        }
        return v.equals("true");
    }

    private static <T> T parsed(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
