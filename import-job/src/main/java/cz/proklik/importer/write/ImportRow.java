package cz.proklik.importer.write;

import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.importfile.QuarantinedLine;

/** What one click-log line becomes: a raw event row, or a quarantined line. */
public sealed interface ImportRow {
    long fileId();

    record Event(long fileId, RawEvent event) implements ImportRow {
    }

    record Bad(long fileId, QuarantinedLine line) implements ImportRow {
    }
}
