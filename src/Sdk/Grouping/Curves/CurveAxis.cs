using Wandb.Storage;

namespace Wandb.Grouping.Curves;

/// <summary>
/// The x axis of a chart: <c>_step</c> (default), <c>_runtime</c>, <c>_timestamp</c>, or any logged metric
/// such as <c>epoch</c>. Rows without a finite x on this axis are left out of its charts.
/// </summary>
internal sealed class CurveAxis
{
    public const string StepName = "_step";
    public const string RuntimeName = "_runtime";
    public const string TimestampName = "_timestamp";

    public static readonly CurveAxis Step = new(StepName);
    public static readonly CurveAxis Runtime = new(RuntimeName);
    public static readonly CurveAxis Timestamp = new(TimestampName);

    private CurveAxis(string name) => Name = name;

    /// <summary>The key of the x values.</summary>
    public string Name { get; }

    /// <summary>Steps are whole numbers, so their buckets are never narrower than one step.</summary>
    public bool IsInteger => Name == StepName;

    /// <summary>The axis named <paramref name="name"/>: one of the three built-in keys or a metric.</summary>
    public static CurveAxis Of(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"A chart's x axis must be _step, _runtime, _timestamp or a metric name (got '{name}').", nameof(name));
        }

        return name switch
        {
            StepName => Step,
            RuntimeName => Runtime,
            TimestampName => Timestamp,
            _ => new CurveAxis(name),
        };
    }

    public bool TryGetX(HistoryRow row, out double x)
    {
        switch (Name)
        {
            case StepName:
                x = row.Step;
                return true;
            case RuntimeName:
                x = row.Runtime;
                break;
            case TimestampName:
                x = row.Timestamp;
                break;
            default:
                if (!row.Values.TryGetValue(Name, out x))
                {
                    return false;
                }

                break;
        }

        return !double.IsNaN(x) && !double.IsInfinity(x);
    }

    public override string ToString() => Name;
}
