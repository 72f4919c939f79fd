package cz.proklik.mailer.lists;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import cz.proklik.erp.mailing.list.Candidate;
import cz.proklik.erp.mailing.list.ListDao;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an imported recipient list (CSV with a header; columns {@code contact_id} and/or {@code email}, any
 * order, comma or semicolon) and reports every refused line with its number: bad address, duplicate, unknown
 * contact, missing value, unreadable CSV. The good lines go through; the list is never re-synchronised.
 */
public final class CsvListImport {
    /** One refused line of the file. */
    public record Problem(long lineNo, String reason, String detail) {
    }

    public record Result(List<Candidate> members, List<Problem> problems, long lines) {
        public Result {
            members = List.copyOf(members);
            problems = List.copyOf(problems);
        }
    }

    private final ListDao lists;

    public CsvListImport(ListDao lists) {
        this.lists = lists;
    }

    public Result read(Reader in) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Long> lineNos = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        char separator = ',';
        BufferedReader buffered = new BufferedReader(in);
        buffered.mark(8192);
        String first = buffered.readLine();
        if (first == null) {
            throw new IllegalArgumentException("the file is empty (a header with contact_id and/or email is required)");
        }
        if (first.indexOf(';') >= 0 && first.indexOf(',') < 0) {
            separator = ';';
        }
        buffered.reset();
        try (CSVReader csv = new CSVReaderBuilder(buffered)
                .withCSVParser(new CSVParserBuilder().withSeparator(separator).build()).build()) {
            String[] header = csv.readNext();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i].strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT), i);
            }
            if (!columns.containsKey("contact_id") && !columns.containsKey("email")) {
                throw new IllegalArgumentException("the header must name contact_id and/or email: " + String.join(",", header));
            }
            while (true) {
                long lineNo = csv.getLinesRead() + 1;
                String[] row;
                try {
                    row = csv.readNext();
                } catch (CsvMalformedLineException e) {
                    // An unterminated quote runs to the end of the file: nothing after it can be read as rows.
                    problems.add(new Problem(lineNo, "not_csv", "unterminated quote; this line and the rest are left out"));
                    break;
                } catch (CsvException e) {
                    problems.add(new Problem(lineNo, "not_csv", e.getMessage()));
                    continue;
                }
                if (row == null) {
                    break;
                }
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                rows.add(row);
                lineNos.add(lineNo);
            }
            return resolve(rows, lineNos, columns, problems, csv.getLinesRead());
        } catch (CsvException e) {
            throw new IllegalArgumentException("cannot read the header: " + e.getMessage(), e);
        }
    }

    private Result resolve(List<String[]> rows, List<Long> lineNos, Map<String, Integer> columns,
                           List<Problem> problems, long lines) {
        Integer idCol = columns.get("contact_id");
        Integer emailCol = columns.get("email");
        List<String> emails = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String[] row : rows) {
            String email = cell(row, emailCol);
            String id = cell(row, idCol);
            if (email != null) {
                emails.add(email);
            }
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, String> byEmail = lists.contactIdsByEmail(emails);
        Set<String> known = lists.knownContacts(ids);
        Map<String, Long> seenContacts = new HashMap<>();
        Map<String, Long> seenAddresses = new HashMap<>();
        List<Candidate> members = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long line = lineNos.get(i);
            String id = cell(rows.get(i), idCol);
            String email = cell(rows.get(i), emailCol);
            if (id == null && email == null) {
                problems.add(new Problem(line, "missing_value", "neither contact_id nor email"));
                continue;
            }
            if (email != null && !Addresses.valid(email)) {
                problems.add(new Problem(line, "bad_address", email));
                continue;
            }
            String contact = id != null ? id : byEmail.get(email.toLowerCase(Locale.ROOT));
            if (contact == null || (id != null && !known.contains(id))) {
                problems.add(new Problem(line, "unknown_contact", id != null ? id : email));
                continue;
            }
            Long earlier = seenContacts.putIfAbsent(contact, line);
            Long earlierAddress = email == null ? null : seenAddresses.putIfAbsent(email.toLowerCase(Locale.ROOT), line);
            if (earlier != null || earlierAddress != null) {
                problems.add(new Problem(line, "duplicate", "same " + (earlier != null ? "contact" : "address")
                        + " as line " + (earlier != null ? earlier : earlierAddress)));
                continue;
            }
            members.add(new Candidate(contact, email, true, (int) line));
        }
        problems.sort(Comparator.comparingLong(Problem::lineNo));
        return new Result(members, problems, lines);
    }

    private static String cell(String[] row, Integer col) {
        if (col == null || col >= row.length) {
            return null;
        }
        String v = row[col].strip();
        return v.isEmpty() ? null : v;
    }
}
