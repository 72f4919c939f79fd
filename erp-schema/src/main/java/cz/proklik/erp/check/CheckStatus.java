package cz.proklik.erp.check;

/** Outcome of one line of {@code proklik db check}, in increasing order of severity. */
public enum CheckStatus {
    /** Nothing to do. */
    OK,
    /** Works, but something deserves a look (the advice says what); the exit code stays 0. */
    WARN,
    /** The plug-in cannot work this way: the exit code is 1. */
    FAIL;

    public CheckStatus worse(CheckStatus other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
