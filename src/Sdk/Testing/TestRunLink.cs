using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.Testing;

/// <summary>
/// Lets a plain <c>Run.Init()</c> inside a test join the run the test logger records for that test. Active
/// only when the logger announced itself to the test process (<see cref="LoggerVariable"/>) and no run id was
/// given. Works for tests without arguments; a data-driven test cannot be told apart from its siblings on
/// the call stack and uses <see cref="WandbTest.Init(object, RunOptions?)"/> instead.
/// </summary>
internal static class TestRunLink
{
    /// <summary>Set to <c>1</c> by the test logger for the processes that run the tests.</summary>
    public const string LoggerVariable = "WANDB_TEST_LOGGER";

    /// <summary>Printed when a data-driven test calls a plain <c>Run.Init()</c>, which then records a second run for that test.</summary>
    public const string DataRowWarning = "WANDB056";

    public static void Apply(RunOptions options, IEnvironmentVariables env, IWandbOutput output)
    {
        if (options.Id is not null || env.Get(LoggerVariable) != "1" || env.Get(WandbVariables.RunId) is not null)
        {
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
                DataRowWarning,
                $"Run.Init() in the data-driven test {testClass.Name}.{method.Name} cannot tell which data row it runs for, so its metrics go to a run of their own, next to the test logger's. Use WandbTest.Init(TestContext) to log onto the test's own run.");
            return;
        }

        var displayName = TestMethodLocator.DisplayName(method);
        options.Id = TestRunIds.For(
            (NonEmpty(options.Group) ?? env.Get(WandbVariables.RunGroup) ?? string.Empty).Trim(),
            testClass.Assembly.GetName().Name ?? string.Empty,
            WandbTest.FrameworkOf(testClass.Assembly),
            (testClass.FullName ?? testClass.Name) + "." + method.Name,
            displayName);
        options.Name ??= displayName;
        options.JobType ??= TestMethodLocator.JobTypeProperty(method) ?? method.Name;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
