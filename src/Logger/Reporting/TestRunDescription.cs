using Wandb.Runs;
using Wandb.Testing;

namespace Wandb.TestLogger.Reporting;

/// <summary>What the run of one test result holds: identity, job type, config, summary and state.</summary>
internal sealed record TestRunDescription
{
    /// <summary>Longest error message kept in the summary; stack traces stay in the test output.</summary>
    public const int MaxErrorLength = 4000;

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string JobType { get; init; }

    public required Dictionary<string, object?> Config { get; init; }

    public required Dictionary<string, object?> Summary { get; init; }

    public required RunState State { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    public static TestRunDescription From(TestResultInfo result, string group, ParameterNameReader names, TestJobTypeFormat jobTypes)
    {
        return new TestRunDescription
        {
            Id = IdOf(result, group),
            Name = result.DisplayName,
            JobType = JobTypeOf(result, jobTypes),
            Config = BuildConfig(result, names),
            Summary = BuildSummary(result),
            State = result.Outcome is TestOutcome.Failed or TestOutcome.TimedOut ? RunState.Failed : RunState.Finished,
            Tags = result.Outcome == TestOutcome.Skipped ? new[] { "skipped" } : Array.Empty<string>(),
        };
    }

    /// <summary>The id of the result's run: the same for every process of the session that names this test (docs/test-logger.md).</summary>
    public static string IdOf(TestResultInfo result, string group) =>
        TestRunIds.For(group, Path.GetFileNameWithoutExtension(result.Source), result.TargetFramework, result.FullyQualifiedName, result.DisplayName);

    /// <summary>The trait or test property <c>wandb.job_type</c> when set, else the test method's name (with its short class name in <see cref="TestJobTypeFormat.ClassMethod"/>).</summary>
    public static string JobTypeOf(TestResultInfo result, TestJobTypeFormat format) =>
        result.Traits.Where(t => t.Key == TestRunNames.JobTypeProperty).Select(t => t.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim()
        ?? TestRunNames.JobType(result.FullyQualifiedName, format);

    public static string OutcomeName(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.Failed => "failed",
        TestOutcome.TimedOut => "timeout",
        _ => "skipped",
    };

    private static Dictionary<string, object?> BuildConfig(TestResultInfo result, ParameterNameReader names)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        var arguments = result.Arguments.Count > 0
            ? ArgumentValues.Merge(result.Arguments, result.DisplayName)
            : ArgumentValues.FromDisplayName(result.DisplayName);
        if (arguments.Count > 0)
        {
            var parameterNames = names.Read(result.Source, result.FullyQualifiedName, result.ParameterCount ?? arguments.Count);
            for (var i = 0; i < arguments.Count; i++)
            {
                var name = arguments[i].Name ?? (parameterNames is not null && i < parameterNames.Count ? parameterNames[i] : "arg" + i);
                config[name] = Normalize(arguments[i].Value, name);
            }
        }

        var testClass = TestRunNames.ClassName(result.FullyQualifiedName);
        if (testClass.Length > 0)
        {
            config[TestRunNames.TestClassKey] = testClass;
        }

        var traits = result.Traits.Where(t => t.Key != TestRunNames.JobTypeProperty).GroupBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (traits.Count > 0)
        {
            config["traits"] = traits.ToDictionary(
                g => g.Key,
                g => g.Count() == 1 ? (object?)g.First().Value : g.Select(t => (object?)t.Value).ToList(),
                StringComparer.Ordinal);
        }

        if (result.Categories.Count > 0)
        {
            config["categories"] = result.Categories.Select(c => (object?)c).ToList();
        }

        return config;
    }

    private static Dictionary<string, object?> BuildSummary(TestResultInfo result)
    {
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["outcome"] = OutcomeName(result.Outcome),
            ["duration"] = TestTiming.DurationOf(result).TotalSeconds,
        };
        if (!string.IsNullOrWhiteSpace(result.ErrorMessage))
        {
            var message = result.ErrorMessage!.Trim();
            summary["error"] = message.Length <= MaxErrorLength ? message : message.Substring(0, MaxErrorLength) + "…";
        }

        return summary;
    }

    private static object? Normalize(object? value, string key)
    {
        try
        {
            return ConfigValues.Normalize(value, key);
        }
        catch (ArgumentException)
        {
            return value?.ToString();
        }
    }
}
