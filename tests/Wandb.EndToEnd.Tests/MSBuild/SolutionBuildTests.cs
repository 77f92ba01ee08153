using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.MSBuild;

[TestClass]
public sealed class SolutionBuildTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_solution_of_two_projects_built_in_parallel_shares_one_group()
    {
        using var workspace = TestWorkspace.Create("msb-solution");
        TrainingConsumer.Write(workspace, "Churn");
        TrainingConsumer.Write(workspace, "Fraud");
        Assert.AreEqual(0, workspace.DotNet("new sln -n Models --format sln").ExitCode);
        var added = workspace.DotNet("sln Models.sln add Churn/Churn.csproj Fraud/Fraud.csproj");
        Assert.AreEqual(0, added.ExitCode, added.ToString());

        var result = workspace.DotNet("build Models.sln -m:2 -t:Train -v:n", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(6));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var runs = TrainingConsumer.Runs(new StoreFiles(workspace.StoreDirectory));
        Assert.HasCount(2, runs, result.ToString());
        CollectionAssert.AreEquivalent(new[] { "Churn", "Fraud" }, runs.Select(r => (string?)r.Metadata["project"]).ToArray());
        var groups = runs.Select(r => (string?)r.Metadata["group"]).Distinct().ToList();
        Assert.HasCount(1, groups, "one group for the whole build: " + result);
        StringAssert.StartsWith(groups[0], "build-");
        var writers = runs.SelectMany(r => r.States).Where(s => s["rows"]!.GetValue<long>() == 0).Select(s => s["pid"]!.GetValue<int>()).Distinct().Count();
        Assert.AreEqual(2, writers, "the two projects were tracked on two MSBuild nodes, so the group crossed processes: " + result);
    }
}
