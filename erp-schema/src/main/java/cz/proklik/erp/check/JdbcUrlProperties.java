package cz.proklik.erp.check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ;name=value} properties of a {@code jdbc:sqlserver:} URL, names folded to lower case as the driver
 * treats them, values with {@code {braces}} unwrapped. Only for deciding what the driver was asked to do: values are
 * never printed, since one of them may be a password.
 */
final class JdbcUrlProperties {
    private final Map<String, String> properties;

    private JdbcUrlProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    static JdbcUrlProperties parse(String jdbcUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        int start = jdbcUrl.indexOf(';');
        if (start < 0) {
            return new JdbcUrlProperties(properties);
        }
        StringBuilder part = new StringBuilder();
        boolean braced = false;
        for (int i = start + 1; i <= jdbcUrl.length(); i++) {
            char c = i < jdbcUrl.length() ? jdbcUrl.charAt(i) : ';';
            if (c == '{') {
                braced = true;
            } else if (c == '}') {
                braced = false;
            }
            if (c == ';' && !braced) {
                add(properties, part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return new JdbcUrlProperties(properties);
    }

    private static void add(Map<String, String> properties, String part) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String value = part.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("{") && value.endsWith("}")) {
            value = value.substring(1, value.length() - 1);
        }
        properties.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(properties.get(name.toLowerCase(Locale.ROOT)));
    }

    boolean isTrue(String name) {
        return get(name).map(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")).orElse(false);
    }
}
