using Wandb.Build.Tasks.Session;
using Wandb.Build.Tasks.Tests.Fakes;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Runs;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Tests;

/// <summary>One node of one build: a fake engine, a project environment and a store in a temporary folder.</summary>
internal sealed class TaskFixture : IDisposable
{
    public TaskFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "wandb-tasks-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        StoreDirectory = Path.Combine(Root, "store");
        Environment.Values["WANDB_DISABLE_GIT"] = "true";
    }

    public string Root { get; }

    public string StoreDirectory { get; }

    public FakeBuildEngine Engine { get; } = new();

    public FakeTaskEnvironment Environment { get; } = new();

    public RecordingOutput EndOfBuildOutput { get; } = new();

    public StringWriter EndOfBuildConsole { get; } = new();

    public RunStore Store => RunStore.Open(StoreDirectory);

    public WandbStartRun Start(string target, string buildId = "b1d2c3e4") => new()
    {
        BuildEngine = Engine,
        TargetName = target,
        ProjectName = "Churn",
        ProjectDirectory = Root,
        Dir = StoreDirectory,
        BuildId = buildId,
        Configuration = "Release",
        TargetFramework = "net10.0",
        Environment = Environment,
        CreateSession = () => new BuildSession(new ReportRefresh(EndOfBuildOutput, EndOfBuildConsole, Root)),
    };

    public WandbFinishRun Finish(string runId, string target) => new()
    {
        BuildEngine = Engine,
        RunId = runId,
        TargetName = target,
        Environment = Environment,
    };

    /// <summary>The run as stored; the Before task has created it by the time it returns.</summary>
    public StoredRun StoredRun(string runId) =>
        Store.GetRun(runId) ?? throw new AssertFailedException($"Run {runId} is not in {StoreDirectory}.");

    /// <summary>
    /// What a process the target starts sees: the project's variables as they are now (the Before task has
    /// set the run's), its own record of having joined the target's run, and its output in <paramref name="output"/>.
    /// </summary>
    public RunContext Program(RecordingOutput output) => new()
    {
        Environment = new DictionaryEnvironmentVariables(Environment.Snapshot()),
        Output = output,
        CurrentDirectory = Root,
        TargetRun = new TargetRunAttachment(),
    };

    /// <summary>A finished run of this fixture's project in <paramref name="group"/>, written <paramref name="daysAgo"/> days ago by another build.</summary>
    public string EarlierRun(string group, int daysAgo)
    {
        var context = new RunContext
        {
            Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DIR"] = StoreDirectory, ["WANDB_DISABLE_GIT"] = "true" }),
            Output = new RecordingOutput(),
            CurrentDirectory = Root,
            Clock = new FixedClock(DateTimeOffset.UtcNow - TimeSpan.FromDays(daysAgo)),
            TargetRun = new TargetRunAttachment(),
        };
        using var run = Run.Init(new RunOptions { Project = "Churn", Group = group }, context);
        run.Finish();
        return run.Id;
    }

    public void Dispose()
    {
        Engine.EndBuild();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
