package cz.proklik.erp;

/** The schema contract once more in a case-sensitive database: names in our SQL must match the objects' case. */
class SqlServerCaseSensitiveSchemaTest extends SqlServerSchemaTest {

    @Override
    protected String collation() {
        return "Czech_CS_AS";
    }
}
