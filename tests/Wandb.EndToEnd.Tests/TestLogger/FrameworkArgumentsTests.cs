using System.Text.Json;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

/// <summary>
/// dotnet test --logger wandb on real xUnit, NUnit and MSTest adapters: data-row arguments are typed config
/// values, categories and traits are config, every run names its test class, and durations are real.
/// One dotnet test of a solution with the three projects serves every test here.
/// </summary>
[TestClass]
public sealed class FrameworkArgumentsTests
{
    private static readonly Lazy<(ProcessResult Result, IReadOnlyList<RecordedRun> Runs, StoreFiles Store, TestWorkspace Workspace)> Run = new(RunOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    [ClassCleanup]
    public static void CleanUp()
    {
        if (Run.IsValueCreated)
        {
            Run.Value.Workspace.Dispose();
        }
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    [DataRow(FrameworkProjects.Xunit)]
    [DataRow(FrameworkProjects.NUnit)]
    [DataRow(FrameworkProjects.MSTest)]
    public void A_data_row_of_0_point_1_1L_null_and_a_string_with_a_comma_becomes_typed_config(string project)
    {
        var train = RunOf(project, "Train");

        var config = train.Config;
        Assert.AreEqual(JsonValueKind.Number, config["fold"]!.GetValueKind(), Describe(train));
        Assert.AreEqual(0L, config["fold"]!.GetValue<long>());
        Assert.AreEqual(JsonValueKind.Number, config["learningRate"]!.GetValueKind(), "0.1 is a number, not \"0.1d\": " + Describe(train));
        Assert.AreEqual(0.1, config["learningRate"]!.GetValue<double>(), 1e-12);
        Assert.AreEqual(JsonValueKind.Number, config["steps"]!.GetValueKind(), "1L is a number, not \"1L\": " + Describe(train));
        Assert.AreEqual(1L, config["steps"]!.GetValue<long>());
        Assert.IsTrue(config.ContainsKey("tag") && config["tag"] is null, "null is a JSON null: " + Describe(train));
        Assert.AreEqual("a, b", config["name"]!.GetValue<string>(), "a comma inside the string does not split the arguments");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    [DataRow(FrameworkProjects.Xunit)]
    [DataRow(FrameworkProjects.NUnit)]
    [DataRow(FrameworkProjects.MSTest)]
    public void Categories_and_traits_are_config_and_every_run_names_its_test_class(string project)
    {
        var train = RunOf(project, "Train");

        if (project == FrameworkProjects.Xunit)
        {
            Assert.AreEqual("slow", train.Config["traits"]?["category"]?.GetValue<string>(), "xUnit traits: " + Describe(train));
        }
        else
        {
            CollectionAssert.AreEqual(new[] { "slow" }, train.Config["categories"]?.AsArray().Select(c => c!.GetValue<string>()).ToArray(), "NUnit [Category] and MSTest [TestCategory]: " + Describe(train));
        }

        Assert.AreEqual(project + ".TrainTests", train.Config["test_class"]?.GetValue<string>());
        Assert.AreEqual("Train", train.JobType, "the method stays the job type by default");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    [DataRow(FrameworkProjects.Xunit)]
    [DataRow(FrameworkProjects.NUnit)]
    [DataRow(FrameworkProjects.MSTest)]
    public void A_test_that_sleeps_a_quarter_second_records_at_least_that_long(string project)
    {
        var sleeps = RunOf(project, "Sleeps");
        var (run, _) = Run.Value.Store.BatchRecords().Single(r => (string)r.Run["id"]! == sleeps.Id);

        var minimum = (FrameworkProjects.SleepMilliseconds - 10) / 1000.0;
        Assert.IsGreaterThanOrEqualTo(minimum, sleeps.Summary["duration"]!.GetValue<double>(), Describe(sleeps));
        var span = Run.Value.Store.WriterStates(sleeps.Id).Select(s => (DateTimeOffset.Parse((string)s["finished_at"]!) - DateTimeOffset.Parse((string)run["created_at"]!)).TotalSeconds).Single();
        Assert.IsGreaterThanOrEqualTo(minimum, span, "created_at to finished_at spans the test, so reports show its real duration");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void The_test_run_passes_and_records_two_runs_per_framework()
    {
        var (result, runs, _, _) = Run.Value;

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.HasCount(6, runs, string.Join("\n", runs.Select(Describe)));
    }

    private static RecordedRun RunOf(string project, string jobType)
    {
        var runs = Run.Value.Runs;
        return runs.SingleOrDefault(r => r.JobType == jobType && ((string?)r.Config["test_class"])?.StartsWith(project + ".", StringComparison.Ordinal) == true)
            ?? throw new AssertFailedException($"No {jobType} run of {project} among:\n{string.Join("\n", runs.Select(Describe))}\n{Run.Value.Result}");
    }

    private static string Describe(RecordedRun run) => $"{run.Name} [{run.JobType}] config {run.Config.ToJsonString()} summary {run.Summary.ToJsonString()}";

    private static (ProcessResult, IReadOnlyList<RecordedRun>, StoreFiles, TestWorkspace) RunOnce()
    {
        var workspace = TestWorkspace.Create("logger-frameworks");
        FrameworkProjects.Write(workspace);
        var timeout = TimeSpan.FromMinutes(8);
        Assert.AreEqual(0, workspace.DotNet("new sln -n Frameworks --format sln", timeout: timeout).ExitCode);
        Assert.AreEqual(0, workspace.DotNet("sln Frameworks.sln add " + string.Join(" ", FrameworkProjects.All), timeout: timeout).ExitCode);

        var result = workspace.DotNet("test Frameworks.sln --logger wandb", environment: workspace.StoreEnvironment(), timeout: timeout);
        var store = new StoreFiles(workspace.StoreDirectory);
        return (result, RecordedRun.ReadAll(store), store, workspace);
    }
}
