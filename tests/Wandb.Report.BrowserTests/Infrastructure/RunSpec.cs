namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>What one run of a test store looks like.</summary>
public sealed class RunSpec
{
    public string Project { get; init; } = "churn";

    public required string Name { get; init; }

    public string? Group { get; init; }

    public string? JobType { get; init; } = "train";

    public string? Notes { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    public IReadOnlyDictionary<string, object?> Config { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, Func<int, double>> Metrics { get; init; } = new Dictionary<string, Func<int, double>>();

    /// <summary>Summary values set explicitly (a test's <c>error</c> message, a final score).</summary>
    public IReadOnlyDictionary<string, object?> Summary { get; init; } = new Dictionary<string, object?>();

    public int Steps { get; init; } = 20;

    public bool Failed { get; init; }
}
