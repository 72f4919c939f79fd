package cz.proklik.pull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the import has recorded (pkl_import_file): the SHA-256 of a file it imported from this local folder under
 * this name, if it did. The pull removes a file on its node only when this says so and the node's copy has that
 * content; the caller answers it from the database, which this module never touches.
 */
@FunctionalInterface
public interface ImportedFiles {
    Optional<String> importedSha256(Path localDir, String fileName);

    /** Nothing imported (a pull that only downloads). */
    ImportedFiles NONE = (dir, name) -> Optional.empty();
}
