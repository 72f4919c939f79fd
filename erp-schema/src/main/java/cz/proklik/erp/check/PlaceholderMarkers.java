package cz.proklik.erp.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [placeholder]} markers of the Helios adapter scripts, found in a view's stored definition (SQL Server
 * keeps a view's text with its comments). A marker on the line of a select-list item {@code ... AS column} names
 * that column; a marker on any other line of the view's body (a continuation comment, a join, the second branch of
 * a UNION) is only counted. The comment block before {@code CREATE} is not the view's body and is skipped: it
 * explains the markers.
 */
record PlaceholderMarkers(Set<String> columns, int otherMarkers) {
    static final String MARKER = "[placeholder]";
    private static final Pattern CREATE_VIEW =
            Pattern.compile("\\bCREATE\\s+(?:OR\\s+(?:ALTER|REPLACE)\\s+)?VIEW\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS = Pattern.compile("\\bAS\\s+\\[?([A-Za-z_][A-Za-z0-9_]*)\\]?",
            Pattern.CASE_INSENSITIVE);

    PlaceholderMarkers {
        columns = Set.copyOf(columns);
        if (otherMarkers < 0) {
            throw new IllegalArgumentException("negative marker count");
        }
    }

    static PlaceholderMarkers find(String definition, List<String> contractColumns) {
        if (definition == null) {
            return new PlaceholderMarkers(Set.of(), 0);
        }
        Matcher create = CREATE_VIEW.matcher(definition);
        String body = create.find() ? definition.substring(create.start()) : definition;
        Set<String> columns = new LinkedHashSet<>();
        int other = 0;
        for (String line : body.split("\\R")) {
            int marker = line.toLowerCase(Locale.ROOT).indexOf(MARKER);
            if (marker < 0) {
                continue;
            }
            int comment = line.indexOf("--");
            String code = comment >= 0 && comment < marker ? line.substring(0, comment) : line.substring(0, marker);
            String alias = lastAlias(code);
            if (alias != null && contractColumns.contains(alias)) {
                columns.add(alias);
            } else {
                other++;
            }
        }
        return new PlaceholderMarkers(columns, other);
    }

    private static String lastAlias(String code) {
        Matcher m = ALIAS.matcher(code);
        String last = null;
        while (m.find()) {
            last = m.group(1).toLowerCase(Locale.ROOT);
        }
        return last;
    }

    boolean any() {
        return !columns.isEmpty() || otherMarkers > 0;
    }

    /** The contract columns in contract order. */
    List<String> columnsIn(List<String> contractColumns) {
        List<String> ordered = new ArrayList<>();
        for (String c : contractColumns) {
            if (columns.contains(c)) {
                ordered.add(c);
            }
        }
        return ordered;
    }
}
