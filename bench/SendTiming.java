import cz.proklik.app.ProklikCli;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.standin.StandinDataGenerator;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * bench/send.sh's programs (issue 16): the campaign the send benchmark mails, and the baseline it is compared with.
 * Run from bench/target/classes (it uses RenderTiming's newsletter: 20 tracked links, a product block) against
 * app/target/proklik.jar.
 *
 * <pre>
 * setup HOME N            a fresh embedded database: N stand-in contacts B1..BN (consent, addresses over 200
 *                         domains), the newsletter as template 'bench', a fixed list 'BENCH', campaign 'C-BENCH'
 *                         with products G-P1 and G-P2, and the preview of B1 (HOME/preview/C-BENCH-B1.eml) that
 *                         the baseline sends
 * baseline EML HOST PORT N  the bare jakarta.mail loop: one connection, that one pre-rendered message sent N times,
 *                         each to a different envelope recipient
 * engine HOME HOST PORT CONNECTIONS  `campaign test`, then the timed `proklik campaign send C-BENCH` in-process
 *                         against the sink over CONNECTIONS connections, throttling and auto-pause off
 * flush HOME N            after an engine run, on its database: N one-row commits of a delivery row each followed by
 *                         the CHECKPOINT the engine makes before every hand-off, against N such commits alone (what
 *                         the durable "handing over" mark costs on the embedded H2)
 * </pre>
 * Each prints one RESULT line with its messages per second, the CPU time its JVM spent per message while timed
 * (all threads; the sink's not counted) and the JVM's peak resident set (VmHWM).
 */
public class SendTiming {
    static final String CAMPAIGN = "C-BENCH";
    static final int DOMAINS = 200;

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "setup" -> setup(Path.of(args[1]), Integer.parseInt(args[2]));
            case "baseline" -> baseline(Path.of(args[1]), args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "engine" -> engine(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "flush" -> flush(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> {
                System.err.println("usage: SendTiming setup HOME N | baseline EML HOST PORT N | engine HOME HOST PORT CONNECTIONS");
                System.exit(2);
            }
        }
    }

    static String address(int i) {
        return "b" + i + "@d" + (i % DOMAINS) + ".bench.example";
    }

    static void setup(Path home, int n) throws Exception {
        long t0 = System.nanoTime();
        cli(home, Map.of(), "db", "migrate");
        try (Database db = Database.embedded(home)) {
            new StandinDataGenerator(db.dataSource()).generate(10, 16, Instant.now());
            String[] first = {"Jana", "Petr", "Eva", "Tomáš", "Lucie", "Jakub", "Žofie", "Řehoř"};
            try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code, region,"
                            + " country_code, email_consent) VALUES (?, ?, ?, ?, 'cs', 'Praha', 'CZ', 1)")) {
                c.setAutoCommit(false);
                for (int i = 1; i <= n; i++) {
                    ps.setString(1, "B" + i);
                    ps.setString(2, address(i));
                    ps.setString(3, first[i % first.length]);
                    ps.setString(4, "Novák" + i);
                    ps.addBatch();
                    if (i % 5000 == 0 || i == n) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        Path tpl = Files.createDirectories(home.resolve("bench-template"));
        Files.writeString(tpl.resolve("template.properties"), """
                id=bench
                name=Bench newsletter
                from.address=novinky@shop.example.com
                from.name=Kávový obchod
                default.language=cs
                default.shop=eshop
                shop.eshop.login-url=https://shop.example.com/autologin
                shop.eshop.product-url=https://shop.example.com/p/{sku}
                """, StandardCharsets.UTF_8);
        Files.writeString(tpl.resolve("cs.html"), RenderTiming.template()
                .replace("<title>Novinky</title>", "<title>{{greeting}}, novinky pro {{contact.first_name}}</title>"),
                StandardCharsets.UTF_8);
        cli(home, Map.of(), "template", "import", tpl.toString());
        StringBuilder csv = new StringBuilder("contact_id\n");
        for (int i = 1; i <= n; i++) {
            csv.append('B').append(i).append('\n');
        }
        Path list = home.resolve("bench-list.csv");
        Files.writeString(list, csv, StandardCharsets.UTF_8);
        cli(home, Map.of(), "list", "import", "BENCH", list.toString(), "--name", "Bench list");
        cli(home, Map.of(), "campaign", "create", CAMPAIGN, "--name", "Bench", "--list", "BENCH", "--template", "bench",
                "--product", "G-P1", "--product", "G-P2");
        cli(home, Map.of(), "campaign", "preview", CAMPAIGN, "--recipient", "B1", "--out",
                home.resolve("preview").toString());
        System.out.printf("setup: %d contacts, template, list and campaign %s in %.1f s%n", n, CAMPAIGN,
                (System.nanoTime() - t0) / 1e9);
    }

    static void baseline(Path eml, String host, int port, int n) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        if (!Boolean.getBoolean("bench.nagle")) {
            p.put("mail.smtp.socketFactory", new NoDelaySockets());
        }
        Session session = Session.getInstance(p);
        MimeMessage message;
        try (InputStream in = Files.newInputStream(eml)) {
            message = new MimeMessage(session, in);
        }
        List<Address[]> to = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            to.add(new Address[] {new InternetAddress(address(i))});
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            for (Address[] rcpt : to) {
                t.sendMessage(message, rcpt);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT baseline messages=%d bytes_each=%d seconds=%.2f per_s=%.0f cpu_us_each=%.0f"
                + " peak_rss_mib=%d%n", n, Files.size(eml), s, n / s, (cpuNanos() - cpu0) / 1e3 / n, peakRssMib());
    }

    static void engine(Path home, String host, int port, int connections) throws Exception {
        Map<String, String> off = new HashMap<>();
        off.put("PROKLIK_SMTP_HOST", host);
        off.put("PROKLIK_SMTP_PORT", Integer.toString(port));
        off.put("PROKLIK_SMTP_SECURITY", "none");
        off.put("PROKLIK_SMTP_CONNECTIONS", Integer.toString(connections));
        off.put("PROKLIK_MAIL_SEND_BATCH_SIZE", "0");
        off.put("PROKLIK_MAIL_SEND_MAX_PER_SECOND", "0");
        off.put("PROKLIK_MAIL_SEND_DOMAIN_CAP_PER_HOUR", "0");
        off.put("PROKLIK_MAIL_SEND_AUTO_PAUSE_HARD_BOUNCE_RATE", "100");
        off.put("PROKLIK_MAIL_SEND_AUTO_PAUSE_ERROR_RATE", "100");
        // draft -> tested, as a user must before sending (not timed)
        cli(home, off, "campaign", "test", CAMPAIGN, "--to", "bench-test@d0.bench.example");
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        cli(home, off, "campaign", "send", CAMPAIGN);
        double s = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        long sent;
        try (Database db = Database.embedded(home); Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pkl_send WHERE campaign_id = ?")) {
            ps.setString(1, CAMPAIGN);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sent = rs.getLong(1);
            }
        }
        System.out.printf("RESULT engine messages=%d seconds=%.2f per_s=%.0f cpu_us_each=%.0f peak_rss_mib=%d%n", sent,
                s, sent / s, cpu / 1e3 / Math.max(1, sent), peakRssMib());
    }

    static void flush(Path home, int n) throws Exception {
        try (Database db = Database.embedded(home); Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE pkl_mail_delivery SET updated_at = CURRENT_TIMESTAMP WHERE delivery_id = ?")) {
            double[] seconds = new double[2];
            for (int round = 0; round < 2; round++) {
                for (int checkpoint = 0; checkpoint < 2; checkpoint++) {
                    long t0 = System.nanoTime();
                    for (int i = 1; i <= n; i++) {
                        ps.setLong(1, i);
                        ps.executeUpdate();
                        if (checkpoint == 1) {
                            db.flushCommits();
                        }
                    }
                    seconds[checkpoint] = (System.nanoTime() - t0) / 1e9;
                }
            }
            System.out.printf("RESULT flush commits=%d commit_only_per_s=%.0f commit_and_checkpoint_per_s=%.0f"
                    + " checkpoint_ms=%.2f%n", n, n / seconds[0], n / seconds[1], (seconds[1] - seconds[0]) * 1e3 / n);
        }
    }

    static void cli(Path home, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PROKLIK_HOME", home.toString());
        PrintWriter out = new PrintWriter(System.out, true);
        int code = ProklikCli.run(args, all, out, new PrintWriter(System.err, true));
        if (code != 0) {
            throw new IllegalStateException("proklik " + String.join(" ", args) + " exited with " + code);
        }
    }

    /**
     * Sockets with TCP_NODELAY: jakarta.mail writes each SMTP command apart, and with Nagle's algorithm each waits
     * for the peer's delayed ACK (about 40 ms on Linux), which caps one connection at ~25 messages/s.
     */
    static final class NoDelaySockets extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return open(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return open(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return open(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return open(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
        }

        private Socket open(InetSocketAddress remote, InetSocketAddress local) throws IOException {
            Socket s = createSocket();
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        }
    }

    /**
     * CPU time this JVM used so far, all its threads (JIT and GC included): per message it says what a run costs even
     * when other work on the machine slows the clock time down.
     */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The JVM's peak resident set so far (Linux: VmHWM of /proc/self/status), -1 elsewhere. */
    static long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
