package cz.proklik.sqlguard;

/** One thing SQL Server would refuse: where (file and line, or the capturing class) and what. */
record Problem(String where, String rule, String detail) {

    Problem {
        if (where == null || rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("a problem needs a place and a rule");
        }
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return where + ": " + rule + (detail.isEmpty() ? "" : " -- " + detail);
    }
}
