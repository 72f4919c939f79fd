package cz.proklik.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layered configuration: the built-in documented defaults (proklik.properties in the jar), then the user's
 * file ($PROKLIK_HOME/proklik.properties or $PROKLIK_CONFIG), then environment variables, then the flags given to
 * one command ({@link #withFlags}). {@link ConfigDefaultProvider} shows the value in force in each option's help.
 */
public final class ProklikConfig {
    public static final String HOME = "proklik.home";
    public static final String NODE = "proklik.node";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.-]+)}");

    private final Properties defaults;
    private final Properties user;
    private final Map<String, String> env;
    private final Path userFile;
    private final Map<String, String> flags;

    private ProklikConfig(Properties defaults, Properties user, Map<String, String> env, Path userFile,
                          Map<String, String> flags) {
        this.defaults = defaults;
        this.user = user;
        this.env = Map.copyOf(env);
        this.userFile = userFile;
        this.flags = Map.copyOf(flags);
    }

    public static ProklikConfig load(Map<String, String> env) {
        Properties defaults = new Properties();
        try (InputStream in = ProklikConfig.class.getResourceAsStream("/proklik.properties")) {
            if (in == null) {
                throw new IllegalStateException("proklik.properties is missing from the jar");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProklikConfig base = new ProklikConfig(defaults, new Properties(), env, null, Map.of());
        Path file = env.containsKey("PROKLIK_CONFIG") ? Path.of(env.get("PROKLIK_CONFIG"))
                : base.home().resolve("proklik.properties");
        Properties user = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                user.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        } else if (env.containsKey("PROKLIK_CONFIG")) {
            throw new IllegalArgumentException("PROKLIK_CONFIG names a file that does not exist: " + file);
        }
        return new ProklikConfig(defaults, user, env, file, Map.of());
    }

    /**
     * This configuration with values on top of every other layer: the flags given to one command (keyed by their
     * configuration key), or the demo's fixed choices. Placeholders in other keys see them too.
     */
    public ProklikConfig withFlags(Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(flags);
        merged.putAll(values);
        return new ProklikConfig(defaults, user, env, userFile, merged);
    }

    /** proklik.redirect.port -> PROKLIK_REDIRECT_PORT */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value with placeholders resolved; empty string when the key is set to nothing. */
    public Optional<String> find(String key) {
        return raw(key).map(v -> substitute(v, 0));
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("no configuration value for " + key));
    }

    public Path home() {
        return Path.of(get(HOME));
    }

    /** The configured node id, or one made from the host name. */
    public String node() {
        String node = get(NODE);
        return node.isEmpty() ? hostNode() : node;
    }

    public Optional<Path> userFile() {
        return Optional.ofNullable(userFile).filter(Files::isRegularFile);
    }

    public Map<String, String> env() {
        return env;
    }

    private Optional<String> raw(String key) {
        String fromFlag = flags.get(key);
        if (fromFlag != null) {
            return Optional.of(fromFlag);
        }
        String fromEnv = env.get(envName(key));
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        String fromUser = user.getProperty(key);
        if (fromUser != null) {
            return Optional.of(fromUser.strip());
        }
        return Optional.ofNullable(defaults.getProperty(key)).map(String::strip);
    }

    private String substitute(String value, int depth) {
        if (depth > 8) {
            throw new IllegalArgumentException("configuration placeholders nest too deep: " + value);
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String replacement = key.equals(NODE) ? node() : raw(key).map(v -> substitute(v, depth + 1)).orElse("");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String hostNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "node";
        }
        String node = host.replaceAll("[^A-Za-z0-9_-]", "-");
        return node.isEmpty() ? "node" : node.substring(0, Math.min(64, node.length()));
    }
}
