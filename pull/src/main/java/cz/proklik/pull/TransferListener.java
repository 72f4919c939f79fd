package cz.proklik.pull;

/** Told after each block of a download is on the local disk (progress; the tests cut the connection from here). */
@FunctionalInterface
public interface TransferListener {
    void transferred(String node, String fileName, long bytesInPart, long size);

    TransferListener NONE = (node, fileName, bytesInPart, size) -> {
    };
}
