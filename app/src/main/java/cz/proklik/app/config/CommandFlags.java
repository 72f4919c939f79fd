package cz.proklik.app.config;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The options a person actually typed, keyed by the configuration key they override (an option's descriptionKey),
 * as configuration text: so a flag is just the top layer of the configuration and one factory per component turns
 * the configuration into settings, for the command and the demo alike.
 */
public final class CommandFlags {
    private CommandFlags() {
    }

    public static Map<String, String> given(CommandSpec command) {
        ParseResult parsed = command.commandLine().getParseResult();
        Map<String, String> flags = new HashMap<>();
        for (OptionSpec option : command.options()) {
            String key = option.descriptionKey();
            if (key != null && key.startsWith("proklik.") && parsed != null && parsed.hasMatchedOption(option)) {
                Object value = option.getValue();
                flags.put(key, value == null ? "" : asText(value));
            }
        }
        return flags;
    }

    /** Typed values back to text the configuration's readers parse: durations as ISO-8601, lists comma-separated. */
    private static String asText(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
