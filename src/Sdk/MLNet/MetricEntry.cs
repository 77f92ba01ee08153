namespace Wandb.MLNet;

/// <summary>One scalar read from an ML.NET metrics object, named as the store and the reports show it.</summary>
internal readonly struct MetricEntry
{
    public MetricEntry(string key, double value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; }

    public double Value { get; }
}
