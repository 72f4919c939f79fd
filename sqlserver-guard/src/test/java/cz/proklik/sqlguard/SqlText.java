package cz.proklik.sqlguard;

/**
 * T-SQL text with comments and string literals blanked out (same length, line breaks kept), so that the rules
 * never match a word inside a comment or a value. Bracketed and double-quoted identifiers are kept as written.
 */
final class SqlText {

    private SqlText() {
    }

    static String code(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(sql.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '\'') {
                out.append('\'');
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                        out.append("  ");
                        i += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        out.append(d == '\n' ? '\n' : ' ');
                        i++;
                    }
                }
                if (i < n) {
                    out.append('\'');
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** 1-based line of a character offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Parenthesis depth at each offset of code (blanked) text. */
    static int[] depths(String code) {
        int[] depth = new int[code.length() + 1];
        int d = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth[i] = d;
                d++;
                continue;
            }
            if (c == ')') {
                d = Math.max(0, d - 1);
            }
            depth[i] = d;
        }
        depth[code.length()] = d;
        return depth;
    }
}
