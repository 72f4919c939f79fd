package cz.proklik.sqlguard;

import java.nio.file.Path;

/** Where the repository is: the surefire configuration says, else the module's parent folder. */
final class Project {

    private Project() {
    }

    static Path root() {
        return Path.of(System.getProperty("proklik.project.dir", "..")).toAbsolutePath().normalize();
    }

    static Path sqlModule() {
        return root().resolve("sql");
    }
}
