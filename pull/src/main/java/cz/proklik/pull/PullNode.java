package cz.proklik.pull;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One redirect node to pull from: where its SSH server is, how to log in (user and private key file, no password),
 * the host key it must present, the folder its click logs are written to there, and the local folder they land in
 * (one per node; the import reads it as a drop folder).
 */
public record PullNode(String name, String host, int port, String user, Path keyFile, HostKeyPin hostKey,
                       String remoteDir, Path localDir) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public PullNode {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("pull node name must be [A-Za-z0-9_-]{1,64}: " + name);
        }
        require(host, "host", name);
        require(user, "user", name);
        require(remoteDir, "remote-dir", name);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("pull node " + name + ": port must be 1-65535, not " + port);
        }
        Objects.requireNonNull(keyFile, "key file of pull node " + name);
        Objects.requireNonNull(hostKey, "host key of pull node " + name);
        Objects.requireNonNull(localDir, "local dir of pull node " + name);
        localDir = localDir.toAbsolutePath().normalize();
        remoteDir = remoteDir.endsWith("/") && remoteDir.length() > 1
                ? remoteDir.substring(0, remoteDir.length() - 1) : remoteDir;
    }

    /** A file in the node's click-log folder, as an SFTP path. */
    String remote(String fileName) {
        return remoteDir + "/" + fileName;
    }

    private static void require(String value, String what, String node) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("pull node " + node + ": no " + what + " configured");
        }
    }
}
