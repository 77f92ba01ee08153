using Microsoft.Build.Utilities;
using Wandb.Build.Tasks.Diagnostics;
using Wandb.Build.Tasks.Tests.Fakes;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class TaskOutputTests
{
    [TestMethod]
    public void A_warning_raised_between_tasks_is_logged_by_the_next_task_that_attaches()
    {
        var engine = new FakeBuildEngine();
        var task = new WandbFinishRun { BuildEngine = engine };
        var output = new TaskOutput();

        output.Warning("WANDB001", "store gone while the target ran");
        Assert.IsEmpty(engine.Warnings);
        output.Attach(task.Log, strict: false);

        Assert.AreEqual("WANDB001", engine.Warnings.Single().Code);
        StringAssert.Contains(engine.Warnings.Single().Message, "store gone");
    }

    [TestMethod]
    public void In_strict_mode_a_warning_of_the_sdk_becomes_an_error_with_the_same_code()
    {
        var engine = new FakeBuildEngine();
        var log = new TaskLoggingHelper(engine, "WandbStartRun");
        var output = new TaskOutput();
        output.Attach(log, strict: true);

        output.Warning("WANDB001", "store gone");

        Assert.AreEqual("WANDB001", engine.Errors.Single().Code);
        Assert.IsTrue(log.HasLoggedErrors);
    }
}
