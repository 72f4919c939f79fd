package cz.proklik.sqlguard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Constructs H2 (in MODE=MSSQLServer) accepts but SQL Server 2017 does not. Each rule is a pattern over the code
 * of a statement (comments and literals blanked), except the few that need the shape of a SELECT: a boolean
 * expression in a select list, {@code GROUP BY} an alias of the same select, {@code ORDER BY} in a view.
 */
final class DialectRules {

    private record Rule(String name, Pattern pattern, String advice) {
    }

    private static final List<Rule> PATTERNS = List.of(
            rule("limit", "\\bLIMIT\\s+(\\d|\\?|:\\w|@)", "LIMIT: use TOP (?) or ORDER BY ... OFFSET ... FETCH"),
            rule("concat-operator", "\\|\\|", "||: use + or CONCAT()"),
            rule("boolean-literal", "\\b(TRUE|FALSE)\\b", "TRUE/FALSE: use BIT 1/0"),
            rule("nulls-first-last", "\\bNULLS\\s+(FIRST|LAST)\\b", "NULLS FIRST/LAST: sort on a CASE expression"),
            rule("fetch-without-offset", "(?<!ROWS\\s{1,20}|ROW\\s{1,20})\\bFETCH\\s+(FIRST|NEXT)\\b",
                    "FETCH FIRST without OFFSET: use TOP (?) or OFFSET 0 ROWS FETCH NEXT"),
            rule("ifnull-nvl", "\\b(IFNULL|NVL)\\s*\\(", "IFNULL/NVL: use COALESCE"),
            rule("now", "\\bNOW\\s*\\(\\s*\\)|\\bCURRENT_DATE\\b|\\bLOCALTIMESTAMP\\b|\\bSYSDATE\\b",
                    "NOW()/CURRENT_DATE: times come from the application (UTC) as parameters"),
            rule("ilike", "\\bILIKE\\b", "ILIKE: LIKE follows the column collation"),
            rule("postgres-cast", "::", ":: cast: use CAST(x AS type)"),
            rule("upsert-clause", "\\bON\\s+(CONFLICT|DUPLICATE\\s+KEY)\\b", "ON CONFLICT/DUPLICATE KEY: use MERGE"
                    + " or UPDATE then INSERT ... WHERE NOT EXISTS with (UPDLOCK, HOLDLOCK)"),
            rule("returning", "\\bRETURNING\\b", "RETURNING: use OUTPUT or generated keys"),
            rule("for-update", "\\bFOR\\s+UPDATE\\b", "SELECT ... FOR UPDATE: use WITH (UPDLOCK, HOLDLOCK)"),
            rule("top-without-parentheses", "\\bTOP\\s+(\\?|:\\w|@)", "TOP ?: write TOP (?)"),
            rule("length-function", "\\b(LENGTH|CHAR_LENGTH|CHARACTER_LENGTH|OCTET_LENGTH)\\s*\\(",
                    "LENGTH(): use LEN() or DATALENGTH()"),
            rule("position-extract", "\\b(POSITION|EXTRACT|LOCATE|INSTR)\\s*\\(",
                    "POSITION/EXTRACT/LOCATE: use CHARINDEX / DATEPART"),
            rule("newer-than-2017", "\\b(GREATEST|LEAST|DATE_TRUNC|GENERATE_SERIES|DATETRUNC|REGEXP_\\w+)\\s*\\(",
                    "needs SQL Server 2022 or later; the minimum is 2017"),
            rule("set-operator-all", "\\b(EXCEPT|INTERSECT)\\s+ALL\\b|\\bMINUS\\b", "EXCEPT/INTERSECT ALL, MINUS"),
            rule("if-not-exists", "\\bCREATE\\s+(TABLE|INDEX|UNIQUE\\s+INDEX|SEQUENCE|VIEW|SCHEMA)\\s+IF\\s+NOT\\s+EXISTS\\b",
                    "CREATE ... IF NOT EXISTS: test sys.objects / OBJECT_ID first"),
            rule("add-column-keyword", "\\bADD\\s+COLUMN\\b", "ALTER TABLE ... ADD COLUMN: T-SQL has no COLUMN here"),
            rule("boolean-type", "\\bBOOLEAN\\b", "BOOLEAN: use BIT"),
            rule("auto-increment", "\\bAUTO_INCREMENT\\b|\\bSERIAL\\b", "use IDENTITY(1,1)"),
            rule("double-quoted-string", "\"[^\"]*\\s[^\"]*\"", "a double-quoted string is an identifier"));

