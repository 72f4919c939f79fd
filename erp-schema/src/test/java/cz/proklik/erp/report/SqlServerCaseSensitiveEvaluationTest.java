package cz.proklik.erp.report;

/** The evaluation contract once more in a case-sensitive database. */
class SqlServerCaseSensitiveEvaluationTest extends SqlServerEvaluationTest {

    @Override
    protected String collation() {
        return "Czech_CS_AS";
    }
}
