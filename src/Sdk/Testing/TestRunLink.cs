using System.Runtime.CompilerServices;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Runs;
using Wandb.Settings;

namespace Wandb.Testing;

/// <summary>
/// Lets a plain <c>Run.Init()</c> inside a test join the run the test logger records for that test. A hook
/// (<see cref="RunInitHook"/>) that the test entry points install: the Microsoft.Testing.Platform reporter,
/// which runs in the test process, and the SDK itself when it loads in a process the VSTest logger announced
/// itself to (the testhost, where no code of ours runs before the tests). Active only while the logger's
/// variable (<see cref="LoggerVariable"/>) is set and no run id was given. The test is MSTest's current test
/// context when there is one (data rows included); otherwise the test method found on the call stack, which
/// works for tests without arguments. A data-driven test of another framework cannot be told apart from its
/// siblings and uses <see cref="WandbTest.Init(string, string, System.Reflection.Assembly, RunOptions?)"/> instead.
/// </summary>
internal static class TestRunLink
{
    /// <summary>Set to <c>1</c> by the test logger for the processes that run the tests.</summary>
    public const string LoggerVariable = "WANDB_TEST_LOGGER";

    /// <summary>Makes every later <c>Run.Init</c> of this process join the logger's run of the test it runs in.</summary>
    public static void Install() => RunInitHook.Install((options, context) => Apply(options, context.Environment, context.Output));

    /// <summary>
    /// The VSTest testhost's way in: the logger runs in another process and announces itself through
    /// <see cref="LoggerVariable"/>, which the testhost inherits. Reading one variable is all this costs
    /// the other processes that load the SDK (MSBuild, vstest.console, programs).
    /// </summary>
    [ModuleInitializer]
    internal static void InstallInAnnouncedTestProcess()
    {
        if (System.Environment.GetEnvironmentVariable(LoggerVariable) == "1")
        {
            Install();
        }
    }

    /// <param name="options">The options of the <c>Run.Init</c> call; id, name and job type are filled in.</param>
    /// <param name="env">The test process's variables.</param>
    /// <param name="output">Where the data-row warning goes.</param>
    /// <param name="currentTest">The test running now per the framework; MSTest's <c>TestContext.Current</c> unless replaced.</param>
    public static void Apply(RunOptions options, IEnvironmentVariables env, IWandbOutput output, Func<MSTestContext?>? currentTest = null)
    {
        if (options.Id is not null || env.Get(LoggerVariable) != "1" || env.Get(WandbVariables.RunId) is not null)
        {
            return;
        }

        var group = (NonEmpty(options.Group) ?? env.Get(WandbVariables.RunGroup) ?? string.Empty).Trim();
        var format = TestRunNames.JobTypeFormatOf(env);
        if ((currentTest ?? MSTestContext.Current)() is { TestAssembly: { } assembly } test)
        {
            Link(options, group, assembly, test.FullyQualifiedName, test.DisplayName, test.JobType ?? TestRunNames.JobType(test.FullyQualifiedName, format));
            return;
        }

        var method = TestMethodLocator.FindOnStack();
        if (method?.DeclaringType is not { } testClass)
        {
            return;
        }

        if (method.GetParameters().Length > 0)
        {
            // The stack names the method but not the data row, so the logger's run cannot be found: say so
            // rather than leave the user wondering why the test has two runs.
            output.Warning(
                WarningCodes.DataRowNotIdentified,
                $"Run.Init() in the data-driven test {testClass.Name}.{method.Name} cannot tell which data row it runs for (no MSTest TestContext.Current), so its metrics go to a run of their own, next to the test logger's. Use WandbTest.Init(TestContext), or WandbTest.Init(fullyQualifiedName, displayName, assembly) for other frameworks, to log onto the test's own run.");
            return;
        }

        var fullyQualifiedName = (testClass.FullName ?? testClass.Name) + "." + method.Name;
        Link(options, group, testClass.Assembly, fullyQualifiedName, TestMethodLocator.DisplayName(method), TestMethodLocator.JobTypeProperty(method) ?? TestRunNames.JobType(fullyQualifiedName, format));
    }

    /// <summary>Points the options at the logger's run of that test (the job type named as the logger names it, <see cref="TestRunNames.JobTypeFormatVariable"/>); a name or job type the caller set stays.</summary>
    private static void Link(RunOptions options, string group, System.Reflection.Assembly testAssembly, string fullyQualifiedName, string displayName, string jobType)
    {
        options.Id = TestRunIds.For(group, testAssembly, fullyQualifiedName, displayName);
        options.Name ??= displayName;
        options.JobType ??= jobType;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
