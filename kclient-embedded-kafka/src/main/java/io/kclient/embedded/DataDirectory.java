package io.kclient.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.utils.Utils;

/**
 * The directory that holds the data of all nodes ({@code node-0}, {@code node-1}, ...): either one
 * the user chose, which is kept, or a temporary one, which {@link #release()} deletes.
 */
final class DataDirectory {

    private final Path root;

    private final boolean temporary;

    private DataDirectory(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    /**
     * Opens {@code directory}, creating it if needed, or a new temporary directory if it is {@code null}.
     */
    static DataDirectory open(Path directory) {
        try {
            if (directory == null) {
                return new DataDirectory(Files.createTempDirectory("embedded-kafka-"), true);
            }
            return new DataDirectory(Files.createDirectories(directory.toAbsolutePath()), false);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create the Kafka data directory "
                    + ((directory != null) ? directory : "in " + System.getProperty("java.io.tmpdir")), ex);
        }
    }

    /** The data directory of node {@code nodeId}. */
    Path node(int nodeId) {
        return this.root.resolve("node-" + nodeId);
    }

    /** Deletes the directory if it is a temporary one; a user's directory is never touched. */
    void release() {
        if (this.temporary) {
            try {
                Utils.delete(this.root.toFile());
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not delete the temporary Kafka data directory " + this.root, ex);
            }
        }
    }
}
