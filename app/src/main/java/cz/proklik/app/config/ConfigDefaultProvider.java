package cz.proklik.app.config;

import picocli.CommandLine;

/**
 * Gives every option whose descriptionKey names a configuration key its configured value as default, so a flag
 * always wins over environment and files, and --help shows the value in force.
 */
public final class ConfigDefaultProvider implements CommandLine.IDefaultValueProvider {
    private final ProklikConfig config;

    public ConfigDefaultProvider(ProklikConfig config) {
        this.config = config;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        String key = argSpec.descriptionKey();
        if (key == null || key.isEmpty() || !key.startsWith("proklik.")) {
            return null;
        }
        if (key.equals(ProklikConfig.NODE)) {
            return config.node();
        }
        return config.find(key).orElse(null);
    }
}
