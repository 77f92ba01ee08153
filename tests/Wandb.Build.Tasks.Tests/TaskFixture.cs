using Wandb.Build.Tasks.Session;
using Wandb.Build.Tasks.Tests.Fakes;
using Wandb.Reports;
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

    /// <summary>The run as stored; waits a little, since the Before task creates it in the background while the target runs.</summary>
    public StoredRun StoredRun(string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var run = Store.GetRun(runId);
            if (run is not null)
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Run {runId} is not in {StoreDirectory}.");
            }

            Thread.Sleep(20);
        }
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
