package cz.proklik.app.config;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.importfile.ImportFile;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.pull.AfterImport;
import cz.proklik.pull.HostKeyPin;
import cz.proklik.pull.ImportedFiles;
import cz.proklik.pull.PullNode;
import cz.proklik.pull.PullSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pull's settings from the configuration (proklik.pull.*, one proklik.pull.node.NAME.* group per node), and the
 * import's record of what it imported, which decides when a node's copy may go.
 */
public final class PullConfig {
    public static final String NODES = "proklik.pull.nodes";

    private PullConfig() {
    }

    /** @throws IllegalArgumentException naming the key whose value is missing or not valid */
    public static PullSettings from(ProklikConfig config) {
        List<PullNode> nodes = new ArrayList<>();
        for (String name : ConfigValues.list(config, NODES)) {
            nodes.add(node(config, name));
        }
        String after = config.get("proklik.pull.after-import").strip().toUpperCase(Locale.ROOT);
        AfterImport afterImport;
        try {
            afterImport = AfterImport.valueOf(after);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proklik.pull.after-import: delete or move, not "
                    + config.get("proklik.pull.after-import"));
        }
        return new PullSettings(nodes, afterImport, ConfigValues.duration(config, "proklik.pull.timeout"));
    }

    /** The local folders of the configured nodes: the import reads them beside proklik.import.dirs. */
    public static List<Path> localDirs(ProklikConfig config) {
        return from(config).nodes().stream().map(PullNode::localDir).toList();
    }

    /** What the import recorded as imported (pkl_import_file), by local folder and name. */
    public static ImportedFiles importedIn(Database database) {
        ImportFileDao files = new ImportFileDao(database.dataSource());
        return (dir, name) -> files.find(dir.toString(), name)
                .filter(f -> f.status() == ImportFile.Status.IMPORTED)
                .map(ImportFile::sha256);
    }

    private static PullNode node(ProklikConfig config, String name) {
        String prefix = "proklik.pull.node." + name + ".";
        try {
            String host = config.find(prefix + "host").orElse("");
            String hostKey = config.find(prefix + "host-key").orElse("");
            int port = ConfigValues.integer(config, config.find(prefix + "port").isPresent() ? prefix + "port"
                    : "proklik.pull.port");
            String user = valueOf(config, prefix + "user", "proklik.pull.user");
            Path keyFile = Path.of(valueOf(config, prefix + "key-file", "proklik.pull.key-file"));
            String remoteDir = valueOf(config, prefix + "remote-dir", "proklik.pull.remote-dir");
            Path localDir = config.find(prefix + "local-dir").filter(v -> !v.isBlank()).map(Path::of)
                    .orElse(Path.of(config.get("proklik.pull.dir")).resolve(name));
            if (host.isBlank()) {
                throw new IllegalArgumentException("no " + prefix + "host configured");
            }
            HostKeyPin pin;
            try {
                pin = HostKeyPin.parse(hostKey);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "host-key: " + e.getMessage());
            }
            return new PullNode(name, host.strip(), port, user.strip(), keyFile, pin, remoteDir.strip(), localDir);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.contains(prefix) || message.startsWith("pull node")
                    ? message : "pull node " + name + ": " + message, e);
        }
    }

    private static String valueOf(ProklikConfig config, String key, String fallback) {
        return config.find(key).filter(v -> !v.isBlank()).orElseGet(() -> config.get(fallback));
    }
}
