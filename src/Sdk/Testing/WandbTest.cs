using System.Reflection;
using System.Runtime.Versioning;
using Wandb.Environment;
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

        var test = MSTestContext.Read(testContext);
        return Init(test.FullyQualifiedName, test.DisplayName, test.TestAssembly, test.JobType, options);
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
        return TestRunIds.For(group.Trim(), testAssembly, fullyQualifiedName, displayName);
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
        options.JobType ??= jobType ?? TestRunNames.JobType(fullyQualifiedName, TestRunNames.JobTypeFormatOf(ProcessEnvironmentVariables.Instance));
        options.Resume = ResumeMode.Allow;
        return Run.Init(options);
    }

    internal static string? FrameworkOf(Assembly assembly) =>
        assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
}
