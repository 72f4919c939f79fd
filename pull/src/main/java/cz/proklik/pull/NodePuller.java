package cz.proklik.pull;

import cz.proklik.tracking.clicklog.Durable;
import cz.proklik.tracking.clicklog.LogFileNames;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One node's files over one SFTP session: every closed click-log file in its folder is downloaded to
 * {@code <name>.part} (continued from the part's length after a broken transfer), fsynced, verified against a
 * second read of the node's file (same size, same SHA-256), and renamed into the local folder; a file the import
 * has recorded with that content is removed on the node (or moved to {@code pulled/}). Open files ({@code .open}),
 * spares, locks and torn tails are never touched.
 */
final class NodePuller {
    static final String PART_SUFFIX = ".part";
    static final String PULLED_DIR = "pulled";
    private static final Logger LOG = LoggerFactory.getLogger(NodePuller.class);
    private static final int BLOCK = 64 * 1024;

    private final PullNode node;
    private final SftpClient sftp;
    private final AfterImport afterImport;
    private final ImportedFiles imported;
    private final TransferListener listener;
    private NodeCounts counts = NodeCounts.NONE;

    NodePuller(PullNode node, SftpClient sftp, AfterImport afterImport, ImportedFiles imported,
               TransferListener listener) {
        this.node = node;
        this.sftp = sftp;
        this.afterImport = afterImport;
        this.imported = imported;
        this.listener = listener;
    }

    NodeCounts counts() {
        return counts;
    }

    void pullAll() throws IOException {
        Files.createDirectories(node.localDir());
        for (RemoteFile file : closedFiles()) {
            Optional<String> importedSha = imported.importedSha256(node.localDir(), file.name());
            if (importedSha.isPresent()) {
                removeIfSame(file, importedSha.get());
            } else if (Files.exists(node.localDir().resolve(file.name()))) {
                counts = counts.waitingOne();
            } else {
                download(file);
            }
        }
    }

    private List<RemoteFile> closedFiles() throws IOException {
        List<RemoteFile> files = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(node.remoteDir())) {
            String name = entry.getFilename();
            if (entry.getAttributes().isRegularFile() && LogFileNames.isClosed(Path.of(name))) {
                files.add(new RemoteFile(name, entry.getAttributes().getSize()));
            }
        }
        // Write order, as the import takes them.
        files.sort((a, b) -> a.name().compareTo(b.name()));
        return files;
    }

    private void download(RemoteFile file) throws IOException {
        Path part = node.localDir().resolve(file.name() + PART_SUFFIX);
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > file.size()) {
            // Not a prefix of this file: start again.
            LOG.warn("{}: {} is longer than the node's file; downloading it again", node.name(), part.getFileName());
            have = 0;
        }
        boolean resumed = have > 0;
        if (resumed) {
            LOG.info("{}: resuming {} at byte {} of {}", node.name(), file.name(), have, file.size());
        }
        long start = have;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             SftpClient.CloseableHandle handle = sftp.open(node.remote(file.name()), SftpClient.OpenMode.Read)) {
            out.truncate(have);
            out.position(have);
            byte[] block = new byte[BLOCK];
            while (have < file.size()) {
                int n = sftp.read(handle, have, block, 0, (int) Math.min(block.length, file.size() - have));
                if (n < 0) {
                    break;
                }
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                have += n;
                counts = counts.addBytes(n);
                listener.transferred(node.name(), file.name(), have, file.size());
            }
            out.force(true);
        }
        if (!verified(file, part)) {
            Files.delete(part);
            counts = counts.mismatchedOne();
            return;
        }
        Durable.rename(part, node.localDir().resolve(file.name()));
        counts = counts.pulledOne(resumed);
        LOG.info("{}: pulled {} ({} bytes{})", node.name(), file.name(), file.size(),
                resumed ? ", resumed at byte " + start : "");
    }

    /**
     * The part on the local disk, read back, has the size the node lists and the SHA-256 of a second, independent
     * read of the node's file. SFTP offers no remote checksum (OpenSSH has no check-file extension), and the
     * click-log's line checksums cannot see a file cut at a line end, so the content is compared whole.
     */
    private boolean verified(RemoteFile file, Path part) throws IOException {
        long local = Files.size(part);
        long remote = sftp.stat(node.remote(file.name())).getSize();
        if (local != file.size() || remote != file.size()) {
            LOG.warn("{}: {} has {} bytes here and {} on the node (listed {}); discarded, pulled again next time",
                    node.name(), file.name(), local, remote, file.size());
            return false;
        }
        String localSha;
        try (InputStream in = Files.newInputStream(part)) {
            localSha = sha256(in);
        }
        String remoteSha = remoteSha256(file.name());
        if (!localSha.equals(remoteSha)) {
            LOG.warn("{}: {} differs from the node's copy after transfer (SHA-256 {} here, {} there); discarded,"
                    + " pulled again next time", node.name(), file.name(), localSha, remoteSha);
            return false;
        }
        return true;
    }

    private void removeIfSame(RemoteFile file, String importedSha) throws IOException {
        String remoteSha = remoteSha256(file.name());
        if (!remoteSha.equals(importedSha)) {
            LOG.error("{}: {} was imported with other content (SHA-256 {}, the node's copy {}); left on the node",
                    node.name(), file.name(), importedSha, remoteSha);
            counts = counts.mismatchedOne();
            return;
        }
        if (afterImport == AfterImport.DELETE) {
            sftp.remove(node.remote(file.name()));
        } else {
            String pulledDir = node.remote(PULLED_DIR);
            if (!exists(pulledDir)) {
                sftp.mkdir(pulledDir);
            }
            sftp.rename(node.remote(file.name()), pulledDir + "/" + file.name());
        }
        counts = counts.removedOne();
        LOG.debug("{}: {} imported, {} on the node", node.name(), file.name(),
                afterImport == AfterImport.DELETE ? "removed" : "moved to " + PULLED_DIR + "/");
    }

    private boolean exists(String remotePath) throws IOException {
        try {
            sftp.stat(remotePath);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private String remoteSha256(String name) throws IOException {
        try (InputStream in = sftp.read(node.remote(name))) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        byte[] block = new byte[BLOCK];
        for (int n; (n = in.read(block)) >= 0; ) {
            digest.update(block, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record RemoteFile(String name, long size) {
    }
}
