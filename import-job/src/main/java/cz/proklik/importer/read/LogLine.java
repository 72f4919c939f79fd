package cz.proklik.importer.read;

import cz.proklik.tracking.clicklog.ClickLogReader;

/** One line read from a click-log file: an event, or a bad line with its reason. */
public record LogLine(LogFile file, ClickLogReader.Entry entry) {
}
