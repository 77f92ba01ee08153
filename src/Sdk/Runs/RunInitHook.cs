namespace Wandb.Runs;

/// <summary>
/// A step every <c>Run.Init</c> of this process takes on its options before resolving them, installed by an
/// entry point that knows something <c>Run.Init</c> cannot: a test entry point installs the test link
/// (<see cref="Testing.TestRunLink"/>), so a plain <c>Run.Init()</c> inside a recorded test joins that
/// test's run while the run API itself knows nothing of tests. Empty until installed.
/// </summary>
internal static class RunInitHook
{
    private static Action<RunOptions, RunContext>? _installed;

    /// <summary>Makes <paramref name="hook"/> the step of every later <c>Run.Init</c>, in place of any installed before.</summary>
    public static void Install(Action<RunOptions, RunContext> hook) => Volatile.Write(ref _installed, hook);

    public static void Apply(RunOptions options, RunContext context) => Volatile.Read(ref _installed)?.Invoke(options, context);
}
