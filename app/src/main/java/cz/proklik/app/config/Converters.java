package cz.proklik.app.config;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Option value formats people actually type: "5m", "64MiB", "10.0.0.0/8,::1". */
public final class Converters {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private Converters() {
    }

    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** A pause between runs: a duration, or nothing (empty = no pause, run once). */
    public static final class PauseConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            // "auto" (the refresh curve) has no pause; ImportConfig.schedule reads it from the configuration.
            return value.isBlank() || value.strip().equalsIgnoreCase(ImportConfig.AUTO) ? null : duration(value);
        }
    }

    public static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return size(value);
        }
    }

    public static final class ListConverter implements CommandLine.ITypeConverter<List<String>> {
        @Override
        public List<String> convert(String value) {
            return list(value);
        }
    }

    public static Duration duration(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.strip());
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("not a duration (e.g. 30s, 5m, 1h): " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    public static long size(String value) {
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("not a size (e.g. 67108864, 64MiB): " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k", "kb", "kib" -> n << 10;
            case "m", "mb", "mib" -> n << 20;
            case "g", "gb", "gib" -> n << 30;
            default -> n;
        };
    }

    public static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
