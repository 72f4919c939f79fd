package cz.proklik.pull;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pulls the closed click-log files of every configured node (docs/pull.md), one node after the other, each over
 * its own SSH connection: public-key login only, the host key pinned, no ~/.ssh/config or known_hosts consulted.
 * A node that fails (unreachable, refused, cut off) does not stop the others.
 */
public final class Pull {
    private static final Logger LOG = LoggerFactory.getLogger(Pull.class);

    private final PullSettings settings;
    private final ImportedFiles imported;
    private final TransferListener listener;

    public Pull(PullSettings settings, ImportedFiles imported, TransferListener listener) {
        this.settings = settings;
        this.imported = imported;
        this.listener = listener;
    }

    /** Every node, or only the named one; the outcomes in configuration order. */
    public List<NodeOutcome> run(String onlyNode) {
        List<NodeOutcome> outcomes = new ArrayList<>();
        for (PullNode node : settings.nodes()) {
            if (onlyNode == null || onlyNode.equals(node.name())) {
                outcomes.add(pull(node));
            }
        }
        return outcomes;
    }

    public NodeOutcome pull(PullNode node) {
        AtomicReference<NodePuller> puller = new AtomicReference<>();
        try {
            pullOver(node, puller);
            NodeCounts counts = puller.get().counts();
            LOG.info("{}: {}", node.name(), counts);
            return new NodeOutcome.Done(node.name(), counts);
        } catch (IOException | RuntimeException e) {
            NodeCounts counts = puller.get() == null ? NodeCounts.NONE : puller.get().counts();
            String reason = reason(e);
            LOG.warn("{}: pull stopped: {} (so far: {})", node.name(), reason, counts);
            LOG.debug("{}: pull stopped", node.name(), e);
            return new NodeOutcome.Failed(node.name(), counts, reason);
        }
    }

    private void pullOver(PullNode node, AtomicReference<NodePuller> puller) throws IOException {
        KeyPair identity = loadKey(node);
        AtomicReference<String> refusedKey = new AtomicReference<>();
        ServerKeyVerifier pinned = (session, address, key) -> {
            if (node.hostKey().matches(key)) {
                return true;
            }
            refusedKey.set(HostKeyPin.fingerprintOf(key) + " (" + key.getAlgorithm() + ")");
            return false;
        };
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(pinned);
            client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
            client.setKeyIdentityProvider(session -> List.of(identity));
            // A silent connection is a broken one: the read waiting on it fails and the part is resumed next time.
            CoreModuleProperties.IDLE_TIMEOUT.set(client, settings.timeout());
            CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, settings.timeout());
            CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.timeout());
            client.start();
            try (ClientSession session = client.connect(node.user(), node.host(), node.port())
                    .verify(settings.timeout()).getSession()) {
                try {
                    session.auth().verify(settings.timeout());
                } catch (IOException e) {
                    if (refusedKey.get() != null) {
                        throw hostKeyRefused(node, refusedKey.get());
                    }
                    throw new IOException("login as " + node.user() + " with " + node.keyFile().getFileName()
                            + " refused or failed: " + e.getMessage(), e);
                }
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    NodePuller files = new NodePuller(node, sftp, settings.afterImport(), imported, listener);
                    puller.set(files);
                    files.pullAll();
                }
            }
        } catch (IOException e) {
            if (refusedKey.get() != null && !(e instanceof HostKeyRefusedException)) {
                throw hostKeyRefused(node, refusedKey.get());
            }
            throw e;
        }
    }

    private static HostKeyRefusedException hostKeyRefused(PullNode node, String presented) {
        return new HostKeyRefusedException("host key of " + node.host() + ":" + node.port() + " is " + presented
                + ", not the pinned " + node.hostKey().describe() + "; nothing pulled. If the node's key was"
                + " changed on purpose, pin the new one (ssh-keygen -lf on the node)");
    }

    private static KeyPair loadKey(PullNode node) throws IOException {
        Path file = node.keyFile();
        if (!Files.isReadable(file)) {
            throw new IOException("key file " + file + " is missing or not readable");
        }
        try {
            FileKeyPairProvider provider = new FileKeyPairProvider(file);
            for (KeyPair pair : provider.loadKeys(null)) {
                return pair;
            }
        } catch (RuntimeException e) {
            // The provider wraps what went wrong (a passphrase, an unknown format) in a runtime exception.
            throw new IOException("key file " + file + " is not an unencrypted OpenSSH or PEM private key: "
                    + reason(e), e);
        }
        throw new IOException("key file " + file + " holds no private key");
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
