using Microsoft.Testing.Platform.Extensions.Messages;
using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>Turns a final test node update into the reporting core's result; null for discovery and in-progress updates.</summary>
internal static class MtpResultMapper
{
    public static TestResultInfo? Map(TestNode node, string source, string? targetFramework)
    {
        var state = node.Properties.SingleOrDefault<TestNodeStateProperty>();
        TestOutcome outcome;
        string? error = null;
        switch (state)
        {
            case PassedTestNodeStateProperty:
                outcome = TestOutcome.Passed;
                break;
            case SkippedTestNodeStateProperty skipped:
                outcome = TestOutcome.Skipped;
                error = skipped.Explanation;
                break;
            case TimeoutTestNodeStateProperty timeout:
                outcome = TestOutcome.TimedOut;
                error = timeout.Exception?.Message ?? timeout.Explanation;
                break;
            case FailedTestNodeStateProperty failed:
                outcome = TestOutcome.Failed;
                error = failed.Exception?.Message ?? failed.Explanation;
                break;
            case ErrorTestNodeStateProperty errored:
                outcome = TestOutcome.Failed;
                error = errored.Exception?.Message ?? errored.Explanation;
                break;
#pragma warning disable CS0618 // Cancelled is obsolete in the platform but still reported by some frameworks.
            case CancelledTestNodeStateProperty cancelled:
#pragma warning restore CS0618
                outcome = TestOutcome.Failed;
                error = cancelled.Exception?.Message ?? cancelled.Explanation;
                break;
            default:
                return null;
        }

        var method = node.Properties.SingleOrDefault<TestMethodIdentifierProperty>();
        var timing = node.Properties.SingleOrDefault<TimingProperty>();
        var fullyQualifiedName = method is null
            ? node.DisplayName
            : string.Join(".", new[] { method.Namespace, method.TypeName, method.MethodName }.Where(p => !string.IsNullOrEmpty(p)));
        // The platform's metadata: a key with a value is a trait or test property, a key alone is a category
        // (what MSTest's [TestCategory] becomes on the platform).
        var metadata = node.Properties.OfType<TestMetadataProperty>().ToList();
        var traits = metadata.Where(m => !string.IsNullOrEmpty(m.Value)).Select(m => new KeyValuePair<string, string>(m.Key, m.Value)).ToList();
        var categories = metadata.Where(m => string.IsNullOrEmpty(m.Value)).Select(m => m.Key).ToList();
        return new TestResultInfo
        {
            FullyQualifiedName = fullyQualifiedName,
            DisplayName = node.DisplayName,
            Source = source,
            TargetFramework = targetFramework,
            Outcome = outcome,
            Duration = timing?.GlobalTiming.Duration ?? TimeSpan.Zero,
            StartTime = timing?.GlobalTiming.StartTime,
            EndTime = timing?.GlobalTiming.EndTime,
            ErrorMessage = error,
            ParameterCount = method?.ParameterTypeFullNames.Length,
            Traits = traits,
            Categories = categories,
        };
    }
}
