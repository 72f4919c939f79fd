package cz.proklik.app.pull;

import cz.proklik.app.Cli;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.app.config.PullConfig;
import cz.proklik.erp.db.Database;
import cz.proklik.pull.ImportedFiles;
import cz.proklik.pull.NodeOutcome;
import cz.proklik.pull.OpenSshServer;
import cz.proklik.pull.Pull;
import cz.proklik.pull.TransferListener;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.clicklog.LogFileNames;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 21's check: two redirect nodes, each the real redirect server writing its click log into a folder served by
 * its own OpenSSH sshd; the import side pulls both over SFTP (one transfer cut mid-file by killing the node's sshd,
 * resumed by the next pull) and imports them: every acknowledged click is in the database exactly once, and the
 * nodes' copies go once imported.
 */
class PullImportTest {
    private static final List<String> NODES = List.of("web-1", "web-2");

    @TempDir
    Path tmp;

    private final Map<String, OpenSshServer> sshd = new HashMap<>();
    private final Map<String, Path> nodeDirs = new HashMap<>();
    private Path home;
    private Map<String, String> env;
    private LinkCodec codec;

    @BeforeEach
    void twoNodes() throws Exception {
        if (!OpenSshServer.installed()) {
            fail("/usr/sbin/sshd is missing: apt-get install openssh-server (.ci/run does when it is missing)");
        }
        home = Files.createDirectories(tmp.resolve("erp"));
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(home.resolve("keys"));
        codec = new LinkCodec(ring);
        Path key = tmp.resolve("id_ed25519");
        OpenSshServer.keygen(key);
        env = new HashMap<>();
        env.put("PROKLIK_HOME", home.toString());
        env.put("PROKLIK_PULL_NODES", String.join(",", NODES));
        env.put("PROKLIK_PULL_USER", System.getProperty("user.name"));
        env.put("PROKLIK_PULL_KEY_FILE", key.toString());
        for (String node : NODES) {
            Path dir = Files.createDirectories(tmp.resolve(node + "/clicklog"));
            nodeDirs.put(node, dir);
            OpenSshServer server = OpenSshServer.create(tmp.resolve(node + "/sshd"), Path.of(key + ".pub")).start();
            sshd.put(node, server);
            String prefix = ProklikConfig.envName("proklik.pull.node." + node + ".");
            env.put(prefix + "HOST", "127.0.0.1");
            env.put(prefix + "PORT", Integer.toString(server.port()));
            env.put(prefix + "HOST_KEY", server.hostKeyLine());
            env.put(prefix + "REMOTE_DIR", dir.toString());
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (OpenSshServer server : sshd.values()) {
            server.close();
        }
    }

    @Test
    void everyAcknowledgedClickOfTwoNodesIsImportedOnceAlsoAfterACutTransfer() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, RedirectServer> servers = new HashMap<>();
        for (String node : NODES) {
            // 100 KiB files: a file spans two 64 KiB transfer blocks, so the cut below lands mid-file.
            ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(nodeDirs.get(node), node,
                    100 * 1024, Duration.ofHours(1), true), Clock.systemUTC());
            servers.put(node, RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, "/invalid", List.of(),
                    List.of("127.0.0.0/8"), 16384, node), codec, log));
        }
        try {
            for (String node : NODES) {
                click(servers.get(node), node, 0, 700, acknowledged);
            }
            assertThat(closedFiles(nodeDirs.get("web-1"))).as("closed while the node keeps writing").isNotEmpty();

            // First pull: web-1's sshd is killed after the first block of its first file; web-2 goes through.
            AtomicBoolean cut = new AtomicBoolean();
            TransferListener cutter = (node, file, bytes, size) -> {
                if (node.equals("web-1") && bytes < size && cut.compareAndSet(false, true)) {
                    try {
                        sshd.get("web-1").cut();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            List<NodeOutcome> first = new Pull(PullConfig.from(ProklikConfig.load(env)), ImportedFiles.NONE, cutter)
                    .run(null);
            assertThat(first.get(0)).isInstanceOf(NodeOutcome.Failed.class);
            assertThat(first.get(1)).isInstanceOf(NodeOutcome.Done.class);
            Path pulled1 = home.resolve("pulled/web-1");
            try (Stream<Path> parts = Files.list(pulled1)) {
                assertThat(parts.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".csv.part");
            }

            sshd.get("web-1").start();
            for (String node : NODES) {
                click(servers.get(node), node, 700, 200, acknowledged);
            }
        } finally {
            for (RedirectServer server : servers.values()) {
                server.close();
            }
        }
        assertThat(acknowledged).hasSize(2 * 900);

        Cli.Result imported = Cli.run(env, "import", "--pull", "--no-progress");

        assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains("Pull web-1: ").contains("1 resumed").contains("Pull web-2: ")
                .contains("imported " + (2 * 900) + ", duplicates 0");
        assertThat(storedClicks()).isEqualTo(acknowledged.stream().sorted().toList());

        // The next pull removes on each node what the import recorded; nothing is pulled or imported twice.
        Cli.Result pulledAgain = Cli.run(env, "pull");
        assertThat(pulledAgain.exitCode()).as(pulledAgain.err()).isZero();
        assertThat(pulledAgain.out()).contains("Pull web-1: 0 pulled").contains("Pull web-2: 0 pulled")
                .doesNotContain(" 0 removed on the node");
        for (String node : NODES) {
            assertThat(closedFiles(nodeDirs.get(node))).as(node).isEmpty();
        }
        Cli.Result again = Cli.run(env, "import", "--pull", "--no-progress");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(storedClicks()).hasSize(2 * 900);
    }

    @Test
    void aChangedHostKeyStopsThatNodeWithExitOneAndTheOtherIsStillPulled() throws Exception {
        Path otherKey = tmp.resolve("other");
        OpenSshServer.keygen(otherKey);
        env.put(ProklikConfig.envName("proklik.pull.node.web-2.host-key"),
                Files.readString(Path.of(otherKey + ".pub")).strip());
        Files.writeString(nodeDirs.get("web-1").resolve("proklik-web-1-20261201T080000000Z-000001.csv"), "x");

        Cli.Result result = Cli.run(env, "pull");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Pull web-1: 1 pulled");
        assertThat(result.err()).contains("Pull web-2: FAILED: host key of 127.0.0.1:" + sshd.get("web-2").port())
                .contains("not the pinned SHA256:");
    }

    @Test
    void missingOrUnknownPullConfigurationIsAUsageError() {
        Map<String, String> noNodes = Map.of("PROKLIK_HOME", home.toString());
        assertThat(Cli.run(noNodes, "pull").exitCode()).isEqualTo(2);
        assertThat(Cli.run(noNodes, "pull").err()).contains("no pull nodes configured: set proklik.pull.nodes");
        assertThat(Cli.run(noNodes, "import", "--pull").exitCode()).isEqualTo(2);

        Cli.Result unknown = Cli.run(env, "pull", "--node", "web-9");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--node web-9 is not one of proklik.pull.nodes");

        Map<String, String> noHostKey = new HashMap<>(env);
        noHostKey.remove(ProklikConfig.envName("proklik.pull.node.web-2.host-key"));
        Cli.Result refused = Cli.run(noHostKey, "pull");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("proklik.pull.node.web-2.host-key: no host key pinned");
    }

    /** {@code count} clicks on one node, each a distinct recipient; those answered 302 are acknowledged. */
    private void click(RedirectServer server, String node, int from, int count, Set<String> acknowledged)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + server.port();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                String recipient = node + "-R" + i;
                URI link = URI.create(codec.url(base, TrackingLink.click("C1", recipient, "hero", "A",
                        "https://shop.example.com/")));
                sent.add(pool.submit(() -> {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(link)
                            .header("User-Agent", "Mozilla/5.0").build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 302) {
                        acknowledged.add(recipient);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private List<String> storedClicks() {
        try (Database db = Database.embedded(home)) {
            return new JdbcTemplate(db.dataSource()).queryForList(
                    "SELECT recipient_id FROM pkl_event WHERE event_type = 'click' ORDER BY recipient_id", String.class);
        }
    }

    private static List<Path> closedFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(LogFileNames::isClosed).toList();
        }
    }
}
