package cz.proklik.pull;

import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.clicklog.LogFileNames;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The pull against Debian's real OpenSSH server (sshd on a free port, the test's own host key and login key): what
 * is taken (closed files only), how it is checked (same bytes as the node's), what a cut connection leaves (a part
 * the next pull resumes), when the node's copy goes (imported with that content only), and the host key pin.
 */
class PullOverSftpTest {
    @TempDir
    Path tmp;

    private Path nodeDir;
    private Path localDir;
    private Path clientKey;
    private OpenSshServer sshd;

    @BeforeAll
    static void sshdIsThere() {
        if (!OpenSshServer.installed()) {
            fail("/usr/sbin/sshd is missing: apt-get install openssh-server (.ci/run does when it is missing)");
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        nodeDir = Files.createDirectories(tmp.resolve("dmz/clicklog"));
        localDir = tmp.resolve("erp/pulled/web-1");
        clientKey = tmp.resolve("id_ed25519");
        OpenSshServer.keygen(clientKey);
        sshd = OpenSshServer.create(tmp.resolve("sshd"), Path.of(clientKey + ".pub")).start();
    }

    @AfterEach
    void stopServer() throws Exception {
        sshd.close();
    }

    private PullNode node(String hostKey) {
        return new PullNode("web-1", "127.0.0.1", sshd.port(), System.getProperty("user.name"), clientKey,
                HostKeyPin.parse(hostKey), nodeDir.toString(), localDir);
    }

    private Pull pull(AfterImport afterImport, ImportedFiles imported, TransferListener listener) throws IOException {
        return new Pull(new PullSettings(List.of(node(sshd.hostKeyLine())), afterImport, Duration.ofSeconds(20)),
                imported, listener);
    }

    /**
     * Closed files written by the real click-log writer (one per batch: it closes a file past 1 KiB), and beside
     * them what a running node also has: an open file, its spare, its lock, a torn tail.
     */
    private void writeClicks(int closedFiles, int eventsPerFile) throws IOException {
        try (ClickLogWriter writer = ClickLogWriter.start(new ClickLogWriter.Settings(nodeDir, "web-1", 1024,
                Duration.ofHours(1), true), Clock.systemUTC())) {
            for (int f = 0; f < closedFiles; f++) {
                List<TrackingEvent> batch = new ArrayList<>();
                for (int i = 0; i < eventsPerFile; i++) {
                    batch.add(TrackingEventBuilder.click().recipient("R" + f + "-" + i).build());
                }
                assertThat(writer.writeNow(batch)).isTrue();
            }
        }
        Files.writeString(nodeDir.resolve("proklik-web-1-20261201T080000000Z-000009.csv.open"), "being written");
        Files.writeString(nodeDir.resolve("proklik-web-1.csv.spare"), "zeros");
        Files.writeString(nodeDir.resolve("proklik-web-1.lock"), "");
        Files.writeString(nodeDir.resolve("proklik-web-1-20261201T080000000Z-000001.csv.torn"), "x,y");
    }

    @Test
    void takesClosedFilesOnlyAndTheyHaveTheNodesBytes() throws Exception {
        writeClicks(3, 50);
        {
            Map<String, String> closedOnNode = closed(nodeDir);
            assertThat(closedOnNode).hasSize(3);
            assertThat(list(nodeDir)).anyMatch(n -> n.endsWith(LogFileNames.OPEN_SUFFIX));

            NodeOutcome outcome = pull(AfterImport.DELETE, ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);

            assertThat(outcome).isInstanceOf(NodeOutcome.Done.class);
            assertThat(outcome.counts().pulled()).isEqualTo(3);
            assertThat(closed(localDir)).isEqualTo(closedOnNode);
            assertThat(list(localDir)).as("no open file, torn tail, spare or part here").hasSize(3);
            assertThat(closed(nodeDir)).as("nothing removed before it is imported").isEqualTo(closedOnNode);

            NodeOutcome again = pull(AfterImport.DELETE, ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);
            assertThat(again.counts().pulled()).isZero();
            assertThat(again.counts().waiting()).as("already here, waiting for the import").isEqualTo(3);
        }
    }

    @Test
    void aTransferCutMidFileIsResumedFromThePartAndEndsWithTheSameBytes() throws Exception {
        writeClicks(1, 4000);
        Map<String, String> onNode = closed(nodeDir);
        String name = onNode.keySet().iterator().next();
        long size = Files.size(nodeDir.resolve(name));
        assertThat(size).as("several blocks").isGreaterThan(4 * 64 * 1024);

        AtomicBoolean cut = new AtomicBoolean();
        TransferListener cutter = (node, file, bytes, total) -> {
            if (bytes >= 2 * 64 * 1024 && cut.compareAndSet(false, true)) {
                try {
                    sshd.cut();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        NodeOutcome broken = pull(AfterImport.DELETE, ImportedFiles.NONE, cutter).run(null).get(0);

        assertThat(broken).isInstanceOf(NodeOutcome.Failed.class);
        Path part = localDir.resolve(name + NodePuller.PART_SUFFIX);
        assertThat(part).exists();
        long partSize = Files.size(part);
        assertThat(partSize).as("cut mid-file").isBetween(2L * 64 * 1024, size - 1);
        assertThat(localDir.resolve(name)).as("never under its import name before it is whole").doesNotExist();

        sshd.start();
        NodeOutcome resumed = pull(AfterImport.DELETE, ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);

        assertThat(resumed).isInstanceOf(NodeOutcome.Done.class);
        assertThat(resumed.counts().pulled()).isEqualTo(1);
        assertThat(resumed.counts().resumed()).isEqualTo(1);
        assertThat(resumed.counts().bytes()).as("only the rest travelled").isEqualTo(size - partSize);
        assertThat(closed(localDir)).isEqualTo(onNode);
        assertThat(part).doesNotExist();
    }

    @Test
    void aPartThatIsNotAPrefixOfTheNodesFileIsDiscardedNotImported() throws Exception {
        writeClicks(1, 200);
        Map<String, String> onNode = closed(nodeDir);
        String name = onNode.keySet().iterator().next();
        Files.createDirectories(localDir);
        // A part of the right length whose bytes are not the node's (a disk fault, a foreign file).
        Files.write(localDir.resolve(name + NodePuller.PART_SUFFIX), new byte[1000]);

        NodeOutcome first = pull(AfterImport.DELETE, ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);

        assertThat(first.counts().mismatched()).isEqualTo(1);
        assertThat(first.counts().pulled()).isZero();
        assertThat(list(localDir)).as("the bad part is gone, nothing under an import name").isEmpty();
        NodeOutcome second = pull(AfterImport.DELETE, ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);
        assertThat(second.counts().pulled()).isEqualTo(1);
        assertThat(closed(localDir)).isEqualTo(onNode);
    }

    @Test
    void theNodesCopyGoesOnlyOnceImportedWithThatContent() throws Exception {
        writeClicks(3, 20);
        pull(AfterImport.DELETE, ImportedFiles.NONE, TransferListener.NONE).run(null);
        Map<String, String> pulled = closed(localDir);
        List<String> names = new ArrayList<>(pulled.keySet());
        // The import recorded the first file with its content and the second with other content; not the third.
        ImportedFiles imported = (dir, name) -> {
            assertThat(dir).isEqualTo(localDir.toAbsolutePath().normalize());
            if (name.equals(names.get(0))) {
                return Optional.of(pulled.get(name));
            }
            return name.equals(names.get(1)) ? Optional.of("0".repeat(64)) : Optional.empty();
        };
        Files.delete(localDir.resolve(names.get(0)));

        NodeOutcome outcome = pull(AfterImport.DELETE, imported, TransferListener.NONE).run(null).get(0);

        assertThat(outcome.counts().removed()).isEqualTo(1);
        assertThat(outcome.counts().mismatched()).isEqualTo(1);
        assertThat(outcome.counts().waiting()).isEqualTo(1);
        assertThat(closed(nodeDir).keySet()).containsExactly(names.get(1), names.get(2));
    }

    @Test
    void moveKeepsTheImportedFileInPulledOnTheNode() throws Exception {
        writeClicks(1, 20);
        pull(AfterImport.MOVE, ImportedFiles.NONE, TransferListener.NONE).run(null);
        Map<String, String> pulled = closed(localDir);
        String name = pulled.keySet().iterator().next();

        NodeOutcome outcome = pull(AfterImport.MOVE, (dir, n) -> Optional.ofNullable(pulled.get(n)),
                TransferListener.NONE).run(null).get(0);

        assertThat(outcome.counts().removed()).isEqualTo(1);
        assertThat(closed(nodeDir)).isEmpty();
        assertThat(closed(nodeDir.resolve(NodePuller.PULLED_DIR))).isEqualTo(pulled);
    }

    @Test
    void anUnknownHostKeyIsRefusedWithBothFingerprintsAndNothingIsPulled() throws Exception {
        writeClicks(1, 20);
        Path other = tmp.resolve("other_host_key");
        OpenSshServer.keygen(other);
        String otherKey = Files.readString(Path.of(other + ".pub"), StandardCharsets.UTF_8).strip();
        String presented = HostKeyPin.parse(sshd.hostKeyLine()).fingerprint();
        String pinned = HostKeyPin.parse(otherKey).fingerprint();

        for (String pin : List.of(otherKey, "[127.0.0.1]:" + sshd.port() + " " + otherKey, pinned)) {
            NodeOutcome outcome = new Pull(new PullSettings(List.of(node(pin)), AfterImport.DELETE,
                    Duration.ofSeconds(20)), ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);

            assertThat(outcome).isInstanceOf(NodeOutcome.Failed.class);
            assertThat(((NodeOutcome.Failed) outcome).reason()).contains("host key of 127.0.0.1:" + sshd.port())
                    .contains(presented).contains("not the pinned " + pinned);
            assertThat(Files.exists(localDir) ? list(localDir) : List.of()).isEmpty();
        }
        // The right key in each form is accepted.
        for (String pin : List.of(sshd.hostKeyLine(), "[127.0.0.1]:" + sshd.port() + " " + sshd.hostKeyLine(),
                presented)) {
            NodeOutcome outcome = new Pull(new PullSettings(List.of(node(pin)), AfterImport.DELETE,
                    Duration.ofSeconds(20)), ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);
            assertThat(outcome).as(pin).isInstanceOf(NodeOutcome.Done.class);
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsALoginFailureThatSaysSo() throws Exception {
        Path stranger = tmp.resolve("stranger");
        OpenSshServer.keygen(stranger);
        PullNode node = new PullNode("web-1", "127.0.0.1", sshd.port(), System.getProperty("user.name"), stranger,
                HostKeyPin.parse(sshd.hostKeyLine()), nodeDir.toString(), localDir);

        NodeOutcome outcome = new Pull(new PullSettings(List.of(node), AfterImport.DELETE, Duration.ofSeconds(20)),
                ImportedFiles.NONE, TransferListener.NONE).run(null).get(0);

        assertThat(outcome).isInstanceOf(NodeOutcome.Failed.class);
        assertThat(((NodeOutcome.Failed) outcome).reason()).startsWith("login as " + System.getProperty("user.name")
                + " with stranger refused");
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Closed click-log files of a folder: name -> SHA-256. */
    private static Map<String, String> closed(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        for (String name : list(dir)) {
            if (LogFileNames.isClosed(Path.of(name))) {
                try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                    files.put(name, NodePuller.sha256(in));
                }
            }
        }
        return files;
    }
}
