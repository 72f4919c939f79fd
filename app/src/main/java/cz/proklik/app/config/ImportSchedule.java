package cz.proklik.app.config;

import java.time.Duration;

/** How {@code proklik import} runs (proklik.import.every): once, again after a pause, or on the refresh curve. */
public sealed interface ImportSchedule {
    /** One run (the default): for cron, Task Scheduler or SQL Server Agent. */
    record Once() implements ImportSchedule {
    }

    /** Stay up, a run after each pause ({@code --every 5m}). */
    record Every(Duration pause) implements ImportSchedule {
    }

    /** Stay up, a run whenever a campaign is due by the refresh curve ({@code --every auto}, README). */
    record Auto() implements ImportSchedule {
    }
}