    /** Our objects are lower-case pkl_..., the job repository PKL_BATCH_...; a case-sensitive database agrees. */
    private static final Pattern OBJECT_NAME_CASE = Pattern.compile("\\b(pkl_\\w*[A-Z]\\w*|PKL_(?!BATCH_)\\w+"
            + "|Pkl_\\w+|pKl_\\w+)");
    private static final Pattern SELECT = Pattern.compile("\\bSELECT\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE_END = Pattern.compile(
            "\\b(FROM|WHERE|GROUP\\s+BY|HAVING|ORDER\\s+BY|UNION|EXCEPT|INTERSECT|INTO|OPTION)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOOLEAN_OPERATOR = Pattern.compile(
            "(<>|!=|<=|>=|<|>|\\bIS\\s+(NOT\\s+)?NULL\\b|\\bNOT\\s+IN\\b|\\bIN\\s*\\(|\\bLIKE\\b|\\bBETWEEN\\b"
                    + "|\\bEXISTS\\s*\\(|\\bAND\\b|\\bOR\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS = Pattern.compile("^(.*?)\\s+AS\\s+\\[?(\\w+)\\]?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern GROUP_BY = Pattern.compile("\\bGROUP\\s+BY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern VIEW = Pattern.compile("^\\s*CREATE\\s+(OR\\s+ALTER\\s+)?VIEW\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_BY = Pattern.compile("\\bORDER\\s+BY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSET = Pattern.compile("\\bOFFSET\\s+(\\d|\\?|:\\w|@|\\()",
            Pattern.CASE_INSENSITIVE);

    private DialectRules() {
    }

    private static Rule rule(String name, String regex, String advice) {
        return new Rule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), advice);
    }

    /** Names of every rule, for the test output. */
    static List<String> ruleNames() {
        List<String> names = new ArrayList<>(PATTERNS.stream().map(Rule::name).toList());
        names.addAll(List.of("offset-without-order-by", "boolean-in-select-list", "group-by-alias",
                "order-by-in-view", "merge-without-semicolon", "object-name-case"));
        return names;
    }

    static List<Problem> check(String where, String sql) {
        String code = SqlText.code(sql);
        List<Problem> problems = new ArrayList<>();
        for (Rule rule : PATTERNS) {
            Matcher m = rule.pattern().matcher(code);
            if (m.find()) {
                problems.add(new Problem(where, rule.name(), rule.advice() + " [" + snippet(code, m.start()) + "]"));
            }
        }
        Matcher name = OBJECT_NAME_CASE.matcher(code);
        if (name.find()) {
            problems.add(new Problem(where, "object-name-case", name.group() + ": a case-sensitive database "
                    + "(Czech_CS_AS) tells it apart from our lower-case pkl_ objects (PKL_BATCH_ for Spring Batch)"));
        }
        int[] depth = SqlText.depths(code);
        Matcher offset = OFFSET.matcher(code);
        while (offset.find()) {
            if (!hasOrderByBefore(code, depth, offset.start())) {
                problems.add(new Problem(where, "offset-without-order-by", "OFFSET needs an ORDER BY at its level"));
                break;
            }
        }
        problems.addAll(selectLists(where, code, depth));
        if (VIEW.matcher(code).find()) {
            Matcher order = ORDER_BY.matcher(code);
            while (order.find()) {
                if (depth[order.start()] == 0 && !OFFSET.matcher(code.substring(order.end())).find()
                        && !Pattern.compile("\\bTOP\\b", Pattern.CASE_INSENSITIVE).matcher(code).find()) {
                    problems.add(new Problem(where, "order-by-in-view",
                            "ORDER BY in a view is refused (Msg 1033): order in the query that reads it"));
                    break;
                }
            }
        }
        String trimmed = code.strip();
        if (trimmed.regionMatches(true, 0, "MERGE", 0, 5) && !trimmed.endsWith(";")) {
            problems.add(new Problem(where, "merge-without-semicolon", "a MERGE must end with ; (Msg 10713)"));
        }
        return problems;
    }

    private static boolean hasOrderByBefore(String code, int[] depth, int at) {
        int level = depth[at];
        Matcher order = ORDER_BY.matcher(code);
        boolean found = false;
        while (order.find() && order.start() < at) {
            if (depth[order.start()] == level) {
                found = true;
            }
        }
        return found;
    }

    /** Boolean expressions as select items, and GROUP BY items that name an alias of the same select. */
    private static List<Problem> selectLists(String where, String code, int[] depth) {
        List<Problem> problems = new ArrayList<>();
        Matcher select = SELECT.matcher(code);
        while (select.find()) {
            int level = depth[select.start()];
            int end = clauseEnd(code, depth, select.end(), level);
            List<String> items = splitTopLevel(code, depth, select.end(), end, level);
            Map<String, String> aliases = new HashMap<>();
            for (String item : items) {
                String expr = item;
                Matcher alias = ALIAS.matcher(item.strip());
                if (alias.matches()) {
                    expr = alias.group(1);
                    aliases.put(alias.group(2).toLowerCase(Locale.ROOT), expr.strip());
                }
                if (isBareBoolean(expr)) {
                    problems.add(new Problem(where, "boolean-in-select-list",
                            "a comparison is not a value in T-SQL: use CASE WHEN ... THEN 1 ELSE 0 END ["
                                    + item.strip().replaceAll("\\s+", " ") + "]"));
                }
            }
            int scopeEnd = scopeEnd(code, depth, select.end(), level);
            int group = nextClause(code, depth, end, level, GROUP_BY);
            if (group >= 0 && group < scopeEnd) {
                Matcher by = GROUP_BY.matcher(code);
                by.find(group);
                int groupEnd = Math.min(clauseEnd(code, depth, by.end(), level), scopeEnd);
                for (String item : splitTopLevel(code, depth, by.end(), groupEnd, level)) {
                    String name = item.strip().toLowerCase(Locale.ROOT);
                    String expr = aliases.get(name);
                    if (expr != null && !expr.toLowerCase(Locale.ROOT).matches("(\\w+\\.)?\\[?" + name + "\\]?")) {
                        problems.add(new Problem(where, "group-by-alias",
                                "GROUP BY " + name + " names a select alias: repeat the expression (Msg 207)"));
                    }
                }
            }
        }
        return problems;
    }

    /** Where a SELECT's own clauses end: its enclosing parenthesis closes, or a sibling SELECT (UNION) begins. */
    private static int scopeEnd(String code, int[] depth, int start, int level) {
        Matcher next = SELECT.matcher(code);
        int pos = start;
        int sibling = code.length();
        while (next.find(pos)) {
            if (depth[next.start()] == level) {
                sibling = next.start();
                break;
            }
            pos = next.end();
        }
        for (int i = start; i < sibling; i++) {
            if (depth[i] < level) {
                return i;
            }
        }
        return sibling;
    }

    private static int nextClause(String code, int[] depth, int from, int level, Pattern clause) {
        Matcher m = clause.matcher(code);
        while (m.find(from)) {
            if (depth[m.start()] == level) {
                return m.start();
            }
            from = m.end();
        }
        return -1;
    }

    private static boolean isBareBoolean(String expr) {
        String code = expr.strip();
        if (code.isEmpty()) {
            return false;
        }
        int[] depth = SqlText.depths(code);
        String masked = maskCase(code);
        Matcher op = BOOLEAN_OPERATOR.matcher(masked);
        while (op.find()) {
            if (depth[op.start()] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Blanks CASE ... END at depth 0, where comparisons are legal. */
    private static String maskCase(String code) {
        StringBuilder out = new StringBuilder(code);
        Matcher word = Pattern.compile("\\b(CASE|END)\\b", Pattern.CASE_INSENSITIVE).matcher(code);
        int open = 0;
        int start = -1;
        while (word.find()) {
            if (word.group(1).equalsIgnoreCase("CASE")) {
                if (open++ == 0) {
                    start = word.start();
                }
            } else if (open > 0 && --open == 0) {
                for (int i = start; i < word.end(); i++) {
                    if (out.charAt(i) != '(' && out.charAt(i) != ')') {
                        out.setCharAt(i, ' ');
                    }
                }
            }
        }
        return out.toString();
    }

    private static int clauseEnd(String code, int[] depth, int from, int level) {
        Matcher m = CLAUSE_END.matcher(code);
        int pos = from;
        while (m.find(pos)) {
            if (depth[m.start()] == level) {
                return m.start();
            }
            pos = m.end();
        }
        for (int i = from; i < code.length(); i++) {
            if (depth[i] < level || (code.charAt(i) == ')' && depth[i] == level) || code.charAt(i) == ';') {
                return i;
            }
        }
        return code.length();
    }

    private static List<String> splitTopLevel(String code, int[] depth, int from, int to, int level) {
        List<String> items = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            if (code.charAt(i) == ',' && depth[i] == level) {
                items.add(code.substring(start, i));
                start = i + 1;
            }
        }
        items.add(code.substring(start, to));
        return items;
    }

    private static String snippet(String code, int at) {
        int from = Math.max(0, at - 30);
        int to = Math.min(code.length(), at + 40);
        return code.substring(from, to).replaceAll("\\s+", " ").strip();
    }
}
