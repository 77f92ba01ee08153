namespace Wandb.Storage;

/// <summary>One row of a run's history: W&amp;B's <c>_step</c>, <c>_runtime</c> and <c>_timestamp</c> plus the metrics logged at that step.</summary>
public sealed class HistoryRow
{
    /// <summary>Creates a row.</summary>
    public HistoryRow(long step, double runtime, double timestamp, IReadOnlyDictionary<string, double> values)
    {
        Step = step;
        Runtime = runtime;
        Timestamp = timestamp;
        Values = values;
    }

    /// <summary><c>_step</c>: the step the row was logged at.</summary>
    public long Step { get; }

    /// <summary><c>_runtime</c>: seconds since the writing process attached to the run.</summary>
    public double Runtime { get; }

    /// <summary><c>_timestamp</c>: Unix time in seconds when the row was logged.</summary>
    public double Timestamp { get; }

    /// <summary>The metrics of the row; NaN and infinities are kept as they were logged.</summary>
    public IReadOnlyDictionary<string, double> Values { get; }
}
