using System.Collections;
using System.Reflection;
using System.Runtime.Versioning;
using Wandb.Settings;

namespace Wandb.Testing;

/// <summary>
/// Opens the run that the test logger records for the current test, so metrics a test logs land on the
/// same run as its outcome, duration and data-row arguments (never two runs for one test result).
/// </summary>
/// <remarks>
/// The logger and the test run in different processes; both derive the run id from the group, the test
/// assembly, its target framework, the fully-qualified test name and the display name, and the store lets
/// both attach to that id. Works without the logger too: the run is then an ordinary run of the group in
/// <c>WANDB_RUN_GROUP</c>, if any.
/// </remarks>
public static class WandbTest
{
    /// <summary>
    /// Opens the run of the test described by an MSTest <c>TestContext</c> (read through its public
    /// properties <c>FullyQualifiedTestClassName</c>, <c>TestName</c>, <c>TestDisplayName</c> and
    /// <c>Properties</c>, so no MSTest reference is needed). Call it from the test method:
    /// <c>using var run = WandbTest.Init(TestContext);</c>.
    /// </summary>
    /// <param name="testContext">The test's MSTest <c>TestContext</c>.</param>
    /// <param name="options">Further options (config, project); id, name, group and job type are set from the test.</param>
    /// <exception cref="ArgumentException">The object is not an MSTest <c>TestContext</c> (the message names the missing property).</exception>
    public static Run Init(object testContext, RunOptions? options = null)
    {
        if (testContext is null)
        {
            throw new ArgumentNullException(nameof(testContext));
        }

        var className = ReadString(testContext, "FullyQualifiedTestClassName");
        var methodName = ReadString(testContext, "TestName");
        var displayName = TryReadString(testContext, "TestDisplayName") ?? methodName;
        var jobType = ReadProperty(testContext, TestRunNames.JobTypeProperty);
        var testClass = FindType(className);
        return Init(className + "." + methodName, displayName, testClass?.Assembly, jobType, options);
    }

    /// <summary>
    /// Opens the run of a test given its fully-qualified name (<c>Namespace.Class.Method</c>) and display
    /// name, for frameworks other than MSTest. <paramref name="testAssembly"/> is the assembly holding the test.
    /// </summary>
    public static Run Init(string fullyQualifiedName, string displayName, Assembly testAssembly, RunOptions? options = null)
    {
        if (testAssembly is null)
        {
            throw new ArgumentNullException(nameof(testAssembly));
        }

        return Init(fullyQualifiedName, displayName, testAssembly, null, options);
    }

    /// <summary>The id of the run the test logger records for the given test in the current group.</summary>
    public static string IdFor(string fullyQualifiedName, string displayName, Assembly testAssembly)
    {
        var group = System.Environment.GetEnvironmentVariable(WandbVariables.RunGroup) ?? string.Empty;
        return TestRunIds.For(group.Trim(), testAssembly.GetName().Name ?? string.Empty, FrameworkOf(testAssembly), fullyQualifiedName, displayName);
    }

    private static Run Init(string fullyQualifiedName, string displayName, Assembly? testAssembly, string? jobType, RunOptions? options)
    {
        if (string.IsNullOrWhiteSpace(fullyQualifiedName))
        {
            throw new ArgumentException("The fully-qualified test name must not be empty.", nameof(fullyQualifiedName));
        }

        options ??= new RunOptions();
        var assembly = testAssembly ?? Assembly.GetEntryAssembly();
        options.Id = assembly is null ? null : IdFor(fullyQualifiedName, displayName, assembly);
        options.Name ??= displayName;
        options.JobType ??= jobType ?? TestRunNames.MethodName(fullyQualifiedName);
        options.Resume = ResumeMode.Allow;
        return Run.Init(options);
    }

    internal static string? FrameworkOf(Assembly assembly) =>
        assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

    private static Type? FindType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var type = assembly.GetType(fullName, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    }

    private static string ReadString(object target, string property) =>
        TryReadString(target, property)
        ?? throw new ArgumentException($"The object passed as test context ({target.GetType().FullName}) has no string property '{property}'; pass MSTest's TestContext.", nameof(target));

    private static string? TryReadString(object target, string property) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetValue(target) as string;

    private static string? ReadProperty(object testContext, string key)
    {
        var properties = testContext.GetType().GetProperty("Properties", BindingFlags.Public | BindingFlags.Instance)?.GetValue(testContext);
        return properties switch
        {
            IDictionary<string, object?> generic => generic.TryGetValue(key, out var value) ? value as string : null,
            IDictionary legacy => legacy.Contains(key) ? legacy[key] as string : null,
            _ => null,
        };
    }
}
