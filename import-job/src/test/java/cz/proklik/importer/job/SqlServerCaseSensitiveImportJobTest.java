package cz.proklik.importer.job;

/** The import contract once more in a case-sensitive database. */
class SqlServerCaseSensitiveImportJobTest extends SqlServerImportJobTest {

    @Override
    protected String collation() {
        return "Czech_CS_AS";
    }
}
