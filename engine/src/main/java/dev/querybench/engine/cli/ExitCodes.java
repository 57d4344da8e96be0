package dev.querybench.engine.cli;

/** Exit codes of the querybench command, as documented in the README and in --help. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The command ran and found problems (doctor, validate, health), or accuracy fell below --fail-under. */
    public static final int PROBLEMS = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** The workspace, dataset or a prompt template is invalid. */
    public static final int CONFIG = 3;
    /** A database or model endpoint could not be used. */
    public static final int ENVIRONMENT = 4;
    /** The run stopped before every item finished; resume it with --resume. */
    public static final int INCOMPLETE = 5;
    /** An unexpected internal error. */
    public static final int INTERNAL = 10;

    private ExitCodes() {}

    static final String HELP = """
            Exit codes:
              0  success
              1  problems found (doctor, validate, health), or accuracy below --fail-under
              2  invalid command line
              3  invalid workspace, dataset or prompt template
              4  a database or model endpoint could not be used
              5  run incomplete (cancelled or interrupted); continue it with --resume
              10 internal error""";
}
