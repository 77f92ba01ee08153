namespace Wandb.TestLogger.Reporting;

/// <summary>Warning codes of the test logger (range 050-069); each is listed with what to do in docs/warnings.md.</summary>
internal static class LoggerWarnings
{
    /// <summary>A test result could not be recorded in the store.</summary>
    public const string ResultNotRecorded = "WANDB050";

    /// <summary>The logger was given a parameter it does not know.</summary>
    public const string UnknownParameter = "WANDB051";

    /// <summary>A logger parameter has an invalid value; the logger is off for this run.</summary>
    public const string InvalidParameter = "WANDB052";

    /// <summary>The store could not be opened; nothing is recorded for this run.</summary>
    public const string StoreUnavailable = "WANDB053";

    /// <summary>The reports could not be refreshed at the end of the test run.</summary>
    public const string ReportsNotWritten = "WANDB054";

    /// <summary>Recording did not finish in time at the end of the test run; the rest was abandoned.</summary>
    public const string RecordingTimedOut = "WANDB055";

    /// <summary>A logger parameter (or its variable) has a value the logger does not know; its default is used.</summary>
    public const string UnknownParameterValue = "WANDB057";
}
