using Wandb.Build.Tasks.Export;
using Wandb.Environment;
using Wandb.Runs;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class WandbExportRunsTests
{
    [TestMethod]
    public void The_task_exports_the_runs_of_the_build_store_of_the_groups_asked_for()
    {
        using var fixture = new TaskFixture();
        var environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?> { ["WANDB_DIR"] = fixture.StoreDirectory, ["WANDB_DISABLE_GIT"] = "true" });
        var context = RunContext.Default with { Environment = environment, CurrentDirectory = fixture.Root, Output = new RecordingOutput() };
        foreach (var (id, group) in new[] { ("exp-a1", "cv-a"), ("exp-a2", "cv-a"), ("exp-b1", "cv-b"), ("exp-c1", "cv-c") })
        {
            using var run = Run.Init(new RunOptions { Id = id, Project = "churn", Group = group }, context);
            run.Log("loss", 0.5);
        }

        var task = new WandbExportRuns
        {
            BuildEngine = fixture.Engine,
            OutputDirectory = "exported",
            BaseDirectory = fixture.Root,
            Groups = new[] { "cv-a", " cv-c " },
            Environment = environment,
        };

        Assert.IsTrue(task.Execute(), string.Join("\n", fixture.Engine.Errors.Select(e => e.Message)));

        Assert.AreEqual(3, task.Runs);
        var files = Directory.GetFiles(Path.Combine(fixture.Root, "exported"), "*.wandb", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        CollectionAssert.AreEquivalent(new[] { "run-exp-a1.wandb", "run-exp-a2.wandb", "run-exp-c1.wandb" }, files);
        StringAssert.Contains(string.Join("\n", fixture.Engine.Messages.Select(m => m.Message)), "Exported 3 run(s) with 3 history row(s) to " + Path.Combine(fixture.Root, "exported"));
    }

    [TestMethod]
    public void A_store_that_is_not_a_connection_string_fails_the_task_with_a_coded_error_that_hides_the_value()
    {
        using var fixture = new TaskFixture();
        var task = new WandbExportRuns
        {
            BuildEngine = fixture.Engine,
            OutputDirectory = "exported",
            BaseDirectory = fixture.Root,
            Store = "secret-looking-value",
            Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string?>()),
        };

        Assert.IsFalse(task.Execute());

        var error = fixture.Engine.Errors.Single();
        Assert.AreEqual("WANDB125", error.Code);
        StringAssert.Contains(error.Message, "WandbStore must be a PostgreSQL connection string");
        Assert.IsFalse(error.Message.Contains("secret-looking-value", StringComparison.Ordinal));
    }
}
