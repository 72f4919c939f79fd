package cz.proklik.pull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server ({@code /usr/sbin/sshd}, package openssh-server, installed by .ci/run) run by a test:
 * its own host key, config and authorized_keys in a folder of the test, on a free loopback port, in the foreground
 * ({@code sshd -D -e -f}), logging in only the current user with the test's key, SFTP by the built-in server.
 * {@link #cut()} kills it and every session process it forked (the connection drops mid-transfer);
 * {@link #start()} brings it back on the same port with the same host key.
 */
public final class OpenSshServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private Process process;

    private OpenSshServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /** A server for {@code dir} (its keys and config go there) that admits the public key {@code clientPub}. */
    public static OpenSshServer create(Path dir, Path clientPub) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // sshd refuses a host key or authorized_keys others may read or write.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        keygen(dir.resolve("host_ed25519_key"));
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(clientPub, authorized);
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519_key"),
                "AuthorizedKeysFile " + authorized,
                "PidFile " + dir.resolve("sshd.pid"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                // Our files are 0600/0700 above, but a test folder lies under /tmp (world-writable, sticky), which
                // StrictModes would refuse as a parent of authorized_keys.
                "StrictModes no",
                "AllowUsers " + System.getProperty("user.name"),
                "Subsystem sftp internal-sftp",
                "LogLevel INFO", ""), StandardCharsets.UTF_8);
        return new OpenSshServer(dir, port);
    }

    /** A fresh ed25519 key pair without passphrase: {@code file} and {@code file.pub}. */
    public static void keygen(Path file) throws IOException, InterruptedException {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "proklik-test", "-f", file.toString()));
    }

    public OpenSshServer start() throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            // sshd started as root separates privileges into /run/sshd, which only the ssh service creates.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString(),
                "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on " + port + ": " + log());
    }

    /** SIGKILL to the server and every session it forked: the connection breaks wherever it is. */
    public void cut() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public int port() {
        return port;
    }

    /** The host's public key line ({@code ssh-ed25519 AAAA... comment}), as an installer pins it. */
    public String hostKeyLine() throws IOException {
        return Files.readString(dir.resolve("host_ed25519_key.pub"), StandardCharsets.UTF_8).strip();
    }

    public String log() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            cut();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }
}
