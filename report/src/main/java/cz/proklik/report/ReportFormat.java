package cz.proklik.report;

/** The formats a report prints in; HTML is a file of its own ({@link CampaignReports#writeHtml}). */
public enum ReportFormat {
    /** aligned text for a terminal or a log */
    TEXT,
    /** one CSV section per table, the views' own values */
    CSV,
    /** one JSON object, the DAO records as they are */
    JSON
}
