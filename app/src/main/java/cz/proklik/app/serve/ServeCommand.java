package cz.proklik.app.serve;

import cz.proklik.app.ProklikCli;
import cz.proklik.app.config.Converters;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code proklik serve}: the public redirect page, until stopped (SIGTERM/Ctrl-C close the log cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the redirect page (/c click, /o open pixel, /u unsubscribe, /health, /metrics).")
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    ProklikCli root;

    @Option(names = "--host", descriptionKey = "proklik.redirect.host", description = "bind address (${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, descriptionKey = "proklik.redirect.port", description = "port, 0 = any free (${DEFAULT-VALUE})")
    int port;

    @Option(names = "--log-dir", descriptionKey = "proklik.log.dir", description = "click-log folder (${DEFAULT-VALUE})")
    Path logDir;

    @Option(names = "--node", descriptionKey = "proklik.node", description = "node id (${DEFAULT-VALUE})")
    String node;

    @Option(names = "--io-threads", descriptionKey = "proklik.redirect.io-threads", description = "0 = one per core (${DEFAULT-VALUE})")
    int ioThreads;

    @Option(names = "--fallback-url", descriptionKey = "proklik.redirect.fallback-url",
            description = "where rejected links go (${DEFAULT-VALUE})")
    String fallbackUrl;

    @Option(names = "--trusted-proxies", descriptionKey = "proklik.redirect.trusted-proxies",
            converter = Converters.ListConverter.class, description = "proxies whose X-Forwarded-For counts")
    List<String> trustedProxies;

    @Option(names = "--admin-allowed-from", descriptionKey = "proklik.redirect.admin-allowed-from",
            converter = Converters.ListConverter.class, description = "who may read /health and /metrics")
    List<String> adminAllowedFrom;

    @Option(names = "--allowed-target-hosts", descriptionKey = "proklik.redirect.allowed-target-hosts",
            converter = Converters.ListConverter.class, description = "hosts clicks may lead to (empty = any)")
    List<String> allowedTargetHosts;

    @Option(names = "--max-header-size", descriptionKey = "proklik.redirect.max-header-size",
            converter = Converters.SizeConverter.class, description = "request line + headers limit (${DEFAULT-VALUE})")
    long maxHeaderSize;

    @Option(names = "--rotate-size", descriptionKey = "proklik.log.rotate-size",
            converter = Converters.SizeConverter.class, description = "close a log file at this size (${DEFAULT-VALUE})")
    long rotateSize;

    @Option(names = "--rotate-interval", descriptionKey = "proklik.log.rotate-interval",
            converter = Converters.DurationConverter.class, description = "close a log file at this age (${DEFAULT-VALUE})")
    Duration rotateInterval;

    @Option(names = "--fsync", negatable = true, descriptionKey = "proklik.log.fsync", arity = "0..1", fallbackValue = "true",
            description = "fsync before answering (${DEFAULT-VALUE}); --no-fsync only for benchmarks")
    boolean fsync;

    @Override
    public Integer call() throws Exception {
        LinkCodec codec = new LinkCodec(new KeyRingSource(root.config()).loadOrCreate(),
                new HashSet<>(allowedTargetHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
        RedirectSettings settings = new RedirectSettings(host, port,
                ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors(), fallbackUrl,
                trustedProxies, adminAllowedFrom, Math.toIntExact(maxHeaderSize), node);
        ClickLogWriter log = ClickLogWriter.start(
                new ClickLogWriter.Settings(logDir, node, rotateSize, rotateInterval, fsync), Clock.systemUTC());
        RedirectServer server;
        try {
            server = RedirectServer.start(settings, codec, log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "proklik-shutdown"));
        root.spec().commandLine().getOut().printf("Proklik redirect page listening on http://%s:%d (node %s, click log %s, fsync %s)%n",
                host, server.port(), node, logDir, fsync ? "on" : "off");
        root.spec().commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
