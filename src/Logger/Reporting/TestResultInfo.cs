namespace Wandb.TestLogger.Reporting;

/// <summary>One test result as the platform adapters hand it to the reporting core: plain data, no platform types.</summary>
internal sealed record TestResultInfo
{
    /// <summary><c>Namespace.Class.Method</c>, without arguments.</summary>
    public required string FullyQualifiedName { get; init; }

    /// <summary>The display name; tells data rows of one method apart.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Path of the test assembly.</summary>
    public required string Source { get; init; }

    /// <summary>Framework name such as <c>.NETCoreApp,Version=v10.0</c>, or null when unknown.</summary>
    public string? TargetFramework { get; init; }

    public required TestOutcome Outcome { get; init; }

    public TimeSpan Duration { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Data-row arguments in order; names come from the method's parameters when they can be read.</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = Array.Empty<object?>();

    /// <summary>Parameter count of the test method, to pick the right overload when naming arguments; null when unknown.</summary>
    public int? ParameterCount { get; init; }

    /// <summary>Traits and test properties (name, value); a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Traits { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Test categories.</summary>
    public IReadOnlyList<string> Categories { get; init; } = Array.Empty<string>();
}
