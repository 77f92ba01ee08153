namespace Wandb.Runs;

/// <summary>One logged history row waiting to be written. Arrays rather than a dictionary keep <c>Log</c> cheap.</summary>
internal sealed class PendingRow
{
    public PendingRow(long step, double runtime, double timestamp, string[] keys, double[] values)
    {
        Step = step;
        Runtime = runtime;
        Timestamp = timestamp;
        Keys = keys;
        Values = values;
    }

    public long Step { get; }

    public double Runtime { get; }

    public double Timestamp { get; }

    public string[] Keys { get; }

    public double[] Values { get; }
}
