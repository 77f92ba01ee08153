using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Wandb.Testing;
using Wandb.TestLogger.Reporting;
using VsOutcome = Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome;

namespace Wandb.TestLogger.VsTest;

/// <summary>Copies what the reporting core needs out of a VSTest result; cheap, because it runs on vstest's event thread.</summary>
internal static class VsTestResultMapper
{
    // The adapters' properties, read by id because the logger must not reference an adapter.
    private const string DataPropertyId = "MSTest.DynamicData";
    private const string ParameterTypesPropertyId = "MSTest.ParameterTypes";
    private static readonly string[] CategoryPropertyIds = { "MSTestDiscoverer.TestCategory", "NUnit.TestCategory" };

    public static TestResultInfo Map(TestResult result, string? targetFramework)
    {
        var test = result.TestCase;
        var displayName = string.IsNullOrEmpty(result.DisplayName) ? test.DisplayName : result.DisplayName!;
        var parameterTypes = Read(test, ParameterTypesPropertyId) as string;
        return new TestResultInfo
        {
            // NUnit and xUnit may put arguments in the fully-qualified name; the method name is what job types group by.
            FullyQualifiedName = TestRunNames.WithoutArguments(test.FullyQualifiedName),
            DisplayName = displayName,
            Source = test.Source,
            TargetFramework = targetFramework,
            Outcome = result.Outcome switch
            {
                VsOutcome.Passed => Reporting.TestOutcome.Passed,
                VsOutcome.Failed when result.ErrorMessage?.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0 => Reporting.TestOutcome.TimedOut,
                VsOutcome.Failed => Reporting.TestOutcome.Failed,
                _ => Reporting.TestOutcome.Skipped,
            },
            Duration = result.Duration,
            StartTime = result.StartTime == default ? null : result.StartTime,
            EndTime = result.EndTime == default ? null : result.EndTime,
            ErrorMessage = result.ErrorMessage,
            Arguments = DataRow(Read(test, DataPropertyId) as string[]),
            ParameterCount = parameterTypes is null ? null : parameterTypes.Length == 0 ? 0 : parameterTypes.Split(',').Length,
            Traits = test.Traits.Select(t => new KeyValuePair<string, string>(t.Name, t.Value)).ToList(),
            Categories = CategoryPropertyIds.SelectMany(id => Read(test, id) as string[] ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>MSTest stores a data row as [type, json value, type, json value, ...].</summary>
    private static IReadOnlyList<object?> DataRow(string[]? data)
    {
        if (data is null || data.Length % 2 != 0)
        {
            return Array.Empty<object?>();
        }

        var values = new object?[data.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ArgumentValues.FromJson(data[(2 * i) + 1]);
        }

        return values;
    }

    private static object? Read(TestCase test, string id)
    {
        foreach (var property in test.Properties)
        {
            if (property.Id == id)
            {
                return test.GetPropertyValue(property);
            }
        }

        return null;
    }
}
